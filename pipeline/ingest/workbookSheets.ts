/**
 * Which sheets of a workbook are a feed's, and where each sheet's columns go: one definition for the loader, which
 * streams a workbook (xlsxToCsv.ts), and the browser's file check, which holds it in memory (fileCheck.ts), so that
 * both read the same sheets, skip the same ones for the same reasons and number rows alike. Pure and browser-safe.
 */
import {isFooterRow} from "./personalData.ts";
import {HEADER_SEARCH_ROWS} from "./rowRules.ts";

/** How a sheet's header row maps onto a feed (recognizeFeed's answer, as far as reading a workbook needs it). */
export interface SheetMatch {
  contract: {feed: string};
  byColumn: Map<string, number>;
  /** Timestamp columns whose time of day has a column of its own (time_aliases). */
  timeOf?: Map<string, number>;
  synthetic: number | undefined;
}

/** Recognise a header row, as any feed or (for the sheets after the first) as the feed named. */
export type Recognize<M extends SheetMatch = SheetMatch> = (headers: string[], feed?: string) => {refuse: string} | M;

/** Loaded rows of a sheet after its first are numbered `ordinal × XLSX_SHEET_LINE_STRIDE + row` (a sheet has at most 1,048,576 rows). */
export const XLSX_SHEET_LINE_STRIDE = 10_000_000;

/** What was read of each sheet of a workbook, and what was not and why: `load_log.sheets` and the load's output. */
export interface SheetsRead {
  /** The sheets loaded, in tab order: the n-th one's rows carry lines n × XLSX_SHEET_LINE_STRIDE + row. */
  read: Array<{name: string; header_row: number; rows: number; hidden_rows: number[]}>;
  /** Sheets not loaded: hidden, very hidden, or without a header row of the feed. */
  skipped: Array<{name: string; reason: string}>;
}

/** Why a hidden or very hidden sheet (its `state`) is not read; undefined for a visible one. */
export function hiddenSheetReason(state: string | undefined): string | undefined {
  return state === "hidden" ? "hidden sheet" : state === "veryHidden" ? "very hidden sheet" : undefined;
}

/** Stands for the feed's name in a skipped sheet's reason until the feed is known (see `finishSkipped`). */
const NO_HEADER_FEED = "\u0000feed";

/** Why a visible sheet without a header row of the feed in its top rows is not read. */
export function noHeaderReason(topRows: number): string {
  return topRows === 0 ? "empty sheet" : `no header row of ${NO_HEADER_FEED} in its first ${HEADER_SEARCH_ROWS} rows`;
}

/** Names the feed in the reasons of sheets skipped before it was known (a notes sheet first). */
export function finishSkipped(sheets: SheetsRead, feed: string | undefined): void {
  for (const skipped of sheets.skipped) skipped.reason = skipped.reason.replace(NO_HEADER_FEED, feed ?? "a known feed");
}

/** Why a workbook without a sheet of a known feed is refused: the closest miss, and the hidden sheets not read. */
export function noSheetRefusal(closest: string, sheets: SheetsRead): string {
  const hidden = sheets.skipped.filter((s) => s.reason.endsWith("hidden sheet"));
  return (
    `no sheet has a header row for a known feed in its first ${HEADER_SEARCH_ROWS} rows${closest ? `; closest: ${closest}` : " (the workbook is empty)"}` +
    (hidden.length
      ? `; hidden sheets are not read: ${hidden.map((s) => s.name).join(", ")} (unhide a sheet to load it)`
      : "")
  );
}

/**
 * The sheets of a load in words, for its message and output: which were read (rows loaded or rejected), which were
 * not and why, and the hidden rows left out; "" for a workbook read whole from its one sheet.
 *
 * @example describeSheets({read: [{name: "城东区", header_row: 1, rows: 2, hidden_rows: [3]}], skipped: []})
 * // "sheets read: 城东区 (2 rows); hidden rows not loaded: 城东区 row 3"
 */
