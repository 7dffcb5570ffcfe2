import {isAscii, isUtf8} from "node:buffer";
import {createHash} from "node:crypto";
import {closeSync, createReadStream, openSync, readSync} from "node:fs";
import type {TextEncoding} from "./sniffFile.ts";

/** What one streaming pass over a file found: its hash, and for text files what makes the text untrustworthy. */
export interface Inspected {
  sha256: string;
  /** The first NUL byte of a text file (not UTF-16, where NULs are half of every ASCII character). */
  nul?: {offset: number; line: number};
  /** A file read as UTF-8 whose bytes stop being UTF-8 at `line`, after UTF-8 text with Chinese characters. */
  notUtf8?: {offset: number; line: number};
  /** A file read as UTF-8 whose first non-ASCII bytes (at `line`) are not UTF-8: all ASCII before, GBK from here. */
  gbkAfterAscii?: {offset: number; line: number};
  /** A file read as GBK/GB18030 with a line (`line`) that is UTF-8 Chinese: two exports pasted together. */
  utf8Line?: {offset: number; line: number};
}

/**
 * Read a file once: its sha256 and, for delimited text and JSON lines, the checks that need every byte, not only
 * the 64 KiB `sniffFile` saw: NUL bytes (a damaged file or a copy cut short), and a second encoding after the
 * first (a GBK export pasted under a UTF-8 one, or the reverse). Memory stays at one chunk plus one line.
 * `encoding` is the sniffed text encoding, `undefined` for binary formats (only hashed).
 */
export async function inspectFile(path: string, encoding: TextEncoding | undefined): Promise<Inspected> {
  const hash = createHash("sha256");
  const text = encoding !== undefined && encoding !== "utf-16le" && encoding !== "utf-16be";
  const utf8 = encoding === "utf-8" || encoding === "utf-8-bom";
  let offset = 0;
  let nul: number | undefined;
  let notUtf8: number | undefined;
  let multibyte = 0; // valid multi-byte characters before the first invalid byte (counted up to 2)
  let utf8Line: number | undefined;
  let carry: Buffer | undefined; // the start of a character cut by the chunk's end
  // GB18030 files: the line being assembled across chunks, and where it started.
  let pending: Buffer[] = [];
  let pendingStart = 0;
  const checkGbkLine = (line: Buffer, start: number) => {
    if (utf8Line === undefined && isUtf8Chinese(line)) utf8Line = start;
  };
  for await (const data of createReadStream(path, {highWaterMark: 1 << 20})) {
    const chunk = data as Buffer;
    hash.update(chunk);
    if (text) {
      if (nul === undefined) {
        const at = chunk.indexOf(0);
        if (at !== -1) nul = offset + at;
      }
      if (utf8 && notUtf8 === undefined) {
        // Validate whole characters only: a character cut by the chunk's end is carried into the next chunk.
        const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
        const base = offset - (carry?.length ?? 0);
        const end = completeEnd(bytes);
        carry = end < bytes.length ? Buffer.from(bytes.subarray(end)) : undefined;
        const whole = bytes.subarray(0, end);
        if (!isUtf8(whole)) {
          const bad = firstInvalidUtf8(whole);
          notUtf8 = base + bad;
          if (multibyte < 2) multibyte += countLeadBytes(whole.subarray(0, bad), 2 - multibyte);
        } else if (multibyte < 2 && !isAscii(whole)) {
          multibyte += countLeadBytes(whole, 2 - multibyte);
        }
      }
      if (encoding === "gb18030" && utf8Line === undefined) {
        let start = 0;
        const last = chunk.lastIndexOf(10);
        if (last !== -1) {
          if (pending.length > 0) {
            // The line the last chunk ended inside, whole now.
            const lf = chunk.indexOf(10);
            checkGbkLine(Buffer.concat([...pending, chunk.subarray(0, lf)]), pendingStart);
            pending = [];
            start = lf + 1;
          }
          const found = utf8ChineseLine(chunk, start, last + 1);
          if (found !== -1 && utf8Line === undefined) utf8Line = offset + found;
          start = last + 1;
        }
        if (start < chunk.length) {
          if (pending.length === 0) pendingStart = offset + start;
          // A line longer than 4 MiB is not checked further (the reader refuses such lines anyway).
          if (pending.reduce((n, b) => n + b.length, 0) < 4 << 20) pending.push(chunk.subarray(start));
        }
      }
    }
    offset += chunk.length;
  }
  if (pending.length > 0 && utf8Line === undefined) checkGbkLine(Buffer.concat(pending), pendingStart);
  if (utf8 && notUtf8 === undefined && carry) notUtf8 = offset - carry.length; // the file ends inside a character

  const found: Inspected = {sha256: hash.digest("hex")};
  const at = (o: number) => ({offset: o, line: lineAt(path, o)});
  if (nul !== undefined) found.nul = at(nul);
  if (notUtf8 !== undefined) {
    // (Almost) nothing but ASCII before the first bad byte: the whole file is probably GBK, not two encodings.
    if (multibyte < 2) found.gbkAfterAscii = at(notUtf8);
    else found.notUtf8 = at(notUtf8);
  }
  if (utf8Line !== undefined) found.utf8Line = at(utf8Line);
  return found;
}

