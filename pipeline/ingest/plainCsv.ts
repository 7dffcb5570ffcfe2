import {createReadStream} from "node:fs";

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * The characters DuckDB's `trim` removes, as UTF-8 bytes read one per character (latin1): Unicode's space
 * separators (category Zs), and nothing else (tested over every code point in tests/ingest/plainCsv.test.ts).
 */
const SPACE_SEPARATOR = String.raw`(?: |\xC2\xA0|\xE1\x9A\x80|\xE2\x80[\x80-\x8A\xAF]|\xE2\x81\x9F|\xE3\x80\x80)`;
/** The longest space separator in bytes: how much of a chunk's end a pattern cut by the boundary may hold. */
const CARRY = 3;

/**
 * Whether a UTF-8 delimited file is "plain": one record per physical line, so that DuckDB's reader can stage it
 * straight from the file and a row's line is its position plus one (the header is line 1). Plain means: no quote
 * character anywhere (no quoted delimiters or line breaks), no empty line, no lone CR (LF or CRLF line ends only),
 * and no line after the header that starts with the delimiter, a space or a tab (a row of only delimiters and blanks
 * is a blank row, which the numbering pass skips rather than rejects). System exports usually are plain; anything else goes through
 * `numberRecords`, which numbers every record whatever its quoting. Also counts the data lines (records), which
 * the caller checks against what DuckDB read. Native `indexOf` over 1 MiB chunks: about 0.1 s per 70 MB.
 */
export async function scanPlainCsv(
  path: string,
  delimiter: string,
): Promise<{plain: false} | {plain: true; records: number}> {
  const delim = Buffer.from(delimiter, "utf8")[0]!;
  let lines = 0;
  let previous = -1; // the last byte of the previous chunk (-1: none yet)
  let last = -1;
  for await (const data of createReadStream(path, {highWaterMark: 1 << 20})) {
    const chunk = data as Buffer;
    if (chunk.length === 0) continue;
    if (chunk.indexOf(QUOTE) !== -1) return {plain: false};
    // Across the chunk boundary: the two-byte patterns that span it.
    if (previous === LF && startsBlankish(chunk[0]!, delim)) return {plain: false};
    if (previous === CR && chunk[0] !== LF) return {plain: false};
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
      lines++;
      const next = chunk[at + 1];
      if (next !== undefined && startsBlankish(next, delim)) return {plain: false};
    }
    for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1)) {
      const next = chunk[at + 1];
      if (next === undefined) continue; // checked with the next chunk
      if (next !== LF) return {plain: false};
      // "\r\n\r\n" is an empty line: the LF loop sees "\n\r".
    }
    previous = chunk[chunk.length - 1]!;
    last = previous;
  }
  if (last === CR) return {plain: false};
  // Lines end with LF; a last line without one still counts.
  const total = last === -1 ? 0 : last === LF ? lines : lines + 1;
  return {plain: true, records: Math.max(0, total - 1)};
}

/**
 * Whether no cell of a plain file (`scanPlainCsv`) begins or ends with a space separator (a space, U+3000,
 * U+00A0 …: what DuckDB's `trim` removes): a space separator after a cell's start (the delimiter or a line end) or
 * before its end (the delimiter, CR, LF or the file's end). With no quote in the file either (a plain file has
 * none), every cell is then already the text the rules read (checkSql.ts `cellText`: nothing to trim, no `="…"` to
 * unwrap), and the checks skip those tests. The header's line is looked at too: a space there only costs the fast
 * path, never a value. One regular expression over each 1 MiB chunk read as latin1 (a byte a character): about
 * 0.1 s per 70 MB, before DuckDB reads the same file. A read of its own rather than a part of `scanPlainCsv`'s: the
 * two in one loop measured no faster (0.16–0.23 s against 0.10–0.22 s at 1 M rows). `chunkBytes` is the read's
 * chunk size (tests make it small).
 */
export async function cellsTrimmed(path: string, delimiter: string, chunkBytes = 1 << 20): Promise<boolean> {
  const delim = Buffer.from(delimiter, "utf8")[0]!;
  const d = `\\x${delim.toString(16).padStart(2, "0")}`;
  const edge = new RegExp(`[${d}\\n]${SPACE_SEPARATOR}|${SPACE_SEPARATOR}[${d}\\r\\n]`);
  let tail = ""; // the last CARRY bytes of the previous chunk, for a pattern cut by the boundary
  for await (const data of createReadStream(path, {highWaterMark: chunkBytes})) {
    const text = (data as Buffer).toString("latin1");
    // The chunk, then its seam with the one before (a 1 MiB string joined to the tail would be copied to be searched).
    if (edge.test(text) || edge.test(tail + text.slice(0, CARRY))) return false;
    // A chunk shorter than CARRY (a file's last, 1 or 2 bytes past a MiB) keeps the bytes before it.
    tail = text.length >= CARRY ? text.slice(-CARRY) : (tail + text).slice(-CARRY);
  }
  // The last cell of a file without a final line end ends with the file.
  return !edge.test(`${tail}\n`);
}

/** Whether a line starting with this byte may be blank (empty, or only blanks and delimiters): such files are numbered. */
function startsBlankish(byte: number, delim: number): boolean {
  return byte === LF || byte === CR || byte === delim || byte === SPACE || byte === TAB;
}
