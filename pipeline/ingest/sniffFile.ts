import {extname} from "node:path";
import iconv from "iconv-lite";
import {utf16WithoutBom} from "./utf16.ts";

/**
 * `xls`: a legacy OLE2 workbook (.xls, .et), `ods`: an OpenDocument spreadsheet (LibreOffice, and the office suites
 * built on it), and `spreadsheetml`: an Excel 2003 XML workbook (what old Excel and many Java and .NET report tools
 * write, often under the name .xls), all converted to XLSX with LibreOffice before reading; `html`: a web page's table.
 */
export type FileFormat = "csv" | "xlsx" | "xls" | "ods" | "spreadsheetml" | "html" | "parquet" | "arrow" | "jsonl";
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

/** Names a legacy OLE2 workbook goes by: Excel 97–2003 (.xls, .xlt) and WPS Spreadsheets (.et, .ett). */
const LEGACY_WORKBOOK = /^(\.xls|\.xlt|\.et|\.ett|)$/;
/** The media type an OpenDocument spreadsheet (.ods, .ots) declares in its first ZIP entry. */
const ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet";

/**
 * Tell what a file is from its first bytes (and its name only where bytes cannot tell): XLSX and Parquet and
 * Arrow by their magic numbers, an OLE2 compound file named as a workbook as a legacy .xls/.et (other binaries
 * refused), an HTML page as a web system's table export whatever its name, text by BOM, then by whether the
 * bytes are valid UTF-8, else GB18030 (the superset of GBK that Excel and WPS on Chinese Windows write).
 * `head` is the start of the file (64 KiB is plenty); `size` its length in bytes.
 */
export function sniffFile(head: Buffer, size: number, fileName: string): Sniffed | Refusal {
  const ext = extname(fileName).toLowerCase();
  if (size === 0) return {refuse: "the file is empty (0 bytes); expected a header row and data rows"};
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    // An OpenDocument file stores its type first, uncompressed: "mimetype" then the type, from byte 30.
    if (head.subarray(30, 38 + ODS_TYPE.length).toString("latin1") === `mimetype${ODS_TYPE}`) return {format: "ods"};
    if (ext === ".ods" || ext === ".ots") return {format: "ods"};
    return ext === ".xlsx" || ext === ".xlsm" || ext === ""
      ? {format: "xlsx"}
      : {
          refuse: `a ZIP archive named ${ext || "without extension"}; expected an .xlsx or .ods workbook or a text file`,
        };
  }
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return LEGACY_WORKBOOK.test(ext)
      ? {format: "xls"}
      : {
          refuse: `an OLE2 compound file (Office 97–2003) named ${ext}; expected a workbook (.xls, .et, .xlsx) or a text file`,
        };
  }
  if (head.subarray(0, 4).toString("latin1") === "PAR1") return {format: "parquet"};
  if (head.subarray(0, 6).toString("latin1") === "ARROW1") return {format: "arrow"};
  if ((ext === ".arrow" || ext === ".arrows" || ext === ".feather") && head.readUInt32LE(0) === 0xffffffff)
    return {format: "arrow"};
  if (head[0] === 0xff && head[1] === 0xfe) return utf16Text(head, "utf-16le");
  if (head[0] === 0xfe && head[1] === 0xff) return utf16Text(head, "utf-16be");
  if (head[0] === 0x1f && head[1] === 0x8b)
    return {
      refuse: `a gzip-compressed file${ext === ".gnumeric" ? " (a Gnumeric workbook)" : ""}; expected CSV, XLSX, ODS, Parquet, Arrow or JSON lines: save it as .xlsx or CSV (or decompress it) and load that`,
    };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return utf16Text(head, utf16);
  const nul = head.indexOf(0);
  // A NUL after whole lines of clean text is damage in a text file: `inspectFile` finds it and names its line.
  if (nul !== -1 && !textBefore(head.subarray(0, nul))) {
    return {
      refuse: `contains a NUL byte at byte ${nul}: this is a binary file, not text; expected CSV, XLSX, Parquet, Arrow or JSON lines`,
    };
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const markup = markupKind(bom ? head.subarray(3) : head);
  if (markup === "html") return {format: "html"};
  if (markup === "spreadsheetml") return {format: "spreadsheetml"};
  if (markup === "xml")
    return {
      refuse:
        "an XML document that is no Excel 2003 XML workbook; expected CSV, XLSX, ODS, Parquet, Arrow or JSON lines: export the data as one of them",
    };
  const encoding: TextEncoding = bom ? "utf-8-bom" : isUtf8(head, size > head.length) ? "utf-8" : "gb18030";
  if (encoding === "gb18030" && !looksLikeGb18030(head)) {
    const change = encodingChange(head, size > head.length);
    if (change) {
      return {
        refuse: `mixed encodings: line ${change.line} is ${change.to} though the lines before it are ${change.from}; save the whole file in one encoding (UTF-8) and send it again`,
      };
    }
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

/**
 * Whether text starts as an HTML page or table (after blank space, comments and an XML declaration), or as an
 * Excel 2003 XML workbook: both are what web systems and old Excel write under the name ".xls".
 */
function markupKind(head: Buffer): "html" | "spreadsheetml" | "xml" | undefined {
  return markupOf(head.subarray(0, 4096).toString("latin1"));
}

/** `markupKind` of text already decoded. */
function markupOf(text: string): "html" | "spreadsheetml" | "xml" | undefined {
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<\?mso-application[^>]*>\s*)?<(?:ss:)?Workbook\b/i.test(text)) return "spreadsheetml";
  if (
    /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html|<head|<meta|<body|<table|<style)\b/i.test(
      text,
    )
  )
    return "html";
  // Any other XML: no table bizenv reads (a CSV never starts with an XML declaration).
  if (/^\s*<\?xml\b/i.test(text)) return "xml";
  return undefined;
}

