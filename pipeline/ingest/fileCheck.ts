/**
 * What the File check page runs in the browser, bundled by dashboards/data/fileCheck.js.ts: reading a dropped CSV
 * (UTF-8, UTF-8 with BOM, UTF-16 or GBK/GB18030; comma, tab or semicolon) or XLSX sheet into header and rows the way
 * the loader stages them, then the contracts' row rules (rowRules.ts). Line numbers are the loader's: for text, the
 * record's number counting the header as 1; for XLSX, the sheet row.
 */
import Papa from "papaparse";
import {
  checkRows,
  decimalMarkOfRows,
  HEADER_SEARCH_ROWS,
  recognizeFeed,
  type CheckResult,
  type HeaderMatch,
  type References,
  type RuleContract,
  unitNoteRefusal,
  unitRowRefusal,
} from "./rowRules.ts";
import {chinaWallClock} from "../calendar/chinaWallClock.ts";
import type {DecimalMark, MarkReading} from "./decimalMark.ts";
import {sniffDelimiter} from "./sniffDelimiter.ts";
import {utf16WithoutBom} from "./utf16.ts";
import {
  cellsAsShown,
  declaresDate1904,
  formattedNumber,
  isoDateCellsAsSerials,
  keepFormatEscapes,
  numberText,
  serialOf,
  spreadsheetNumber,
  wallClockText,
  ZH_CN_BUILTIN_FORMATS,
} from "./cellFormat.ts";
import {
  blankRow,
  findHeader,
  finishSkipped,
  hiddenSheetReason,
  mergedCellsRefusal,
  rowMergeRefusal,
  rowMerges,
  noHeaderReason,
  noSheetRefusal,
  placeCells,
  placeColumns,
  type Recognize,
  type SheetsRead,
  XLSX_SHEET_LINE_STRIDE,
} from "./workbookSheets.ts";

export {chinaWallClock};

export * from "./rowRules.ts";
export {describeSheets, sheetRowOf, type SheetsRead} from "./workbookSheets.ts";
export {formatWallClock} from "./parseText.ts";
export {sniffDelimiter};

/**
 * The text of a file's bytes: by BOM, else UTF-16 by its NULs (utf16.ts), else UTF-8 if it is valid UTF-8, else
 * GB18030 (what Excel on Chinese Windows saves).
 */
