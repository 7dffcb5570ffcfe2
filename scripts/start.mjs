#!/usr/bin/env node
// `npm start`: get everything ready and serve the dashboards at http://127.0.0.1:3000, with no network at all.
//   1. data     the exports the site is built from ($BIZENV_EXPORTS or data/exports/): when there are none, run
//               `bizenv score`, and first `bizenv demo` (SYNTHETIC feeds, loaded) when there is no warehouse yet
//   2. seed     Framework's npm cache from node_modules (scripts/seed-framework-cache.mjs)
//   3. build    the Observable Framework site into dist/ (telemetry off)
//   4. serve    dist/ with the small static server below (clean URLs: /tasks -> tasks.html; text files gzipped for
//               clients that accept it)
//
// Usage: node scripts/start.mjs [--host 127.0.0.1] [--port 3000] [--no-build]
//   --port 0 picks a free port; the "serving http://…" line on stdout gives the address (tests read it).
//   --no-build serves the dist/ already built (and skips steps 1–3).
// Steps 2–3 are also `buildOffline()` for other scripts (`bizenv bench` builds a site into a temporary folder with it).
import {spawn} from "node:child_process";
import {
  createReadStream,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import {readFile, stat} from "node:fs/promises";
import {createServer} from "node:http";
import {delimiter, dirname, extname, join, normalize, resolve, sep} from "node:path";
import {setTimeout as sleep} from "node:timers/promises";
import {fileURLToPath} from "node:url";
import {promisify} from "node:util";
import {gzip} from "node:zlib";
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

/**
 * Formats the server gzips for clients that accept it: text, and DuckDB-wasm's engine and the Arrow files the
 * Explore page reads (35.7 MB of wasm goes out as 7.1 MB, 4.4 MB of Arrow as 1.1 MB); images, fonts, XLSX and zip
 * (already compressed) as they are.
 */
export const COMPRESSIBLE = new Set([
  ".html",
  ".js",
  ".css",
  ".json",
  ".csv",
  ".tsv",
  ".txt",
  ".svg",
  ".wasm",
  ".arrow",
]);

/** Whether the server gzips this file (by its extension) for a client that accepts gzip. */
export function isCompressible(file) {
  return COMPRESSIBLE.has(extname(file).toLowerCase());
}

const gzipAsync = promisify(gzip);

/**
 * The gzip bytes the server sends for a file's bytes, or null when gzip would not make them smaller (the server then
 * sends them as they are). Level 9 (6 above 1 MB): each file is compressed once per server process and kept in
 * memory, so the extra effort is paid once. `bizenv bench` counts page bytes with this same function.
 */
export async function gzipFor(bytes) {
  // Level 6 above 1 MB: the 35 MB wasm engine compresses in about 1 s instead of several, nearly as small.
  const compressed = await gzipAsync(bytes, {level: bytes.length > 1_000_000 ? 6 : 9});
  return compressed.length < bytes.length ? compressed : null;
}

/** Whether an Accept-Encoding header allows gzip: `gzip` (or `x-gzip`, or `*`) listed without q=0. */
export function acceptsGzip(header) {
  if (!header) return false;
  let gzipQ = null;
  let anyQ = null;
  for (const part of String(header).split(",")) {
    const [coding = "", ...params] = part.split(";").map((x) => x.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const weight = Number.isFinite(q) ? q : 0;
    if (coding === "gzip" || coding === "x-gzip") gzipQ = Math.max(gzipQ ?? 0, weight);
    else if (coding === "*") anyQ = weight;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}

/**
 * The gzipped bytes of served files, in memory, keyed by path and checked against the file's mtime and size, so a
 * rebuilt file is compressed again. At most `limitBytes` of compressed bytes are kept (least recently used go first);
 * concurrent requests for the same file share one compression.
 *
 * Why in memory rather than `.gz` files written at build time: the server serves whatever dist/ it is pointed at
 * (`npm run build`, `--no-build`, screenshots), so it cannot rely on a build step having run, and a `.gz` sibling left
 * from an earlier build could go stale; compressing a file costs milliseconds once per server process.
 */
function gzipCache(limitBytes = 64 * 1024 * 1024) {
  const entries = new Map(); // file -> {key, size, promise}
  let total = 0;
  const evict = () => {
    for (const [file, entry] of entries) {
      if (total <= limitBytes) break;
      if (entry.size === 0) continue; // still compressing
      entries.delete(file);
      total -= entry.size;
    }
  };
  /** Resolves to the gzip bytes of `file` (whose stat is `info`), or null when gzip does not make it smaller. */
  return function gzipped(file, info) {
    const key = `${info.mtimeMs}:${info.size}`;
    const hit = entries.get(file);
    if (hit?.key === key) {
      entries.delete(file); // most recently used last
      entries.set(file, hit);
      return hit.promise;
    }
    if (hit) {
      entries.delete(file);
      total -= hit.size;
    }
    const entry = {key, size: 0, promise: null};
    entry.promise = readFile(file).then(
      async (bytes) => {
        const compressed = await gzipFor(bytes);
        if (bytes.length !== info.size) {
          if (entries.get(file) === entry) entries.delete(file); // changed while read: do not keep it
        } else if (entries.get(file) === entry) {
          entry.size = Math.max(1, compressed?.length ?? 0);
          total += entry.size;
          evict();
        }
        return compressed;
      },
      (error) => {
        if (entries.get(file) === entry) entries.delete(file);
        throw error;
      },
    );
    entries.set(file, entry);
    return entry.promise;
  };
}

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
 * caching for content-hashed assets (Framework puts them under /_…/) and revalidation for pages. Text files
 * (COMPRESSIBLE) go out gzip-compressed to clients whose Accept-Encoding allows it, identical bytes otherwise; their
 * responses say `Vary: Accept-Encoding` either way, so a cache in between keeps the two apart.
 */
export function createStaticServer(root = distDir) {
  root = resolve(root);
  const gzipped = gzipCache();
  return createServer((req, res) => {
    serve(root, gzipped, req, res).catch((error) => {
      if (res.headersSent) res.destroy(error);
      else res.writeHead(500, {"content-type": "text/plain; charset=utf-8"}).end("internal error\n");
    });
  });
}

async function serve(root, gzipped, req, res) {
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
  const info = await stat(file);
  headers["content-type"] = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
  headers["cache-control"] = urlPath.startsWith("/_") ? "public, max-age=31536000, immutable" : "no-cache";
  if (isCompressible(file)) {
    headers["vary"] = "Accept-Encoding";
    const compressed = acceptsGzip(req.headers["accept-encoding"]) ? await gzipped(file, info) : null;
    if (compressed) {
      headers["content-encoding"] = "gzip";
      headers["content-length"] = compressed.length;
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : compressed);
      return;
    }
  }
  headers["content-length"] = info.size;
  res.writeHead(status, headers);
  if (req.method === "HEAD") res.end();
  else
    createReadStream(file)
      .on("error", (error) => res.destroy(error))
      .pipe(res);
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
  // The same rule as the CLI and the data loaders (pipeline/config.ts), imported through tsx: this file runs on plain
  // Node, and only here, so what pipeline/bench imports from it stays plain.
  const {tsImport} = await import("tsx/esm/api");
  const {exportsPath} = await tsImport("../pipeline/config.ts", import.meta.url);
  const exportsDir = exportsPath(process.env);
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

/**
 * Runs `observable build` (the project's own Framework, telemetry off); rejects if it fails.
 *   exportsDir  build from these exports ($BIZENV_EXPORTS for the config and the data loaders); default: as set
 *   outDir      write the site there ($BIZENV_DIST, read by observablehq.config.ts) instead of dist/; it must not
 *               exist or be empty (Framework clears only an output folder inside the project)
 *   quiet       keep Framework's output off this process's stdout and stderr (its tail is in the error if it fails)
 */
export function buildSite({log = (m) => console.error(m), exportsDir, outDir, quiet = false} = {}) {
  const cli = join(projectDir, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
  if (outDir && existsSync(outDir) && readdirSync(outDir).length > 0)
    return Promise.reject(new Error(`will not build into ${outDir}: it is not empty`));
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, "build"], {
      cwd: projectDir,
      // node_modules/.bin on PATH as under `npm run`, for data loaders that call project tools by name.
      env: {
        ...process.env,
        ...(exportsDir ? {BIZENV_EXPORTS: resolve(exportsDir)} : {}),
        ...(outDir ? {BIZENV_DIST: resolve(outDir)} : {}),
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        PATH: [join(projectDir, "node_modules", ".bin"), process.env.PATH].join(delimiter),
      },
      stdio: quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
    });
    let output = "";
    const keep = (chunk) => void (output = (output + chunk.toString()).slice(-8000));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) {
        log(`site built in ${((performance.now() - started) / 1000).toFixed(1)} s (${outDir ?? "dist/"})`);
        resolvePromise();
      } else {
        const tail = quiet ? `:\n${output.slice(-4000)}` : "";
        reject(new Error(`observable build failed (${signal ?? `exit code ${code}`})${tail}`));
      }
    });
  });
}

