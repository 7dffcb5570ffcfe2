#!/usr/bin/env node
// `npm run screenshots`: a full-page PNG of every dashboard page, Chinese and English, into docs/screenshots/
// (index.png, tasks.png, en-index.png, …). Builds the site offline first (as `npm start` does), serves dist/ on a free
// port of 127.0.0.1 and drives Debian's headless Chromium (apt-get install chromium fonts-noto-cjk).
//
// Usage: node scripts/screenshots.mjs [--no-build] [--width 1440] [--height 900] [--out docs/screenshots]
import {existsSync, mkdirSync, readdirSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium} from "playwright-core";
import {seed} from "./seed-framework-cache.mjs";
import {buildSite, createStaticServer} from "./start.mjs";

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const distDir = join(projectDir, "dist");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function parseArgs(argv) {
  const args = {build: true, width: 1440, height: 900, out: join(projectDir, "docs", "screenshots")};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-build") args.build = false;
    else if (arg === "--width") args.width = Number(argv[++i]);
    else if (arg === "--height") args.height = Number(argv[++i]);
    else if (arg === "--out") args.out = resolve(argv[++i]);
    else
      throw new Error(
        `unknown argument: ${arg} (usage: screenshots.mjs [--no-build] [--width n] [--height n] [--out dir])`,
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
    await seed({});
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
    for (const path of builtPages(distDir)) {
      await page.goto(base + path, {waitUntil: "networkidle"});
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(300); // charts and tables render after the data arrives
      const file = join(args.out, fileName(path));
      await page.screenshot({path: file, fullPage: true});
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
