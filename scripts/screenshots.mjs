#!/usr/bin/env node
// `npm run screenshots`: a full-page PNG of every dashboard page, Chinese and English, into docs/screenshots/
// (index.png, tasks.png, en-index.png, indicators-starting_a_business.png, …; the meeting-room screen at 1920 × 1080).
// Builds the site offline first (as `npm start` does, demo data included when there are no exports), serves dist/ on
// a free port of 127.0.0.1 and drives Debian's headless Chromium (apt-get install chromium fonts-noto-cjk).
//
// Usage: node scripts/screenshots.mjs [--no-build] [--width 1440] [--height 900] [--out docs/screenshots]
//          [--pages REGEX]   only the pages whose path matches, e.g. --pages '^/(en/)?(|tasks|screen)$'
//   Every page (~56, some 4 MB long) is for review; the README uses a few (see --pages).
import {existsSync, mkdirSync, readdirSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {chromium} from "playwright-core";
import {buildSite} from "../pipeline/site/buildSite.mjs";
import {createStaticServer} from "../pipeline/site/createStaticServer.mjs";
import {ensureExports} from "../pipeline/site/ensureExports.mjs";
import {distDir, projectDir} from "../pipeline/site/projectDir.mjs";
import {seedFrameworkCache} from "../pipeline/site/seedFrameworkCache.mjs";
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function parseArgs(argv) {
  const args = {build: true, width: 1440, height: 900, out: join(projectDir, "docs", "screenshots"), pages: null};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-build") args.build = false;
    else if (arg === "--width") args.width = Number(argv[++i]);
    else if (arg === "--height") args.height = Number(argv[++i]);
    else if (arg === "--out") args.out = resolve(argv[++i]);
    else if (arg === "--pages") args.pages = new RegExp(argv[++i]);
    else
      throw new Error(
        `unknown argument: ${arg} (usage: screenshots.mjs [--no-build] [--width n] [--height n] [--out dir] [--pages regex])`,
      );
  }
  return args;
}

/** Every built page as its URL path ("/", "/tasks", "/en/"), skipping Framework's `_…` asset folders and 404. */
function builtPages(dir, prefix = "/") {
  const pages = [];
  for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith("_")) continue;
    if (entry.isDirectory()) pages.push(...builtPages(join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name.endsWith(".html") && !(prefix === "/" && entry.name === "404.html")) {
      pages.push(entry.name === "index.html" ? prefix : `${prefix}${entry.name.slice(0, -".html".length)}`);
    }
  }
  return pages;
}

/** "/" → index.png, "/en/tasks" → en-tasks.png. */
function fileName(path) {
  const name = path.replace(/^\//, "").replace(/\/$/, "/index").replaceAll("/", "-");
  return `${name || "index"}.png`;
}

async function main(argv) {
  const args = parseArgs(argv);
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: apt-get install chromium fonts-noto-cjk`);
  if (args.build) {
    await ensureExports();
    await seedFrameworkCache({});
    await buildSite();
  }
  if (!existsSync(join(distDir, "index.html"))) throw new Error("dist/ has no built site: run without --no-build");
  const server = createStaticServer(distDir);
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    mkdirSync(args.out, {recursive: true});
    const page = await browser.newPage({viewport: {width: args.width, height: args.height}});
    for (const path of builtPages(distDir).filter((p) => !args.pages || args.pages.test(p))) {
      // The meeting-room screen is a fixed 1920 × 1080 stage: shoot it at that size, not as a long page.
      const screen = /(^|\/)screen$/.test(path);
      await page.setViewportSize(screen ? {width: 1920, height: 1080} : {width: args.width, height: args.height});
      await page.goto(base + path, {waitUntil: "networkidle"});
      await page.evaluate(() => document.fonts.ready);
      // Charts and tables render after their data arrives (DuckDB-wasm on Explore takes longest).
      await page
        .waitForFunction(() => !document.querySelector("observablehq-loading"), null, {timeout: 30_000})
        .catch(() => {});
      await page.waitForTimeout(300);
      const file = join(args.out, fileName(path));
      await page.screenshot({path: file, fullPage: !screen});
      console.log(`${path} → ${relative(projectDir, file)}`);
    }
  } finally {
    await browser.close();
    server.close();
    server.closeAllConnections();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
