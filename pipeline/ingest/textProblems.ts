import {closeSync, openSync, readSync} from "node:fs";
import {FeedError} from "../errors.ts";
import type {Inspected} from "./inspectFile.ts";
import {looksLikeGb18030, type Sniffed} from "./sniffFile.ts";

/**
 * What the full pass over a text file found that the first 64 KiB could not show: refuse a damaged file or one
 * in two encodings, naming the line; read a file whose first non-ASCII text (past the sniffed head) is GBK as GBK.
 */
export function textProblems(path: string, shown: string, sniffed: Sniffed, inspected: Inspected): Sniffed {
  if (inspected.nul) {
    const {line, offset} = inspected.nul;
    throw new FeedError(
      shown,
      `line ${line} contains a NUL byte (byte ${offset}): the file is damaged (a copy cut short, a disk error) or is not text; send it again`,
    );
  }
  if (inspected.notUtf8) {
    const {line, offset} = inspected.notUtf8;
    throw new FeedError(
      shown,
      `mixed encodings: line ${line} is not UTF-8 (byte ${offset}) though the lines before it are; probably GBK text pasted under a UTF-8 export. Save the whole file in one encoding and send it again`,
    );
  }
  if (inspected.utf8Line) {
    const {line} = inspected.utf8Line;
    throw new FeedError(
      shown,
      `mixed encodings: line ${line} is UTF-8 though the lines before it are GBK; probably two exports pasted together. Save the whole file in one encoding and send it again`,
    );
  }
  if (inspected.gbkAfterAscii) {
    const {line, offset} = inspected.gbkAfterAscii;
    if (!looksLikeGb18030(readAt(path, offset, 16384))) {
      throw new FeedError(
        shown,
        `line ${line} is neither UTF-8 nor GBK/GB18030 (byte ${offset}); save the file as UTF-8 CSV and send it again`,
      );
    }
    return {...sniffed, encoding: "gb18030"};
  }
  return sniffed;
}

/** The first 64 KiB of a file. */
export function readHead(path: string): Buffer {
  return readAt(path, 0, 65536);
}

/** Up to `length` bytes of a file from `position`. */
function readAt(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const n = readSync(fd, buffer, 0, buffer.length, position);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
