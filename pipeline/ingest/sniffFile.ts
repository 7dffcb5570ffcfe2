import {extname} from "node:path";
import iconv from "iconv-lite";

export type FileFormat = "csv" | "xlsx" | "parquet" | "arrow" | "jsonl";
export type TextEncoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

export interface Sniffed {
  format: FileFormat;
  /** Text formats only. */
  encoding?: TextEncoding;
}

/** A reason to refuse a file before reading it, with what was expected and what was found. */
export interface Refusal {
  refuse: string;
}

/**
 * Tell what a file is from its first bytes (and its name only where bytes cannot tell): XLSX and Parquet and
 * Arrow by their magic numbers, old binary .xls and other binaries refused, text by BOM, then by whether the
 * bytes are valid UTF-8, else GB18030 (the superset of GBK that Excel and WPS on Chinese Windows write).
 * `head` is the start of the file (64 KiB is plenty); `size` its length in bytes.
 */
export function sniffFile(head: Buffer, size: number, fileName: string): Sniffed | Refusal {
  const ext = extname(fileName).toLowerCase();
  if (size === 0) return {refuse: "the file is empty (0 bytes); expected a header row and data rows"};
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return ext === ".xlsx" || ext === ".xlsm" || ext === ""
      ? {format: "xlsx"}
      : {refuse: `a ZIP archive named ${ext || "without extension"}; expected an .xlsx workbook or a text file`};
  }
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return {refuse: "an old binary Excel 97–2003 workbook (.xls); save it as .xlsx or as CSV and load that"};
  }
  if (head.subarray(0, 4).toString("latin1") === "PAR1") return {format: "parquet"};
  if (head.subarray(0, 6).toString("latin1") === "ARROW1") return {format: "arrow"};
  if ((ext === ".arrow" || ext === ".arrows" || ext === ".feather") && head.readUInt32LE(0) === 0xffffffff)
    return {format: "arrow"};
  if (head[0] === 0xff && head[1] === 0xfe) return {format: "csv", encoding: "utf-16le"};
  if (head[0] === 0xfe && head[1] === 0xff) return {format: "csv", encoding: "utf-16be"};
  const nul = head.indexOf(0);
  if (nul !== -1) {
    return {
      refuse: `contains a NUL byte at byte ${nul}: this is a binary file, not text; expected CSV, XLSX, Parquet, Arrow or JSON lines`,
    };
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const encoding: TextEncoding = bom ? "utf-8-bom" : isUtf8(head, size > head.length) ? "utf-8" : "gb18030";
  if (encoding === "gb18030" && !looksLikeGb18030(head)) {
    return {
      refuse: "the text is neither UTF-8 nor GBK/GB18030 (it decodes to unreadable characters); save it as UTF-8 CSV",
    };
  }
  const text = (bom ? head.subarray(3) : head).toString("latin1").trimStart();
  const jsonl =
    ext === ".jsonl" ||
    ext === ".ndjson" ||
    (ext !== ".csv" && ext !== ".txt" && ext !== ".tsv" && text.startsWith("{"));
  return {format: jsonl ? "jsonl" : "csv", encoding};
}

/** Whether `bytes` is valid UTF-8; when `truncated`, a multi-byte character cut at the end is forgiven. */
export function isUtf8(bytes: Buffer, truncated: boolean): boolean {
  let end = bytes.length;
  if (truncated) {
    // Step back over an incomplete trailing sequence (at most 3 continuation bytes and its lead byte).
    let i = end - 1;
    while (i >= 0 && i > end - 4 && (bytes[i]! & 0xc0) === 0x80) i--;
    if (i >= 0 && bytes[i]! >= 0xc0) end = i;
  }
  try {
    new TextDecoder("utf-8", {fatal: true}).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** GB18030 decodes almost any bytes; believe it only if the result has CJK text and no replacement characters. */
function looksLikeGb18030(bytes: Buffer): boolean {
  const text = iconv.decode(bytes.subarray(0, Math.min(bytes.length, 16384)), "gb18030");
  const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const bad = (text.match(/[\ufffd\u0080-\u009f]/g) ?? []).length;
  return cjk > 0 && bad === 0;
}

/**
 * The field delimiter of a delimited text: the one of comma, tab and semicolon that occurs most often outside
 * quotes in the first line. Defaults to comma.
 */
export function sniffDelimiter(firstLine: string): "," | "\t" | ";" {
  const counts = {",": 0, "\t": 0, ";": 0};
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "," || ch === "\t" || ch === ";")) counts[ch]++;
  }
  const best = (Object.entries(counts) as Array<[",", number]>).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ",";
}
