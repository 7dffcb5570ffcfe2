#!/usr/bin/env node
// `npm start`: get everything ready and serve the dashboards at http://127.0.0.1:3000, with no network at all.
//   1. data     the exports the site is built from ($BIZENV_EXPORTS or data/exports/): when there are none, run
//               `bizenv score`, and first `bizenv demo` (SYNTHETIC feeds, loaded) when there is no warehouse yet
//   2. seed     Framework's npm cache from node_modules (scripts/seed-framework-cache.mjs)
//   3. build    the Observable Framework site into dist/ (telemetry off)
//   4. serve    dist/ with the small static server below (clean URLs: /tasks -> tasks.html)
//
// Usage: node scripts/start.mjs [--host 127.0.0.1] [--port 3000] [--no-build]
//   --port 0 picks a free port; the "serving http://…" line on stdout gives the address (tests read it).
//   --no-build serves the dist/ already built (and skips steps 1–3).
import {spawn} from "node:child_process";
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer} from "node:http";
import {delimiter, dirname, extname, join, normalize, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {seed} from "./seed-framework-cache.mjs";

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const distDir = join(projectDir, "dist");

/** The demo's last day of data: the demo is scored as of it, so its feeds are fresh on the day they describe. */
const DEMO_AS_OF = "2023-06-30";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/vnd.apache.parquet",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".zip": "application/zip",
};

function parseArgs(argv) {
  const args = {host: "127.0.0.1", port: 3000, build: true};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-build") args.build = false;
    else if (arg === "--host") args.host = argv[++i];
    else if (arg === "--port") args.port = Number(argv[++i]);
    else throw new Error(`unknown argument: ${arg} (usage: start.mjs [--host h] [--port n] [--no-build])`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error("--port needs 0-65535");
  return args;
}

/** The file under `root` a URL path names, trying Framework's clean URLs; null when there is none. */
function resolveFile(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null; // no escaping dist/ with ../
  const candidates = path.endsWith("/") ? [join(file, "index.html")] : [file, `${file}.html`, join(file, "index.html")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/**
 * A static file server for a built Framework site: GET/HEAD only, clean URLs, dist/404.html for misses, long-lived
 * caching for content-hashed assets (Framework puts them under /_…/) and revalidation for pages.
 */
export function createStaticServer(root = distDir) {
  root = resolve(root);
  return createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, {allow: "GET, HEAD"}).end();
      return;
    }
    const urlPath = req.url ?? "/";
    let file = resolveFile(root, urlPath);
    let status = 200;
    if (!file) {
      status = 404;
      file = existsSync(join(root, "404.html")) ? join(root, "404.html") : null;
    }
    const headers = {"x-content-type-options": "nosniff"};
    if (!file) {
      res.writeHead(404, {...headers, "content-type": "text/plain; charset=utf-8"}).end("not found\n");
      return;
    }
    headers["content-type"] = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
    headers["content-length"] = statSync(file).size;
    headers["cache-control"] = urlPath.startsWith("/_") ? "public, max-age=31536000, immutable" : "no-cache";
    res.writeHead(status, headers);
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
}

/** Runs `node bin/bizenv.mjs <args>` with this environment; rejects with its exit code if it fails. */
function bizenv(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(projectDir, "bin", "bizenv.mjs"), ...args], {
      cwd: process.cwd(),
      env: process.env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolvePromise() : reject(new Error(`bizenv ${args[0]} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/**
 * Step 1: exports to build from. Where `bizenv score` puts them ($BIZENV_EXPORTS, else data/exports/) already holds a
 * manifest: use them. Otherwise score the warehouse ($BIZENV_DB, else data/warehouse.duckdb), and when there is no
 * warehouse yet, first generate and load the SYNTHETIC demo, scored as of its last day.
 */
export async function ensureExports({log = (m) => console.error(m)} = {}) {
  const exportsDir = process.env.BIZENV_EXPORTS
    ? resolve(projectDir, process.env.BIZENV_EXPORTS)
    : join(projectDir, "data", "exports");
  if (existsSync(join(exportsDir, "manifest.json"))) {
    log(`using the exports in ${exportsDir}`);
    return;
  }
  const warehouse = process.env.BIZENV_DB?.trim()
    ? resolve(process.cwd(), process.env.BIZENV_DB.trim())
    : join(projectDir, "data", "warehouse.duckdb");
  let asOf = [];
  if (!existsSync(warehouse)) {
    log(`no warehouse at ${warehouse}: generating and loading the SYNTHETIC demo feeds (bizenv demo)`);
    await bizenv(["demo", "--as-of", DEMO_AS_OF]);
    asOf = ["--as-of", DEMO_AS_OF];
  }
  log(`no exports in ${exportsDir}: scoring the warehouse (bizenv score)`);
  await bizenv(["score", ...asOf]);
}

/** Runs `observable build` (the project's own Framework, telemetry off); rejects if it fails. */
export function buildSite({log = (m) => console.error(m)} = {}) {
  const cli = join(projectDir, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, "build"], {
      cwd: projectDir,
      // node_modules/.bin on PATH as under `npm run`, for data loaders that call project tools by name.
      env: {
        ...process.env,
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        PATH: [join(projectDir, "node_modules", ".bin"), process.env.PATH].join(delimiter),
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) {
        log(`site built in ${((performance.now() - started) / 1000).toFixed(1)} s (dist/)`);
        resolvePromise();
      } else reject(new Error(`observable build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.build) {
    await ensureExports(); // step 1
    await seed({}); // step 2
    await buildSite(); // step 3
  } else if (!existsSync(join(distDir, "index.html"))) {
    throw new Error("dist/ has no built site: run without --no-build first");
  }
  const server = createStaticServer(distDir); // step 4
  await new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(args.port, args.host, resolvePromise);
  });
  const {port} = server.address();
  console.log(`serving http://${args.host}:${port}/ (dist/); press Ctrl+C to stop`);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