export function decodeText(bytes: Uint8Array): {text: string; encoding: string} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return {text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom"};
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return {text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le"};
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return {text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be"};
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return {text: new TextDecoder(utf16).decode(bytes), encoding: utf16};
  try {
    return {text: new TextDecoder("utf-8", {fatal: true}).decode(bytes), encoding: "utf-8"};
  } catch {
    return {text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030"};
  }
}

/** A file read into a header row and data rows with their lines. */
export interface SheetData {
  headers: string[];
  rows: Array<{line: number; cells: string[]}>;
  /** Rows must have exactly this many cells (delimited text); undefined when rows were fitted (XLSX). */
  width?: number;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  headerLine: number;
  /** XLSX: the sheets read (the n-th one's rows on lines n × XLSX_SHEET_LINE_STRIDE + row) and those skipped. */
  sheets?: SheetsRead;
}

/** A delimited text file: the delimiter sniffed from its first line, the first record the header. */
export function readDelimited(bytes: Uint8Array): SheetData {
  const {text, encoding} = decodeText(bytes);
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? "";
  const delimiter = sniffDelimiter(firstLine);
  const parsed = Papa.parse<string[]>(text, {delimiter, quoteChar: '"', skipEmptyLines: true});
  const [header = [], ...records] = parsed.data;
  return {
    headers: header.map((h) => h.replace(/^\uFEFF/, "")),
    rows: records.map((cells, i) => ({line: i + 2, cells})),
    width: header.length,
    encoding,
    delimiter: delimiter === "\t" ? "tab" : delimiter,
    headerLine: 1,
  };
}

/** A cell as exceljs gives it (the browser build's values: text, numbers, dates, rich text, formulas…). */
export type CellValue = unknown;

/**
 * The text of a cell as the office saw it, as the loader writes it (pipeline/ingest/xlsxToCsv.ts cellText): dates as
 * `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (Excel times have no zone; exceljs reads them as UTC), formulas by their
 * saved result or, without one, as their text.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return wallClockText(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as Array<{text: string}>).map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      if (v.result !== undefined && v.result !== null) return cellText(v.result);
      return v.formula ? `=${String(v.formula)}` : `=(the formula of ${String(v.sharedFormula ?? "another cell")})`;
    }
    if ("text" in v) return String(v.text);
    if ("error" in v) return String(v.error);
    return JSON.stringify(value);
  }
  return typeof value === "number" ? numberText(spreadsheetNumber(value)) : String(value);
}

/** What `explicitWorkbook` needs of JSZip (passed in: this module imports no ZIP library of its own). */
export interface ZipLibrary {
  loadAsync(data: Uint8Array): Promise<{
    /** Every entry of the archive by name (JSZip's `files`). */
    files?: Record<string, unknown>;
    file(name: string): {async(type: "string"): Promise<string>} | null;
    file(name: string, data: string): unknown;
    generateAsync(options: {type: "uint8array"}): Promise<Uint8Array>;
  }>;
}

/**
 * A workbook's bytes with what ExcelJS's in-memory reader (the one the browser has) does not take made explicit, so
 * that the File check reads its cells as the loader does (xlsxToCsv.ts tells its streaming reader the same two
 * things): `date1904="true"` (as LibreOffice and POI write it; ExcelJS takes only `"1"`) becomes `"1"`, and the
 * Chinese locale's built-in number formats its cells use (ids 27–58, ZH_CN_BUILTIN_FORMATS, which ExcelJS does not
 * know: such a date shows as a bare serial) are written into styles.xml, and ISO 8601 date cells (`t="d"`) become the
 * serials ExcelJS reads (cellFormat.ts `isoDateCellsAsSerials`), and cells read as Excel shows them, without
 * phonetic runs and with an error cell's error rather than its formula (`cellsAsShown`). The same bytes when none
 * is needed.
 */
export async function explicitWorkbook(bytes: Uint8Array, zipLibrary: ZipLibrary): Promise<Uint8Array> {
  const zip = await zipLibrary.loadAsync(bytes);
  let changed = false;
  /** Part `name` as `fix` makes it, when it is there; its text as it was. */
  const rewrite = async (name: string, fix: (text: string) => string) => {
    const text = await zip.file(name)?.async("string");
    if (text === undefined) return undefined;
    const fixed = fix(text);
    if (fixed !== text) {
      zip.file(name, fixed);
      changed = true;
    }
    return text;
  };
  const book = await rewrite("xl/workbook.xml", (text) =>
    text.replace(
      /(<(?:\w+:)?workbookPr\b[^>]*\bdate1904=)(["'])true\2/,
      (_, start: string, quote: string) => `${start}${quote}1${quote}`,
    ),
  );
  await rewrite("xl/styles.xml", (styles) => keepFormatEscapes(withBuiltinFormats(styles)));
  // ISO 8601 date cells (t="d") as the serials ExcelJS reads, as the loader's streaming reader does.
  const date1904 = book !== undefined && declaresDate1904(book);
  for (const name of Object.keys(zip.files ?? {}).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)))
    await rewrite(name, (sheet) => isoDateCellsAsSerials(cellsAsShown(sheet), date1904));
  // Phonetic runs out of the shared strings, as the loader reads them (cellFormat.ts `cellsAsShown`).
  await rewrite("xl/sharedStrings.xml", cellsAsShown);
  return changed ? await zip.generateAsync({type: "uint8array"}) : bytes;
}

/** styles.xml with a `numFmt` for each Chinese built-in format id its cell formats use and it does not define. */
function withBuiltinFormats(styles: string): string {
  const xfs = /<((?:\w+:)?)cellXfs\b[\s\S]*?<\/\1cellXfs>/.exec(styles);
  if (!xfs) return styles;
  const prefix = xfs[1]!;
  const used = new Set([...xfs[0].matchAll(/\bnumFmtId=["'](\d+)["']/g)].map((m) => Number(m[1])));
  // The style sheet's own list only: a numFmt inside dxfs (conditional formats, tables) styles no cell.
  const list = new RegExp(`<${prefix}numFmts\\b[^>]*>[\\s\\S]*?</${prefix}numFmts>`).exec(styles)?.[0] ?? "";
  const defined = new Set(
    [...list.matchAll(new RegExp(`<${prefix}numFmt\\b[^>]*\\bnumFmtId=["'](\\d+)["']`, "g"))].map((m) => Number(m[1])),
  );
  const missing = [...used].filter((id) => ZH_CN_BUILTIN_FORMATS[id] !== undefined && !defined.has(id));
  if (missing.length === 0) return styles;
  const entries = missing
    .map((id) => `<${prefix}numFmt numFmtId="${id}" formatCode="${xmlAttribute(ZH_CN_BUILTIN_FORMATS[id]!)}"/>`)
    .join("");
  const numFmts = new RegExp(`(<${prefix}numFmts\\b[^>]*?)(/>|>)`).exec(styles);
  if (numFmts) {
    // Into the existing list (an empty `<numFmts/>` opened up); its count is only a hint to readers.
    const at = numFmts.index + numFmts[0].length;
    return numFmts[2] === "/>"
      ? `${styles.slice(0, numFmts.index)}${numFmts[1]}>${entries}</${prefix}numFmts>${styles.slice(at)}`
      : `${styles.slice(0, at)}${entries}${styles.slice(at)}`;
  }
  // No list yet: it is the style sheet's first child.
  const sheet = new RegExp(`<${prefix}styleSheet\\b[^>]*>`).exec(styles);
  if (!sheet) return styles;
  const at = sheet.index + sheet[0].length;
  return `${styles.slice(0, at)}<${prefix}numFmts count="${missing.length}">${entries}</${prefix}numFmts>${styles.slice(at)}`;
}

const xmlAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The worksheets of an exceljs workbook, as far as reading rows needs them. */
export interface WorkbookLike {
  /** `date1904` as ExcelJS reads it (`1`; `explicitWorkbook` turns a `true` into it). */
  properties?: {date1904?: boolean};
  worksheets: Array<{
    name: string;
    state?: string;
    /** ExcelJS's merged ranges by their first cell (a private field of its Worksheet, exceljs 4.4.0). */
    _merges?: Record<string, {model?: {top: number; left: number; bottom: number; right: number}}>;
    eachRow(
      callback: (row: {
        number: number;
        values: unknown;
        hidden?: boolean;
        eachCell?: (
          options: {includeEmpty: boolean},
          callback: (cell: {value: unknown; numFmt?: string; type?: number}, column: number) => void,
        ) => void;
      }) => void,
    ): void;
  }>;
}

/** A range's reference, `B4:B6`, from its first and last rows and columns (1-based). */
function rangeRef(m: {top: number; left: number; bottom: number; right: number}): string {
  const letters = (n: number): string =>
    (n > 26 ? letters(Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));
  return `${letters(m.left)}${m.top}:${letters(m.right)}${m.bottom}`;
}

/** ExcelJS's `ValueType.Merge`: the type of a cell that a merged range covers (not its first cell). */
const MERGED_CELL = 1;

/** A row's cells as the loader writes them: by each cell's number format when the reader gives it (xlsxToCsv.ts). */
function rowCells(
  row: {
    values: unknown;
    eachCell?: (
      o: {includeEmpty: boolean},
      f: (cell: {value: unknown; numFmt?: string; type?: number}, column: number) => void,
    ) => void;
  },
  date1904: boolean,
): string[] {
  if (!row.eachCell) return Array.from((row.values as unknown[]).slice(1), cellText);
  const cells: string[] = [];
  row.eachCell({includeEmpty: false}, (cell, column) => {
    // A cell a merge covers (ExcelJS's ValueType.Merge): ExcelJS in memory gives it the merge's value, the loader's
    // streaming reader nothing, as the file holds nothing there.
    if (cell.type === MERGED_CELL) return;
    const value = cell.value as Record<string, unknown> | null;
    const result =
      value && typeof value === "object" && ("formula" in value || "sharedFormula" in value) ? value.result : value;
    const stored = result instanceof Date ? serialOf(result, date1904) : result;
    cells[column - 1] =
      cell.numFmt && typeof stored === "number" ? formattedNumber(stored, cell.numFmt, date1904) : cellText(cell.value);
  });
  return Array.from(cells, (c) => c ?? "");
}

/**
 * The sheets of a workbook as the loader reads them (xlsxToCsv.ts, through the same workbookSheets.ts): every visible
 * sheet with a header row of the feed in its top rows (rows above it are titles), the first one's feed and column
 * layout, the later sheets' columns placed in it and their rows numbered `n × XLSX_SHEET_LINE_STRIDE + row`; hidden
 * sheets and hidden rows skipped and said so in `sheets`. Returns why not when no sheet has such a header, or when
 * a later sheet has a contract column the first one lacks.
 */
export function readWorkbook(workbook: WorkbookLike, recognize: Recognize<HeaderMatch>): SheetData | {refuse: string} {
  let closest = "";
  const date1904 = workbook.properties?.date1904 === true;
  const sheets: SheetsRead = {read: [], skipped: []};
  const rows: SheetData["rows"] = [];
  let chosen: {sheet: string; headerRow: number; headers: string[]; match: HeaderMatch} | undefined;
  for (const sheet of workbook.worksheets) {
    const hiddenSheet = hiddenSheetReason(sheet.state);
    if (hiddenSheet) {
      sheets.skipped.push({name: sheet.name, reason: hiddenSheet});
      continue;
    }
    const all: Array<{number: number; cells: string[]; hidden: boolean}> = [];
    sheet.eachRow((row) => all.push({number: row.number, cells: rowCells(row, date1904), hidden: row.hidden === true}));
    const top = all.slice(0, HEADER_SEARCH_ROWS);
    const found = findHeader(sheet.name, top, recognize, chosen?.match.contract.feed, (c) => (closest ||= c));
    if (!found) {
      sheets.skipped.push({name: sheet.name, reason: noHeaderReason(top.length)});
      continue;
    }
    chosen ??= {sheet: sheet.name, ...found};
    const place = placeColumns(sheet.name, found, chosen);
    if (!Array.isArray(place)) return place;
    const merges = Object.values(sheet._merges ?? {}).flatMap((m) =>
      m.model ? [{ref: rangeRef(m.model), ...m.model}] : [],
    );
    const headerCells = all.find((r) => r.number === found.headerRow)?.cells ?? found.headers;
    const merged = mergedCellsRefusal(sheet.name, merges, found.headerRow, headerCells, found.match);
    if (merged) return {refuse: merged};
    // A unit said above the header (单位：万元), as the loader holds the columns to it.
    const above = all.filter((r) => r.number < found.headerRow).flatMap((r) => r.cells.filter((c) => c.trim() !== ""));
    const unitNote = unitNoteRefusal(above, found.headers, found.match);
    if (unitNote) return {refuse: unitNote};
    const line = sheets.read.length * XLSX_SHEET_LINE_STRIDE;
    const read = {name: sheet.name, header_row: found.headerRow, rows: 0, hidden_rows: [] as number[]};
    sheets.read.push(read);
    const across = rowMerges(merges, found.headerRow, found.match);
    for (const row of all.filter((r) => r.number > found.headerRow)) {
      if (row.hidden) {
        read.hidden_rows.push(row.number);
        continue;
      }
      if (blankRow(row.cells)) continue;
      const merge = across.get(row.number);
      const refusal = merge && rowMergeRefusal(sheet.name, merge, row.cells, headerCells);
      if (refusal) return {refuse: refusal};
      read.rows++;
      rows.push({line: line + row.number, cells: placeCells(row.cells, place, chosen.headers.length)});
    }
  }
  finishSkipped(sheets, chosen?.match.contract.feed);
  if (!chosen) return {refuse: noSheetRefusal(closest, sheets)};
  return {headers: chosen.headers, rows, sheet: chosen.sheet, headerLine: chosen.headerRow, sheets};
}

/**
 * Recognise the feed of a file already read, and check its rows: the whole File check in one call. `mark` says how a
 * delimited file's numbers were read (decimalMark.ts), as the loader would read them; `decimal` states the mark as
 * `bizenv load --decimal` does.
 */
export function checkSheet(
  sheet: SheetData,
  {
    contracts,
    references,
    now,
    feed,
    decimal,
  }: {contracts: RuleContract[]; references: References; now: string; feed?: string; decimal?: DecimalMark},
): {match: HeaderMatch; result: CheckResult; mark: MarkReading} | {refuse: string} {
  const match = recognizeFeed(sheet.headers, contracts, feed);
  if ("refuse" in match) return match;
  if (sheet.rows.length === 0)
    return {refuse: `the file has a header but no data rows; expected rows of ${match.contract.feed}`};
  // Units in the first row under the header (（万元） under 费用), held to the columns' as the loader holds them.
  const unitRow = unitRowRefusal(sheet.rows[0]!.cells, sheet.headers, match);
  if (unitRow) return {refuse: unitRow};
  // A delimited file's decimal mark, as the loader decides it (a workbook's numbers are typed).
  const mark =
    sheet.delimiter === undefined
      ? ({mark: "point"} as const)
      : decimalMarkOfRows(match, sheet.rows, sheet.delimiter === "tab" ? "\t" : sheet.delimiter, sheet.width, decimal);
  return {match, result: checkRows(match, sheet.rows, {references, now, width: sheet.width, mark}), mark};
}
