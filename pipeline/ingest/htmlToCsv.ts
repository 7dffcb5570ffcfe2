import {readFileSync, statSync} from "node:fs";
import iconv from "iconv-lite";
import {FeedError} from "../errors.ts";
import {CsvWriter} from "./csvWriter.ts";
import {parseHtmlTable} from "./parseHtmlTable.ts";
import {HEADER_SEARCH_ROWS} from "./rowRules.ts";
import {isUtf8, looksLikeGb18030} from "./sniffFile.ts";

/**
 * An HTML file is parsed whole in memory (web systems export at most some tens of MB this way): a larger one is
 * refused with the advice to export CSV instead.
 */
const MAX_HTML_BYTES = 256 * 1024 * 1024;

type Recognize = (headers: string[]) => {refuse: string} | {missingRequired: string[]};

/**
 * Read the first table of an HTML file saved as ".xls" (the "export to Excel" of many web systems) into a CSV whose
 * first column is the table row number, like `readXlsxToCsv`: the header is the first of the table's top rows that
 * `recognize` accepts (title rows above it are skipped), each later row is cut or padded to the header's width.
 * The text is UTF-8 when its bytes are, else the charset its <meta> names, else GB18030 when it reads as such.
 * Throws `FeedError` for a file with no table, no header row, or merged cells (colspan/rowspan) from the header
 * down, which a flat feed cannot hold (a row's last cell may span columns: no cell after it moves).
 */
export async function readHtmlToCsv(
  path: string,
  shown: string,
  csvPath: string,
  recognize: Recognize,
): Promise<{headerRow: number; headers: string[]; encoding: string}> {
  const size = statSync(path).size;
  if (size > MAX_HTML_BYTES) {
    throw new FeedError(
      shown,
      `an HTML table of ${Math.round(size / 1048576)} MB; bizenv reads HTML exports up to ${MAX_HTML_BYTES / 1048576} MB: export the data as CSV or XLSX instead`,
    );
  }
  const {text, encoding} = decodeHtml(readFileSync(path), shown);
  const rows = parseHtmlTable(text);
  if (!rows) throw new FeedError(shown, "an HTML page with no <table> in it; expected a table of a known feed");
  let closest = "";
  const header = rows.slice(0, HEADER_SEARCH_ROWS).find((row) => {
    if (row.cells.filter((c) => c !== "").length < 2) return false;
    const result = recognize(trimTrailingEmpty(row.cells));
    if ("refuse" in result) closest ||= `table row ${row.number}: ${result.refuse}`;
    return !("refuse" in result);
  });
  if (!header) {
    throw new FeedError(
      shown,
      `an HTML table with no header row for a known feed in its first ${HEADER_SEARCH_ROWS} rows${closest ? `; closest: ${closest}` : rows.length === 0 ? " (the table is empty)" : ""}`,
    );
  }
  const body = rows.filter((r) => r.number >= header.number);
  // A cell spanning columns shifts the cells after it; the last cell of its row shifts none (Gnumeric writes
  // colspan where a header's text runs on into an empty column, and a sign-off line is one cell across the table).
  const harmful = (r: (typeof rows)[number]) => r.merged.filter((m) => m.rowspan > 1 || m.column < r.cells.length);
  const merged = body.find((r) => harmful(r).length > 0);
  if (merged) {
    const {column, colspan, rowspan} = harmful(merged)[0]!;
    const span = [colspan > 1 ? `colspan=${colspan}` : "", rowspan > 1 ? `rowspan=${rowspan}` : ""].filter(Boolean);
    throw new FeedError(
      shown,
      `table row ${merged.number} has merged cells (column ${column}: ${span.join(", ")}); a feed needs one value per cell: unmerge them (or export without 合计/subtotal rows) and send the table again`,
    );
  }
  const headers = trimTrailingEmpty(header.cells);
  const writer = new CsvWriter(csvPath);
  try {
    await writer.row(["__row", ...headers]);
    for (const row of body) {
      if (row === header) continue;
      await writer.row([String(row.number), ...headers.map((_, i) => row.cells[i] ?? "")]);
    }
  } finally {
    await writer.close();
  }
  return {headerRow: header.number, headers, encoding};
}

/** The file's text, and the encoding it was read in (as load_log records it). */
function decodeHtml(bytes: Buffer, shown: string): {text: string; encoding: string} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return {text: bytes.subarray(3).toString("utf8"), encoding: "utf-8-bom"};
  if (isUtf8(bytes, false)) return {text: bytes.toString("utf8"), encoding: "utf-8"};
  // Not UTF-8: believe the page's own <meta charset> (GBK and GB2312 read as their superset GB18030).
  const head = bytes.subarray(0, 4096).toString("latin1");
  const declared = /<meta[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i.exec(head)?.[1]?.toLowerCase();
  const charset = declared && /^(gbk|gb2312|gb_2312-80|gb18030|cp936|x-gbk)$/.test(declared) ? "gb18030" : declared;
  if (charset && charset !== "utf-8" && charset !== "utf8" && iconv.encodingExists(charset))
    return {text: iconv.decode(bytes, charset), encoding: charset};
  if (looksLikeGb18030(bytes)) return {text: iconv.decode(bytes, "gb18030"), encoding: "gb18030"};
  throw new FeedError(
    shown,
    `an HTML table whose text is neither UTF-8 nor GBK/GB18030${declared ? ` (its <meta> says ${declared})` : ""}; save it as UTF-8 or export CSV`,
  );
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.trim() === "") end--;
  return cells.slice(0, end);
}