export function describeSheets(sheets: SheetsRead): string {
  const hidden = sheets.read.filter((s) => s.hidden_rows.length > 0);
  if (sheets.read.length <= 1 && sheets.skipped.length === 0 && hidden.length === 0) return "";
  const rows = (n: number) => `${n} row${n === 1 ? "" : "s"}`;
  const list = (numbers: number[]) =>
    numbers.length > 10 ? `${numbers.slice(0, 10).join(", ")} and ${numbers.length - 10} more` : numbers.join(", ");
  return [
    `sheets read: ${sheets.read.map((s) => `${s.name} (${rows(s.rows)})`).join(", ")}`,
    sheets.skipped.length ? `not read: ${sheets.skipped.map((s) => `${s.name} (${s.reason})`).join(", ")}` : "",
    hidden.length
      ? `hidden rows not loaded: ${hidden.map((s) => `${s.name} row${s.hidden_rows.length === 1 ? "" : "s"} ${list(s.hidden_rows)}`).join("; ")}`
      : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/**
 * The header row among a sheet's top rows, as `feed` when one is named (a header of another feed is a miss), or
 * undefined; each miss is reported to `miss`.
 */
export function findHeader<M extends SheetMatch>(
  sheet: string,
  top: Array<{number: number; cells: string[]}>,
  recognize: Recognize<M>,
  feed: string | undefined,
  miss: (reason: string) => void,
): {headerRow: number; headers: string[]; match: M} | undefined {
  for (const row of top) {
    const headers = trimTrailingEmpty(row.cells);
    if (headers.filter((h) => h.trim() !== "").length < 2) continue;
    const result = recognize(headers, feed);
    if ("refuse" in result) {
      miss(`sheet ${sheet} row ${row.number}: ${result.refuse}`);
      continue;
    }
    if (feed !== undefined && result.contract.feed !== feed) {
      miss(`sheet ${sheet} row ${row.number}: a header of ${result.contract.feed}, not of ${feed}`);
      continue;
    }
    return {headerRow: row.number, headers, match: result};
  }
  return undefined;
}

/**
 * Where each column of a later sheet goes in the first loaded sheet's layout (-1: nowhere): by the contract column
 * it carries, else (a column of no contract) by the same header text. A contract column the first sheet lacks
 * cannot be placed: the file is refused rather than that column's values dropped.
 */
export function placeColumns(
  sheet: string,
  found: {headers: string[]; match: SheetMatch},
  chosen: {sheet: string; headers: string[]; match: SheetMatch},
): number[] | {refuse: string} {
  const columnAt = new Map([...found.match.byColumn].map(([column, index]) => [index, column]));
  const timeAt = new Map([...(found.match.timeOf ?? [])].map(([column, index]) => [index, column]));
  const place: number[] = [];
  for (const [index, header] of found.headers.entries()) {
    const timeOf = timeAt.get(index);
    const column = columnAt.get(index) ?? timeOf;
    if (index === found.match.synthetic) place.push(chosen.match.synthetic ?? -1);
    else if (column === undefined) place.push(chosen.headers.indexOf(header));
    else {
      const to = (timeOf === undefined ? chosen.match.byColumn : chosen.match.timeOf)?.get(column);
      if (to === undefined)
        return {
          refuse: `sheet ${sheet} has column ${header} (${timeOf === undefined ? column : `the time of day of ${column}`}) that sheet ${chosen.sheet} lacks; give every sheet the same columns, or send the sheets as separate files`,
        };
      place.push(to);
    }
  }
  return place;
}

/** A merged range of a sheet: its reference (`B4:B6`) and its first and last rows and columns (1-based). */
export interface MergedRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Why a sheet with a cell merged down over rows below its header, in a loaded column, is refused: a merged cell keeps
 * its value in its first cell only (B4:B6 showing 城东区 holds it in B4; B5 and B6 are empty), so the rows it spans
 * would load empty or be rejected as empty while the sheet shows them a value, and a merged number may be a total of
 * its rows. The office's tools unmerge and fill in one step. Not refused here: merges above the header (a title),
 * merges within one row (`rowMerges` and `rowMergeRefusal` judge those by the row's text: a sign-off line or a 合计
 * label across columns is a footer), and a block over every loaded column (a note under the table), which holds no
 * column's value.
 * `headers` are the header row's cells, `match` which of them feed the contract's columns (a merged 序号 or 备注,
 * which no column reads, does not matter).
 */
export function mergedCellsRefusal(
  sheet: string,
  merges: MergedRange[],
  headerRow: number,
  headers: string[],
  match: SheetMatch,
): string | undefined {
  const {loadedIn, loadedColumns} = loadedColumnsOf(match);
  const found = merges.filter(
    (m) => m.bottom > m.top && m.bottom > headerRow && loadedIn(m) > 0 && loadedIn(m) < loadedColumns,
  );
  if (found.length === 0) return undefined;
  const named = found.slice(0, 3).map((m) => {
    const header = headers[m.left - 1]?.trim();
    return header ? `${m.ref} (${header})` : m.ref;
  });
  const more = found.length > 3 ? ` and ${found.length - 3} more` : "";
  return `sheet ${sheet} has merged cells in its rows: ${named.join(", ")}${more}; a merged cell keeps its value in its first row only, so the rows below it would load empty; unmerge them and fill every row (WPS: 合并居中 ▸ 拆分并填充内容; Excel: 取消单元格合并, then fill the empty cells), then send the file again`;
}

/**
 * The merges within one row below the header over two or more loaded columns but not all of them, by row: the row
 * keeps the value in the merge's first cell and the others load empty (申请日期 merged over 放款日期 loaded a loan as
 * not yet disbursed, found 2026-12-08). Whether such a row is refused is `rowMergeRefusal`'s to say, from its text.
 */
export function rowMerges(merges: MergedRange[], headerRow: number, match: SheetMatch): Map<number, MergedRange> {
  const {loadedIn, loadedColumns} = loadedColumnsOf(match);
  const byRow = new Map<number, MergedRange>();
  for (const m of merges) {
    const n = loadedIn(m);
    if (m.top === m.bottom && m.top > headerRow && n >= 2 && n < loadedColumns && !byRow.has(m.top))
      byRow.set(m.top, m);
  }
  return byRow;
}

/** How many columns a sheet loads (the contract's, their times of day, `synthetic`), and how many a merge covers. */
function loadedColumnsOf(match: SheetMatch): {loadedColumns: number; loadedIn: (m: MergedRange) => number} {
  const read = new Set([...match.byColumn.values(), ...(match.timeOf?.values() ?? [])]);
  if (match.synthetic !== undefined) read.add(match.synthetic);
  const loadedIn = (m: MergedRange) => {
    let n = 0;
    for (let c = m.left - 1; c < m.right; c++) if (read.has(c)) n++;
    return n;
  };
  return {loadedColumns: read.size, loadedIn};
}

/**
 * Why a row with a merge across loaded columns (`rowMerges`) is refused; undefined for a footer (合计 or a sign-off
 * across the label columns: skipped as a footer, its cells no values) and for a row with no text outside the merge
 * (a note, 注：… or 数据来源：…, handled as any other such row).
 */
export function rowMergeRefusal(
  sheet: string,
  merge: MergedRange,
  cells: string[],
  headers: string[],
): string | undefined {
  if (isFooterRow(cells)) return undefined;
  // A line whose only text is the merge's (注：…, 数据来源：…, a sign-off) is a note under the table, no data row.
  if (cells.every((c, i) => c.trim() === "" || (i >= merge.left - 1 && i < merge.right))) return undefined;
  const first = headers[merge.left - 1]?.trim();
  const last = headers[merge.right - 1]?.trim();
  return `sheet ${sheet} has cells merged across columns in row ${merge.top}: ${merge.ref}${first && last ? ` (${first} … ${last})` : ""}; a merged cell keeps its value in its first column only, so the columns after it would load empty; unmerge them and fill each cell, then send the file again`;
}

/**
 * Whether a sheet row below the header is blank: no cell with anything but spaces. Skipped like a blank line of a
 * CSV: programs (Java POI, templates) leave rows of styled empty cells below the data, which are no rows of the feed.
 */
export function blankRow(cells: string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

/** A row's cells placed in the first loaded sheet's layout (`width` cells, `place` from placeColumns). */
export function placeCells(cells: string[], place: number[], width: number): string[] {
  const out = Array.from({length: width}, () => "");
  place.forEach((to, from) => {
    if (to >= 0) out[to] = cells[from] ?? "";
  });
  return out;
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.trim() === "") end--;
  return cells.slice(0, end);
}

/** The sheet and row of a line of a workbook's rows (see XLSX_SHEET_LINE_STRIDE), as the loader's load_rejects keeps them. */
export function sheetRowOf(sheets: SheetsRead, line: number): {sheet: string; row: number} | undefined {
  const sheet = sheets.read[Math.floor(line / XLSX_SHEET_LINE_STRIDE)];
  return sheet && {sheet: sheet.name, row: line % XLSX_SHEET_LINE_STRIDE};
}
