import {Readable} from "node:stream";
// exceljs (0.5 s to import) is loaded only when a workbook is read or written: every command starts faster.
import type ExcelJS from "exceljs";
import {FeedError} from "../errors.ts";
import {checkXlsxZip, openPart, type ZipPart} from "./checkZip.ts";
import {CsvWriter} from "./csvWriter.ts";
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
import {sheetLayout, type SheetLayout} from "./sheetLayout.ts";
import {HEADER_SEARCH_ROWS} from "./rowRules.ts";
import {
  blankRow,
  findHeader,
  finishSkipped,
  hiddenSheetReason,
  mergedCellsRefusal,
  rowMergeRefusal,
  rowMerges,
  type MergedRange,
  noHeaderReason,
  noSheetRefusal,
  placeCells,
  placeColumns,
  type Recognize,
  type SheetMatch,
  type SheetsRead,
  XLSX_SHEET_LINE_STRIDE,
} from "./workbookSheets.ts";

/** Rows one workbook may hold: beyond this it is refused rather than risk a decompression bomb. */
const MAX_XLSX_ROWS = 2_000_000;

/**
 * The text of an ExcelJS cell value, as the office saw it: dates as `YYYY-MM-DD HH:MM:SS`, formulas by the result
 * Excel saved with them. A formula saved without a result (written by a program, never opened in Excel) is
 * shown as its text, `=F3*10`, so that the column's type rule rejects it instead of it loading as empty.
 * With the cell's number format (`numFmt`), numbers and dates are shown as that format shows them (cellFormat.ts):
 * `1.5%` for 0.015 in `0.00%`, `130:30:00` for 5.4375 in `[h]:mm`, `09:30:00` for a time of day.
 */
export function cellText(value: ExcelJS.CellValue): string {
  return formattedCellText(value, undefined, false);
}

/** `cellText` of a cell with number format `numFmt` in a workbook whose dates count from 1904 or not. */
function formattedCellText(value: ExcelJS.CellValue, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return numFmt ? formattedNumber(serialOf(value, date1904), numFmt, date1904) : wallClockText(value);
  if (typeof value === "number" && numFmt) return formattedNumber(value, numFmt, date1904);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const formula = value as ExcelJS.CellFormulaValue & {sharedFormula?: string};
      if (formula.result !== undefined && formula.result !== null)
        return formattedCellText(formula.result as ExcelJS.CellValue, numFmt, date1904);
      return formula.formula ? `=${formula.formula}` : `=(the formula of ${formula.sharedFormula ?? "another cell"})`;
    }
    if ("text" in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ("error" in value) return String((value as ExcelJS.CellErrorValue).error);
    return JSON.stringify(value);
  }
  return typeof value === "number" ? numberText(spreadsheetNumber(value)) : String(value);
}

/** A row's cells as text, by column (1-based in ExcelJS, 0-based here), each read through its number format. */
function rowTexts(row: ExcelJS.Row, date1904: boolean): string[] {
  const cells: string[] = [];
  row.eachCell({includeEmpty: false}, (cell, column) => {
    cells[column - 1] = formattedCellText(cell.value, cell.numFmt, date1904);
  });
  return Array.from(cells, (c) => c ?? "");
}

/**
 * Stream an XLSX workbook into a CSV whose first column is the row's line: the sheet row, plus
 * `ordinal × XLSX_SHEET_LINE_STRIDE` for the second and later sheets loaded. Every visible sheet whose top rows
 * hold a header row of the feed is loaded (one sheet per county is common), each below its own header row, its
 * columns placed by the contract columns they carry; the feed is the one the first such sheet's header names.
 * Hidden and very hidden sheets, sheets without such a header (notes, instructions) and hidden rows are not loaded,
 * and said so in the returned `sheets`. Throws `FeedError` when no sheet has such a row, naming the closest miss,
 * and when a later sheet carries a contract column the first one lacks.
 */
