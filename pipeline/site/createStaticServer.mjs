// The static file server `npm start` serves a built site with (and the screenshots and browser tests reach it
// through): clean URLs, 404.html for misses, caching headers, and gzip as gzipFor.mjs decides.
import {createReadStream, existsSync, statSync} from "node:fs";
import {readFile, stat} from "node:fs/promises";
import {createServer} from "node:http";
import {extname, join, normalize, resolve, sep} from "node:path";
import {gzipFor, isCompressible} from "./gzipFor.mjs";
import {distDir} from "./projectDir.mjs";

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
