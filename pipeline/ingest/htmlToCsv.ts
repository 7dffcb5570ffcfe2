import {readFileSync, statSync} from "node:fs";
import iconv from "iconv-lite";
import {FeedError} from "../errors.ts";
import {CsvWriter} from "./csvWriter.ts";
import {parseHtmlTables, type HtmlRow} from "./parseHtmlTable.ts";
import {isFooterRow} from "./personalData.ts";
import {HEADER_SEARCH_ROWS} from "./rowRules.ts";
import {isUtf8, looksLikeGb18030} from "./sniffFile.ts";

/**
 * An HTML file is parsed whole in memory (web systems export at most some tens of MB this way): a larger one is
 * refused with the advice to export CSV instead.
 */
const MAX_HTML_BYTES = 256 * 1024 * 1024;

type Recognize = (headers: string[]) => {refuse: string} | {missingRequired: string[]};

/**
 * Read the tables of an HTML file saved as ".xls" (the "export to Excel" of many web systems) into a CSV whose first
 * column is the row number in the document, like `readXlsxToCsv`: the header is the first of a table's top rows that
 * `recognize` accepts (title rows and title tables above it are skipped); each later table with the same header adds
 * its rows, one with rows under another header refuses the file; each row is cut or padded to the header's width.
 * The text is UTF-8 when its bytes are, else the charset its <meta> names, else GB18030 when it reads as such.
 * Throws `FeedError` for a file with no table, no header row, or merged cells (colspan/rowspan) from the header
 * down, which a flat feed cannot hold (a row's last cell may span columns: no cell after it moves).
 */
export async function readHtmlToCsv(
  path: string,
  shown: string,
  csvPath: string,
  recognize: Recognize,
): Promise<{headerRow: number; headers: string[]; encoding: string; titles: string[]}> {
  const size = statSync(path).size;
  if (size > MAX_HTML_BYTES) {
    throw new FeedError(
      shown,
      `an HTML table of ${Math.round(size / 1048576)} MB; bizenv reads HTML exports up to ${MAX_HTML_BYTES / 1048576} MB: export the data as CSV or XLSX instead`,
    );
  }
  const {text, encoding} = decodeHtml(readFileSync(path), shown);
  const tables = parseHtmlTables(text);
  if (!tables) throw new FeedError(shown, "an HTML page with no <table> in it; expected a table of a known feed");
  // The header: the first of a table's top rows that `recognize` accepts, in the first table that has one (a title
  // table may come first).
  let closest = "";
  const headerOf = (rows: HtmlRow[]) =>
    rows.slice(0, HEADER_SEARCH_ROWS).find((row) => {
      if (row.cells.filter((c) => c !== "").length < 2) return false;
      const result = recognize(trimTrailingEmpty(row.cells));
      if ("refuse" in result) closest ||= `table row ${row.number}: ${result.refuse}`;
      return !("refuse" in result);
    });
  let first = -1;
  let header: HtmlRow | undefined;
  for (const [t, rows] of tables.entries()) {
    header = headerOf(rows);
    if (header) {
      first = t;
      break;
    }
  }
  if (!header) {
    const empty = tables.every((rows) => rows.length === 0);
    throw new FeedError(
      shown,
      `an HTML table with no header row for a known feed in its first ${HEADER_SEARCH_ROWS} rows${closest ? `; closest: ${closest}` : empty ? " (the table is empty)" : ""}`,
    );
  }
  const headerCells = trimTrailingEmpty(header.cells);
  const same = (row: HtmlRow) => {
    const cells = trimTrailingEmpty(row.cells);
    return cells.length === headerCells.length && cells.every((c, i) => c === headerCells[i]);
  };
  // Every later table with the same header adds its rows (one table per district or month, as web systems page
  // them); one under another feed's header would be lost: the file is refused. Any other table (notes, a sign-off
  // with two names, a summary) holds no rows of a feed.
  const body = tables[first]!.filter((r) => r.number >= header.number);
  for (const rows of tables.slice(first + 1)) {
    const again = rows.slice(0, HEADER_SEARCH_ROWS).find(same);
    if (again) {
      body.push(...rows.filter((r) => r.number > again.number));
      continue;
    }
    const other = rows
      .slice(0, HEADER_SEARCH_ROWS)
      .find((r) => r.cells.filter((c) => c !== "").length >= 2 && !("refuse" in recognize(trimTrailingEmpty(r.cells))));
    if (other)
      throw new FeedError(
        shown,
        `a second table (rows ${rows[0]!.number}–${rows.at(-1)!.number}) holds rows under another header (row ${other.number}) than the first table's (row ${header.number}); its rows would be lost: send one feed's tables with the same header, or each table as a file of its own`,
      );
  }
  // A totals or sign-off row (合计 across the label columns) is a footer, skipped as in a CSV or a workbook.
  const harmful = (r: HtmlRow) =>
    isFooterRow(r.cells) ? [] : r.merged.filter((m) => m.rowspan > 1 || m.column < r.cells.length);
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
      // A value past the header's last column is kept, so the reader rejects the row for it as it does in a CSV.
      const cells = trimTrailingEmpty(row.cells);
      await writer.row([
        String(row.number),
        ...(cells.length > headers.length ? cells : headers.map((_, i) => row.cells[i] ?? "")),
      ]);
    }
  } finally {
    await writer.close();
  }
  // The cells above the header (title tables and rows: a title, 单位：万元), for the loader's unit check.
  const titles = tables
    .slice(0, first + 1)
    .flat()
    .filter((r) => r.number < header.number)
    .flatMap((r) => r.cells.filter((c) => c !== ""));
  return {headerRow: header.number, headers, encoding, titles};
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
