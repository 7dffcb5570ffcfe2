import {closeSync, createReadStream, fstatSync, openSync, readSync} from "node:fs";
import {Readable, Writable, pipeline as streamPipeline} from "node:stream";
import {pipeline} from "node:stream/promises";
import {createInflateRaw} from "node:zlib";
import {FeedError} from "../errors.ts";

/** What an XLSX workbook may inflate to, all its parts together: far above any office export, far below a bomb. */
const MAX_XLSX_INFLATED_BYTES = 256 * 1024 * 1024;
/** Parts a workbook may have (a real one has a few dozen). */
const MAX_ZIP_ENTRIES = 10_000;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  offset: number;
}

/**
 * Refuse an XLSX that is a decompression bomb before any XML parser sees it, with bounded memory and without
 * inflating more than the limit: the ZIP's central directory must be well-formed and declare at most
 * `MAX_XLSX_INFLATED_BYTES` in all; its parts must lie back to back with nothing hidden between them (a streaming
 * reader sees exactly the parts the directory lists); and each part, inflated as a stream and counted, must not
 * grow past the size the directory declares (a lying directory is caught after at most its declared size).
 * Returns the parts by name, each addressable on its own (see `openPart`).
 */
export async function checkXlsxZip(path: string, shown: string): Promise<Map<string, ZipPart>> {
  const refuse = (why: string) => new FeedError(shown, `not a readable XLSX workbook: ${why}`);
  const fd = openSync(path, "r");
  let entries: Entry[];
  let directoryOffset: number;
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = read(fd, size - tailLength, tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd === -1 || eocd + 22 > tail.length) throw refuse("the ZIP has no end-of-directory record (cut short?)");
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    directoryOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
      throw refuse("a ZIP64 archive, which only workbooks far above the size limit need");
    if (count > MAX_ZIP_ENTRIES) throw refuse(`${count} parts; a workbook has at most ${MAX_ZIP_ENTRIES}`);
    if (directoryOffset + directorySize > size) throw refuse("its directory points past the end of the file");
    const directory = read(fd, directoryOffset, directorySize);
    entries = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > directory.length || directory.readUInt32LE(p) !== 0x02014b50)
        throw refuse("its directory is damaged");
      const nameLength = directory.readUInt16LE(p + 28);
      entries.push({
        flags: directory.readUInt16LE(p + 8),
        method: directory.readUInt16LE(p + 10),
        compressed: directory.readUInt32LE(p + 20),
        size: directory.readUInt32LE(p + 24),
        offset: directory.readUInt32LE(p + 42),
        name: directory.toString("utf8", p + 46, p + 46 + nameLength),
      });
      p += 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    }
    // Two parts of one name: readers disagree on which one counts (Excel refuses the file), so it is refused.
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e.name)) throw refuse(`it has two parts named ${e.name}`);
      seen.add(e.name);
    }
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > MAX_XLSX_INFLATED_BYTES) {
      throw refuse(
        `it would inflate to ${mb(declared)} MB (from ${mb(size)} MB on disk); a workbook may hold at most ${mb(MAX_XLSX_INFLATED_BYTES)} MB: split it or send CSV`,
      );
    }
    // Back to back: each part's local header where the directory says, the next part right after its data.
    let expected = 0;
    for (const entry of [...entries].sort((a, b) => a.offset - b.offset)) {
      if (entry.method !== 0 && entry.method !== 8) throw refuse(`part ${entry.name} uses compression ${entry.method}`);
      const local = read(fd, entry.offset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw refuse(`part ${entry.name} is missing`);
      if (entry.offset !== expected && !descriptorBetween(fd, expected, entry.offset))
        throw refuse(`${entry.offset - expected} bytes before part ${entry.name} belong to no part`);
      const dataStart = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      (entry as Entry & {dataStart: number}).dataStart = dataStart;
      expected = dataStart + entry.compressed;
    }
    if (expected !== directoryOffset && !descriptorBetween(fd, expected, directoryOffset))
      throw refuse(`${directoryOffset - expected} bytes after the last part belong to no part`);
  } finally {
    closeSync(fd);
  }
  for (const entry of entries as Array<Entry & {dataStart: number}>) {
    if (entry.compressed === 0) continue;
    let inflated = 0;
    const counter = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        inflated += chunk.length;
        callback(
          inflated > entry.size
            ? refuse(`part ${entry.name} inflates past the ${entry.size} bytes its directory declares`)
            : null,
        );
      },
    });
    const source = createReadStream(path, {start: entry.dataStart, end: entry.dataStart + entry.compressed - 1});
    try {
      if (entry.method === 0) await pipeline(source, counter);
      else await pipeline(source, createInflateRaw(), counter);
    } catch (error) {
      if (error instanceof FeedError) throw error;
      throw refuse(`part ${entry.name} does not inflate: ${(error as Error).message}`);
    }
  }
  return new Map(
    (entries as Array<Entry & {dataStart: number}>).map((e) => [
      e.name,
      {name: e.name, method: e.method, compressed: e.compressed, size: e.size, dataStart: e.dataStart},
    ]),
  );
}

/** One part of a checked workbook: where its bytes lie, so it can be read by itself in any order. */
export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressed: number;
  size: number;
  dataStart: number;
}

/** A part's text as a stream of strings (UTF-8 decoded across chunk boundaries). */
export function openPart(path: string, part: ZipPart): Readable {
  const source =
    part.compressed === 0
      ? Readable.from([])
      : createReadStream(path, {start: part.dataStart, end: part.dataStart + part.compressed - 1});
  // A read error in the file destroys the inflater with it, so the consumer's iteration sees it.
  const text: Readable =
    part.method === 0 || part.compressed === 0 ? source : streamPipeline(source, createInflateRaw(), () => {});
  text.setEncoding("utf8");
  return text;
}

function read(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, length));
  const n = readSync(fd, buffer, 0, buffer.length, position);
  return buffer.subarray(0, n);
}

/** Whether the gap from `from` to `to` is exactly one data descriptor (12–24 bytes, signature optional). */
function descriptorBetween(fd: number, from: number, to: number): boolean {
  const gap = to - from;
  if (![12, 16, 20, 24].includes(gap)) return false;
  const bytes = read(fd, from, gap);
  return gap === 12 || gap === 20 || bytes.readUInt32LE(0) === 0x08074b50;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}