export async function readXlsxToCsv(
  path: string,
  shown: string,
  csvPath: string,
  recognize: Recognize,
): Promise<{sheet: string; headerRow: number; headers: string[]; sheets: SheetsRead; titles: string[]}> {
  const parts = await checkXlsxZip(path, shown);
  const writer = new CsvWriter(csvPath);
  let chosen: {sheet: string; headerRow: number; headers: string[]; match: SheetMatch} | undefined;
  const sheets: SheetsRead = {read: [], skipped: []};
  // The cells above each loaded sheet's header (a title, 单位：万元): the loader holds the columns to a unit named there.
  const titles: string[] = [];
  let closest = "";
  let rows = 0;
  try {
    for await (const {sheet, name, state, layout, date1904} of worksheets(path, parts)) {
      const hiddenSheet = hiddenSheetReason(state);
      if (hiddenSheet) {
        sheets.skipped.push({name, reason: hiddenSheet});
        continue;
      }
      const {hidden: hiddenHere, merges} = await layout();
      const top: Array<{number: number; cells: string[]}> = [];
      // This sheet's header and where each of its columns goes in the CSV (the first loaded sheet's layout).
      let here:
        | {
            headerRow: number;
            place: number[];
            width: number;
            line: number;
            read: SheetsRead["read"][number];
            merged: Map<number, MergedRange>;
            headerCells: string[];
          }
        | undefined;
      const write = async (number: number, cells: string[]) => {
        if (hiddenHere.has(number)) {
          here!.read.hidden_rows.push(number);
          return;
        }
        if (blankRow(cells)) return;
        const across = here!.merged.get(number);
        const refusal = across && rowMergeRefusal(name, across, cells, here!.headerCells);
        if (refusal) throw new FeedError(shown, refusal);
        here!.read.rows++;
        await writer.row([String(here!.line + number), ...placeCells(cells, here!.place, here!.width)]);
      };
      const search = () => {
        const found = findHeader(name, top, recognize, chosen?.match.contract.feed, (c) => (closest ||= c));
        if (!found) return;
        if (!chosen) {
          chosen = {sheet: name, ...found};
          void writer.row(["__row", ...found.headers]);
        }
        const place = placeColumns(name, found, chosen);
        if (!Array.isArray(place)) throw new FeedError(shown, place.refuse);
        const headerCells = top.find((r) => r.number === found.headerRow)?.cells ?? found.headers;
        const merged = mergedCellsRefusal(name, merges, found.headerRow, headerCells, found.match);
        if (merged) throw new FeedError(shown, merged);
        for (const row of top.filter((r) => r.number < found.headerRow))
          titles.push(...row.cells.filter((c) => c.trim() !== ""));
        const read = {name, header_row: found.headerRow, rows: 0, hidden_rows: [] as number[]};
        here = {
          headerRow: found.headerRow,
          place,
          width: chosen.headers.length,
          line: sheets.read.length * XLSX_SHEET_LINE_STRIDE,
          read,
          merged: rowMerges(merges, found.headerRow, found.match),
          headerCells,
        };
        sheets.read.push(read);
      };
      for await (const row of sheet) {
        if (++rows > MAX_XLSX_ROWS)
          throw new FeedError(shown, `the workbook has more than ${MAX_XLSX_ROWS} rows; split it or send CSV`);
        const values = rowTexts(row, date1904);
        if (here) {
          await write(row.number, values);
          continue;
        }
        if (top.length >= HEADER_SEARCH_ROWS) continue;
        top.push({number: row.number, cells: values});
        if (top.length === HEADER_SEARCH_ROWS) search();
      }
      if (!here && top.length > 0 && top.length < HEADER_SEARCH_ROWS) search();
      if (here) {
        // Rows below the header that were buffered while searching.
        for (const row of top.filter((r) => r.number > here!.headerRow)) await write(row.number, row.cells);
      } else {
        sheets.skipped.push({name, reason: noHeaderReason(top.length)});
      }
    }
  } catch (error) {
    await writer.close().catch(() => {});
    if (error instanceof FeedError) throw error;
    throw new FeedError(shown, `cannot read it as an XLSX workbook: ${(error as Error).message}`);
  }
  await writer.close();
  // A sheet skipped before the feed was known (notes first) is described as the feed's too.
  finishSkipped(sheets, chosen?.match.contract.feed);
  if (!chosen) throw new FeedError(shown, noSheetRefusal(closest, sheets));
  return {sheet: chosen.sheet, headerRow: chosen.headerRow, headers: chosen.headers, sheets, titles};
}