/** A UTF-16 file: an Excel 2003 XML workbook written in UTF-16 (as .NET tools may), else CSV text. */
function utf16Text(head: Buffer, encoding: "utf-16le" | "utf-16be"): Sniffed {
  const text = new TextDecoder(encoding).decode(head.subarray(0, 8192));
  return markupOf(text) === "spreadsheetml" ? {format: "spreadsheetml", encoding} : {format: "csv", encoding};
}

/**
 * Whether a file's first bytes are an Excel 2003 XML workbook's, in any encoding `sniffFile` knows: how a folder
 * load tells one among the `.xml` files it holds.
 */
export function isSpreadsheetMl(head: Buffer, fileName: string): boolean {
  const sniffed = sniffFile(head, head.length, fileName);
  return "format" in sniffed && sniffed.format === "spreadsheetml";
}

/**
 * The encoding of an Excel 2003 XML workbook from its first 64 KiB (`readHead`): by the byte-order mark, the NULs of
 * UTF-16, or the declaration (`encoding="GBK"`); `utf-8` without any.
 */
export function spreadsheetMlEncoding(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return utf16WithoutBom(head) ?? declaredEncoding(head);
}

/**
 * An Excel 2003 XML workbook's bytes in `encoding` (`spreadsheetMlEncoding`, not UTF-8) as UTF-8 and declared so,
 * which LibreOffice reads (one declared GBK came out garbled). Throws an Error naming an encoding no decoder here
 * knows.
 */
export function spreadsheetMlAsUtf8(bytes: Buffer, encoding: string): Buffer {
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(bytes);
  } catch {
    throw new Error(`it declares the encoding "${encoding}", which bizenv cannot read; save it as .xlsx or as UTF-8`);
  }
  return Buffer.from(text.replace(/^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, '$1"UTF-8"'), "utf8");
}

/** The encoding an XML declaration names (GBK and GB2312 read as their superset GB18030), UTF-8 without one. */
function declaredEncoding(bytes: Buffer): string {
  const start = bytes.subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0, 512);
  const label = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i
    .exec(start.toString("latin1"))?.[1]
    ?.toLowerCase();
  if (!label || label === "utf-8" || label === "utf8") return "utf-8";
  return ["gbk", "gb2312", "gb18030", "x-gbk", "cp936"].includes(label) ? "gb18030" : label;
}

/** Whether `bytes` is at least one whole line of text (UTF-8 or GBK) with no control characters but tab and line ends. */
function textBefore(bytes: Buffer): boolean {
  const lineEnd = bytes.lastIndexOf(0x0a);
  if (lineEnd === -1 || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(bytes.toString("latin1"))) return false;
  const lines = bytes.subarray(0, lineEnd);
  return isUtf8(lines, false) || looksLikeGb18030(lines);
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

/**
 * In text that is neither all UTF-8 nor clean GBK: the first line whose non-ASCII text is in another encoding than
 * the lines before it (each line judged alone), e.g. a GBK export pasted under a UTF-8 one.
 */
function encodingChange(
  head: Buffer,
  truncated: boolean,
): {line: number; from: "UTF-8" | "GBK"; to: "UTF-8" | "GBK"} | undefined {
  let first: "UTF-8" | "GBK" | undefined;
  let line = 1;
  for (let start = 0; start < head.length; line++) {
    let end = head.indexOf(0x0a, start);
    if (end === -1) {
      if (truncated) break; // the last line is cut: it cannot be judged
      end = head.length;
    }
    const bytes = head.subarray(start, end);
    if (bytes.some((b) => b >= 0x80)) {
      const kind = isUtf8(bytes, false) ? "UTF-8" : looksLikeGb18030(bytes) ? "GBK" : undefined;
      if (kind && first && kind !== first) return {line, from: first, to: kind};
      first ??= kind;
    }
    start = end + 1;
  }
  return undefined;
}

/** GB18030 decodes almost any bytes; believe it only if the result has CJK text and no replacement characters. */
export function looksLikeGb18030(bytes: Buffer): boolean {
  let sample = bytes.subarray(0, Math.min(bytes.length, 16384));
  // A sample cut short may end inside a two-byte character: end it at its last line break instead (0x0A is never
  // part of a GBK/GB18030 multi-byte character), or the cut character would read as unreadable.
  if (sample.length < bytes.length) {
    const lastBreak = sample.lastIndexOf(0x0a);
    if (lastBreak > 0) sample = sample.subarray(0, lastBreak + 1);
  }
  const text = iconv.decode(sample, "gb18030");
  const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const bad = (text.match(/[\ufffd\u0080-\u009f]/g) ?? []).length;
  return cjk > 0 && bad === 0;
}