/** The 1-based line of byte `offset`: line breaks before it (LF, CRLF or a lone CR each count once), plus one. */
function lineAt(path: string, offset: number): number {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    let line = 1;
    let position = 0;
    let previous = 0;
    while (position < offset) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buffer[i]!;
        if (b === 13 || (b === 10 && previous !== 13)) line++;
        previous = b;
      }
      position += n;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}

/** How many multi-byte characters (lead bytes) `bytes` has, counting no further than `max`; a BOM does not count. */
function countLeadBytes(bytes: Buffer, max: number): number {
  let n = 0;
  for (let i = 0; i < bytes.length && n < max; i++) {
    if (bytes[i]! >= 0xc0 && !(bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf)) n++;
  }
  return n;
}

/** Where the last whole UTF-8 character of `bytes` ends: before a lead byte whose continuation bytes are cut off. */
function completeEnd(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for its lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Index of the first byte in `bytes` that does not continue valid UTF-8 (a chunk may start inside a character:
 * leading continuation bytes are skipped). Returns `bytes.length` when the chunk only ends inside a character.
 */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length && i < 3 && (bytes[i]! & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const n = utf8Length(bytes, i);
    if (n === 0) return i;
    if (n < 0) return bytes.length; // cut at the end of the chunk
    i += n;
  }
  return bytes.length;
}

/** Length of the valid UTF-8 character at `i`: 1–4, 0 when invalid, -1 when cut short by the end of `bytes`. */
function utf8Length(bytes: Buffer, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (n === 0) return 0;
  for (let k = 1; k < n; k++) {
    if (i + k >= bytes.length) return -1;
    if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  }
  // Overlong three-byte forms and surrogates (E0 80–9F, ED A0–BF) are not UTF-8.
  if (b === 0xe0 && bytes[i + 1]! < 0xa0) return 0;
  if (b === 0xed && bytes[i + 1]! >= 0xa0) return 0;
  return n;
}

/**
 * Where the first line of `bytes[from, end)` that is UTF-8 Chinese (`isUtf8Chinese`) starts, or -1; every line of it
 * ends with a line feed. Each line is read byte by byte only up to its first byte that cannot continue UTF-8 (in a
 * GBK line, usually its first Chinese character), then the rest of it is skipped with a native search: at 1 M lines
 * a test of every line as a Buffer of its own cost 0.4 s of a GBK load. A line that reads as UTF-8 to its end is
 * confirmed with `isUtf8Chinese`, so the answer is exactly its.
 */
function utf8ChineseLine(bytes: Buffer, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const start = i;
    let threeByte = 0;
    let valid = true;
    for (let b = bytes[i]!; b !== 10; b = bytes[i]!) {
      if (b < 0x80) {
        i++;
        continue;
      }
      const n = utf8Length(bytes, i);
      if (n <= 0) {
        valid = false;
        break;
      }
      if (b >= 0xe0 && b <= 0xef) threeByte++;
      i += n;
    }
    if (!valid) i = bytes.indexOf(10, i);
    else if (threeByte >= 2 && isUtf8Chinese(bytes.subarray(start, i))) return start;
    i++;
  }
  return -1;
}

/**
 * Whether a line of a GBK file is in fact UTF-8 Chinese: valid UTF-8 with at least two three-byte characters.
 * GBK text is almost never valid UTF-8 (its lead bytes B0–F7 are UTF-8 continuation bytes), and two CJK
 * characters make a chance match negligible.
 */
function isUtf8Chinese(line: Buffer): boolean {
  if (isAscii(line) || !isUtf8(line)) return false;
  let cjk = 0;
  for (let i = 0; i < line.length; i++) if (line[i]! >= 0xe0 && line[i]! <= 0xef && ++cjk >= 2) return true;
  return false;
}
