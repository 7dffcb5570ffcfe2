// The gzip policy of the dashboards: which files go out compressed and as which bytes. The static server
// (createStaticServer.mjs) sends exactly these bytes, and `bizenv bench` counts page bytes with them, so the two
// cannot drift apart.
import {extname} from "node:path";
import {promisify} from "node:util";
import {gzip} from "node:zlib";

/**
 * Formats the server gzips for clients that accept it: text, and DuckDB-wasm's engine and the Arrow files the
 * Explore page reads (35.7 MB of wasm goes out as 7.1 MB, 4.4 MB of Arrow as 1.1 MB); images, fonts, XLSX and zip
 * (already compressed) as they are.
 */
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".csv", ".tsv", ".txt", ".svg", ".wasm", ".arrow"]);

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
