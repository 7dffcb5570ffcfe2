import {closeSync, openSync, readSync, rmSync, statSync, writeSync} from "node:fs";
import {availableParallelism} from "node:os";
import {Worker} from "node:worker_threads";

/** Below this size one stream transcodes the file: starting threads would cost more than they save. */
const PARALLEL_TRANSCODE_MIN_BYTES = 4 << 20;

/**
 * What each thread runs (plain JavaScript, Node's built-ins only, so that it needs no bundling): decode bytes
 * `start`–`end` of `path` from `encoding` with the WHATWG decoder (as `decodeStream` does) and write them as UTF-8
 * to `out`, telling the main thread once after its first chunk.
 */
const WORKER_SOURCE = `
const {parentPort, workerData} = require("node:worker_threads");
const fs = require("node:fs");
const {path, start, end, out, encoding} = workerData;
const input = fs.openSync(path, "r");
const output = fs.openSync(out, "w");
const write = (bytes) => {
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(output, bytes, at, bytes.length - at);
};
try {
  const decoder = new TextDecoder(encoding);
  // Each decode call ends just after a line feed, where the decoder holds nothing: Node's GB18030 decoder can throw
  // on a call that starts inside a broken sequence held over from the call before.
  let carry = Buffer.alloc(0);
  const buffer = Buffer.allocUnsafe(1 << 20);
  let position = start;
  let first = true;
  while (position < end) {
    const n = fs.readSync(input, buffer, 0, Math.min(buffer.length, end - position), position);
    if (n === 0) break;
    position += n;
    const bytes = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, n)]) : buffer.subarray(0, n);
    const lf = bytes.lastIndexOf(10);
    // A line longer than 16 MiB is decoded as it comes (the reader refuses such lines anyway).
    const cut = lf !== -1 ? lf + 1 : bytes.length > 16 << 20 ? bytes.length : 0;
    if (cut > 0) write(Buffer.from(decoder.decode(bytes.subarray(0, cut), {stream: true}), "utf8"));
    carry = Buffer.from(bytes.subarray(cut));
    if (first) parentPort.postMessage("first chunk");
    first = false;
  }
  write(Buffer.from(decoder.decode(carry), "utf8"));
} finally {
  fs.closeSync(input);
  fs.closeSync(output);
}
`;

/**
 * Transcode a GB18030/GBK file to UTF-8 at `out` on several threads: the file is cut into as many pieces as there
 * are cores, each cut just after a line feed, each piece decoded by its own thread into a file of its own, and the
 * pieces joined in order. A line feed byte (0x0A) is never part of a GB18030 character (its second and fourth bytes
 * are 0x30–0x39 and 0x40–0xFE), and the decoder holds no state across one, so the pieces decode exactly as the
 * whole file does, malformed bytes included (tests/ingest/transcodeParallel.test.ts). `reached` is called once a
 * thread has its first chunk through (the crash tests' `transcoding` fault point). Returns false, having written
 * nothing, when the file is too small to be worth it or this Node has no GB18030 decoder: the caller streams it.
 */
export async function transcodeParallel(
  path: string,
  encoding: "gb18030",
  out: string,
  options: {parts?: number; minBytes?: number; reached?: () => void} = {},
): Promise<boolean> {
  const size = statSync(path).size;
  if (size < (options.minBytes ?? PARALLEL_TRANSCODE_MIN_BYTES)) return false;
  try {
    new TextDecoder(encoding);
  } catch {
    return false;
  }
  const cuts = pieceStarts(path, size, options.parts ?? Math.min(availableParallelism(), 8));
  if (cuts.length < 2) return false;
  const pieces = cuts.map((start, i) => ({start, end: cuts[i + 1] ?? size, out: i === 0 ? out : `${out}.${i}`}));
  let told = false;
  const workers: Worker[] = [];
  try {
    for (const piece of pieces)
      workers.push(new Worker(WORKER_SOURCE, {eval: true, workerData: {path, encoding, ...piece}}));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.on("message", () => {
              if (!told) {
                told = true;
                options.reached?.();
              }
            });
            worker.on("error", reject);
            worker.on("exit", (code) =>
              code === 0 ? resolve() : reject(new Error(`the transcoding thread stopped with code ${code}`)),
            );
          }),
      ),
    );
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  appendPieces(
    out,
    pieces.slice(1).map((p) => p.out),
  );
  return true;
}

/**
 * Where each piece starts: 0, then for each further piece the byte after the first line feed at or past its share
 * of the file. Pieces that would be empty (a long line spanning a share) are merged away.
 */
function pieceStarts(path: string, size: number, parts: number): number[] {
  const starts = [0];
  const fd = openSync(path, "r");
  try {
    const window = Buffer.allocUnsafe(64 * 1024);
    for (let i = 1; i < parts; i++) {
      let at = Math.max(Math.floor((size * i) / parts), starts[starts.length - 1]!);
      let found = -1;
      while (found === -1 && at < size) {
        const n = readSync(fd, window, 0, window.length, at);
        if (n === 0) break;
        const lf = window.subarray(0, n).indexOf(0x0a);
        if (lf !== -1) found = at + lf + 1;
        else at += n;
      }
      if (found === -1 || found >= size) break;
      if (found > starts[starts.length - 1]!) starts.push(found);
    }
  } finally {
    closeSync(fd);
  }
  return starts;
}

/** Appends the files `pieces` to `out` in order, removing each once copied. */
function appendPieces(out: string, pieces: string[]): void {
  if (pieces.length === 0) return;
  const output = openSync(out, "a");
  const buffer = Buffer.allocUnsafe(4 << 20);
  try {
    for (const piece of pieces) {
      const input = openSync(piece, "r");
      try {
        for (let n = readSync(input, buffer); n > 0; n = readSync(input, buffer))
          for (let at = 0; at < n;) at += writeSync(output, buffer, at, n - at);
      } finally {
        closeSync(input);
      }
      rmSync(piece);
    }
  } finally {
    closeSync(output);
  }
}