/** The private parts of ExcelJS's streaming reader that `worksheets` drives (exceljs 4.4.0). */
interface ExcelJsReaderInternals {
  model?: {sheets?: Array<{name: string; rId: string; id: number; state?: string}>};
  workbookRels?: Array<{Id: string; Target: string; Type?: string}>;
  properties?: {model?: {date1904?: boolean}};
  styles?: {index?: {numFmt?: string[]}; model?: {styles?: Array<{numFmtId?: number}>}};
  sharedStrings?: unknown[];
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<string>,
    sheetNo: string,
  ): Generator<{eventType: string; value: AsyncIterable<ExcelJS.Row> & {name?: string}}>;
}

/**
 * The worksheets of a checked workbook in tab order, each with its name, read part by part through the ZIP's
 * central directory. ExcelJS's own streaming pass reads the parts in stored order and, when `xl/workbook.xml`
 * is stored last (as ExcelJS itself writes it), intermittently reaches a sheet before the workbook's sheet list
 * ("Cannot read properties of undefined (reading 'sheets')", exceljs#3064). Here the relationships, the workbook,
 * the shared strings and the styles are always parsed first, then each sheet is streamed row by row, its text
 * decoded as a stream so that a character split between two chunks is not garbled. Each sheet comes with its
 * state (`hidden`, `veryHidden`, or visible), its hidden rows and merged cells (read on demand, in a pass of their
 * own) and whether the workbook counts dates from 1904 (`date1904`, as Excel for Mac wrote them: `1` or `true`).
 */
export async function* worksheets(
  path: string,
  parts: Map<string, ZipPart>,
): AsyncGenerator<{
  sheet: AsyncIterable<ExcelJS.Row>;
  name: string;
  state: string;
  layout: () => Promise<SheetLayout>;
  date1904: boolean;
}> {
  const {default: ExcelJSModule} = await import("exceljs");
  const reader = new ExcelJSModule.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
  }) as unknown as ExcelJsReaderInternals;
  const part = (name: string) => parts.get(name);
  const open = (p: ZipPart) => openPart(path, p);
  const rels = part("xl/_rels/workbook.xml.rels");
  const book = part("xl/workbook.xml");
  const strings = part("xl/sharedStrings.xml");
  const styles = part("xl/styles.xml");
  if (rels) await reader._parseRels(open(rels));
  if (book) await reader._parseWorkbook(open(book));
  // ExcelJS takes only date1904="1"; LibreOffice and POI may write "true" (and XML allows single quotes).
  const date1904 = book ? declaresDate1904(await partText(open(book))) : false;
  reader.properties = {...reader.properties, model: {...reader.properties?.model, date1904}};
  if (strings)
    for await (const _ of reader._parseSharedStrings(Readable.from(sharedStringPieces(open(strings))))) void _;
  // Backslashes doubled so that ExcelJS gives each number format back as written (cellFormat.ts keepFormatEscapes).
  if (styles) await reader._parseStyles(Readable.from([keepFormatEscapes(await partText(open(styles)))]));
  // Built-in formats ExcelJS does not know (the Chinese locale's dates and times): before any cell's style is built.
  const numFmt = reader.styles?.index?.numFmt;
  if (numFmt) for (const [id, code] of Object.entries(ZH_CN_BUILTIN_FORMATS)) numFmt[Number(id)] ??= code;
  reader.sharedStrings ??= [];

  // Tab order from the workbook's sheet list and its relationships; any sheet part they miss comes after.
  const target = (t: string) => (t.startsWith("/") ? t.slice(1) : `xl/${t.replace(/^\.\//, "")}`);
  const listed: Array<{part: ZipPart; name: string; state?: string}> = [];
  for (const sheet of reader.model?.sheets ?? []) {
    const rel = reader.workbookRels?.find((r) => r.Id === sheet.rId);
    const p = rel && part(target(rel.Target));
    if (p && !listed.some((l) => l.part === p)) listed.push({part: p, name: sheet.name, state: sheet.state});
  }
  const number = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
  const unlisted = [...parts.values()]
    .filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p.name) && !listed.some((l) => l.part === p))
    .sort((a, b) => number(a.name) - number(b.name))
    .map((p) => ({part: p, name: p.name.slice("xl/worksheets/".length, -".xml".length)}));
  for (const {part: p, name, state} of [...listed, ...unlisted] as Array<{
    part: ZipPart;
    name: string;
    state?: string;
  }>) {
    const layout = () => sheetLayout(open(p));
    const cells = withSerialDates(open(p) as AsyncIterable<string>, date1904);
    for (const {eventType, value} of reader._parseWorksheet(cells, String(number(p.name))))
      if (eventType === "worksheet") yield {sheet: value, name, state: state ?? "visible", layout, date1904};
  }
}