/**
 * Runs `fn` holding the site-build lock (dashboards/.observablehq/bizenv-build.lock, the holder's pid inside), waiting
 * while another process holds it. Every build shares Framework's cache under dashboards/.observablehq/, data-loader
 * outputs included: two builds at once (a test's and `bizenv bench`'s) could each clear or reuse the other's data.
 * A lock left by a process that no longer runs is taken over.
 */
async function withBuildLock(fn, log) {
  const lock = join(projectDir, "dashboards", ".observablehq", "bizenv-build.lock");
  mkdirSync(dirname(lock), {recursive: true});
  let told = false;
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, {flag: "wx"});
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    let holder = null;
    try {
      holder = Number(readFileSync(lock, "utf8").trim()) || null;
    } catch {
      continue; // released meanwhile
    }
    if (holder !== null && !isRunning(holder)) {
      // Take the dead holder's lock away by rename (atomic: of two waiters, one gets it). If what was taken turns out
      // to be a live build's fresh lock (another waiter replaced the dead one first), put it back.
      const taken = `${lock}.stale-${process.pid}`;
      try {
        renameSync(lock, taken);
      } catch {
        continue; // another waiter took it
      }
      const owner = Number(readFileSync(taken, "utf8").trim()) || null;
      if (owner !== holder) {
        try {
          linkSync(taken, lock);
        } catch {
          // a third build already holds a new lock: the live one keeps building, nothing more to do
        }
      }
      rmSync(taken, {force: true});
      continue;
    }
    if (!told) log(`waiting for another site build${holder ? ` (pid ${holder})` : ""}: builds share Framework's cache`);
    told = true;
    await sleep(500);
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, {force: true});
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Steps 2 and 3 with no network: seed Framework's npm cache from node_modules, then build the site (options as for
 * buildSite), one build at a time (withBuildLock). Seeding also drops the data loaders' cached outputs, so the site
 * shows the exports it is built from.
 */
export async function buildOffline({log = (m) => console.error(m), ...options} = {}) {
  await withBuildLock(async () => {
    await seed({log});
    await buildSite({log, ...options});
  }, log);
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.build) {
    await ensureExports(); // step 1
    await buildOffline(); // steps 2 and 3
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