/**
 * A sheet's text with its ISO 8601 date cells as serials (cellFormat.ts `isoDateCellsAsSerials`) and its cells as
 * Excel shows them (`cellsAsShown`: no phonetic runs, an error cell's error), passed on in pieces that end before a
 * cell or row tag, so that no cell is cut in two. `<` is always markup in XML, so a tag found is a tag, never text.
 */
function withSerialDates(text: AsyncIterable<string>, date1904: boolean): AsyncGenerator<string> {
  return inPieces(text, lastCellOrRowStart, (piece) =>
    isoDateCellsAsSerials(cellsAsShown(withoutIndentation(piece)), date1904),
  );
}

/**
 * `text` passed on as `piece` of each stretch that ends where `cut` says (before a tag: `<` is always markup in
 * XML), the rest of the text kept for the next chunk.
 */
async function* inPieces(
  text: AsyncIterable<unknown>,
  cut: (pending: string) => number,
  piece: (whole: string) => string,
): AsyncGenerator<string> {
  let pending = "";
  for await (const chunk of text) {
    pending += String(chunk);
    const at = cut(pending);
    if (at <= 0) continue;
    yield piece(pending.slice(0, at));
    pending = pending.slice(at);
  }
  if (pending) yield piece(pending);
}

/**
 * XML text without the whitespace between its tags (`</t>⏎        </is>`), as Gnumeric indents the XLSX it writes:
 * ExcelJS's streaming reader adds that whitespace to the cell's text ("城东区⏎        ⏎"), so every such value was
 * wrong or rejected. `text` ends just before a tag (or the document's end): whitespace after its last tag goes too.
 * Text of a cell is never touched: it holds more than whitespace, or only whitespace, a blank cell either way.
 */
function withoutIndentation(text: string): string {
  return text.replace(/>\s+</g, "><").replace(/>\s+$/, ">");
}

/**
 * The shared strings' text in pieces that end just before a string (`<si>`), so that none is cut in two, each
 * `withoutIndentation` and `cellsAsShown` (no phonetic runs).
 */
function sharedStringPieces(text: AsyncIterable<unknown>): AsyncGenerator<string> {
  return inPieces(text, lastStringStart, (piece) => cellsAsShown(withoutIndentation(piece)));
}

/** Where the last `<c …>`, `<row …>` or `</row>` tag (any namespace prefix; never `</c>`) starts in `text`, or -1. */
const lastCellOrRowStart = (text: string) => lastTagStart(text, /^<(?:(?:\w+:)?c[\s/>]|\/?(?:\w+:)?row[\s/>])/);

/** Where the last `<si>` tag (any namespace prefix) starts in `text`, or -1. */
const lastStringStart = (text: string) => lastTagStart(text, /^<(?:\w+:)?si[\s>]/);

/** Where the last tag that `tag` matches (tested on the 40 characters from its `<`) starts in `text`, or -1. */
function lastTagStart(text: string, tag: RegExp): number {
  for (let at = text.lastIndexOf("<"); at !== -1; at = at === 0 ? -1 : text.lastIndexOf("<", at - 1)) {
    if (tag.test(text.slice(at, at + 40))) return at;
  }
  return -1;
}

/** A small part's whole text (the workbook's sheet list). */
async function partText(stream: AsyncIterable<unknown>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return text;
}
