// exceljs (0.5 s to import) is loaded only when a workbook is read or written: every command starts faster.
import type ExcelJS from "exceljs";
import {FeedError} from "../errors.ts";
import {checkXlsxZip, openPart, type ZipPart} from "./checkZip.ts";
import {CsvWriter} from "./csvWriter.ts";
import {HEADER_SEARCH_ROWS} from "./rowRules.ts";

/** Rows one workbook may hold: beyond this it is refused rather than risk a decompression bomb. */
const MAX_XLSX_ROWS = 2_000_000;

type Recognize = (headers: string[]) => {refuse: string} | {missingRequired: string[]};

/**
 * The text of an ExcelJS cell value, as the office saw it: dates as `YYYY-MM-DD HH:MM:SS`, formulas by the result
 * Excel saved with them. A formula saved without a result (written by a program, never opened in Excel) is
 * shown as its text, `=F3*10`, so that the column's type rule rejects it instead of it loading as empty.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel stores wall-clock times without a zone; ExcelJS reads them as UTC.
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const formula = value as ExcelJS.CellFormulaValue & {sharedFormula?: string};
      if (formula.result !== undefined && formula.result !== null) return cellText(formula.result as ExcelJS.CellValue);
      return formula.formula ? `=${formula.formula}` : `=(the formula of ${formula.sharedFormula ?? "another cell"})`;
    }
    if ("text" in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ("error" in value) return String((value as ExcelJS.CellErrorValue).error);
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * Stream an XLSX workbook into a CSV whose first column is the sheet row number. The sheet and its header row
 * are found, not assumed: the first sheet whose top rows contain a row that `recognize` accepts as a complete
 * header is used, and rows above the header (titles, notes) are skipped. Throws `FeedError` when no sheet has
 * such a row, naming the closest miss.
 */
export async function readXlsxToCsv(
  path: string,
  shown: string,
  csvPath: string,
  recognize: Recognize,
): Promise<{sheet: string; headerRow: number; headers: string[]}> {
  const parts = await checkXlsxZip(path, shown);
  const writer = new CsvWriter(csvPath);
  let chosen: {sheet: string; headerRow: number; headers: string[]} | undefined;
  // Every row exactly as wide as the header: cells past it are dropped, missing trailing cells are empty.
  const fit = (cells: string[]) => Array.from({length: chosen!.headers.length}, (_, i) => cells[i] ?? "");
  let closest = "";
  let rows = 0;
  try {
    for await (const {sheet, name} of worksheets(path, parts)) {
      const top: Array<{number: number; cells: string[]}> = [];
      for await (const row of sheet) {
        if (++rows > MAX_XLSX_ROWS)
          throw new FeedError(shown, `the workbook has more than ${MAX_XLSX_ROWS} rows; split it or send CSV`);
        const values = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText);
        if (chosen && chosen.sheet === name) {
          await writer.row([String(row.number), ...fit(values)]);
          continue;
        }
        if (chosen || top.length >= HEADER_SEARCH_ROWS) continue;
        top.push({number: row.number, cells: values});
        if (top.length === HEADER_SEARCH_ROWS)
          chosen = pickHeader(name, top, recognize, writer, (c) => (closest ||= c)) ?? chosen;
      }
      if (!chosen && top.length > 0) chosen = pickHeader(name, top, recognize, writer, (c) => (closest ||= c));
      if (chosen && chosen.sheet === name) {
        // Rows below the header that were buffered while searching.
        for (const row of top.filter((r) => r.number > chosen!.headerRow))
          await writer.row([String(row.number), ...fit(row.cells)]);
      }
    }
  } catch (error) {
    await writer.close().catch(() => {});
    if (error instanceof FeedError) throw error;
    throw new FeedError(shown, `cannot read it as an XLSX workbook: ${(error as Error).message}`);
  }
  await writer.close();
  if (!chosen)
    throw new FeedError(
      shown,
      `no sheet has a header row for a known feed in its first ${HEADER_SEARCH_ROWS} rows${closest ? `; closest: ${closest}` : " (the workbook is empty)"}`,
    );
  return {sheet: chosen.sheet, headerRow: chosen.headerRow, headers: chosen.headers};
}

/** The private parts of ExcelJS's streaming reader that `worksheets` drives (exceljs 4.4.0). */
interface ExcelJsReaderInternals {
  model?: {sheets?: Array<{name: string; rId: string; id: number}>};
  workbookRels?: Array<{Id: string; Target: string; Type?: string}>;
  properties?: unknown;
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
 * decoded as a stream so that a character split between two chunks is not garbled.
 */
export async function* worksheets(
  path: string,
  parts: Map<string, ZipPart>,
): AsyncGenerator<{sheet: AsyncIterable<ExcelJS.Row>; name: string}> {
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
  if (strings) for await (const _ of reader._parseSharedStrings(open(strings))) void _;
  if (styles) await reader._parseStyles(open(styles));
  reader.sharedStrings ??= [];
  reader.properties ??= {model: {}};

  // Tab order from the workbook's sheet list and its relationships; any sheet part they miss comes after.
  const target = (t: string) => (t.startsWith("/") ? t.slice(1) : `xl/${t.replace(/^\.\//, "")}`);
  const listed: Array<{part: ZipPart; name: string}> = [];
  for (const sheet of reader.model?.sheets ?? []) {
    const rel = reader.workbookRels?.find((r) => r.Id === sheet.rId);
    const p = rel && part(target(rel.Target));
    if (p && !listed.some((l) => l.part === p)) listed.push({part: p, name: sheet.name});
  }
  const number = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
  const unlisted = [...parts.values()]
    .filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p.name) && !listed.some((l) => l.part === p))
    .sort((a, b) => number(a.name) - number(b.name))
    .map((p) => ({part: p, name: p.name.slice("xl/worksheets/".length, -".xml".length)}));
  for (const {part: p, name} of [...listed, ...unlisted]) {
    for (const {eventType, value} of reader._parseWorksheet(open(p) as AsyncIterable<string>, String(number(p.name))))
      if (eventType === "worksheet") yield {sheet: value, name};
  }
}

/** Choose the header row among a sheet's top rows; writes it (with a row-number column) when found. */
function pickHeader(
  sheet: string,
  top: Array<{number: number; cells: string[]}>,
  recognize: Recognize,
  writer: CsvWriter,
  miss: (reason: string) => void,
): {sheet: string; headerRow: number; headers: string[]} | undefined {
  for (const row of top) {
    const headers = trimTrailingEmpty(row.cells);
    if (headers.filter((h) => h.trim() !== "").length < 2) continue;
    const result = recognize(headers);
    if ("refuse" in result) {
      miss(`sheet ${sheet} row ${row.number}: ${result.refuse}`);
      continue;
    }
    void writer.row(["__row", ...headers]);
    return {sheet, headerRow: row.number, headers};
  }
  return undefined;
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.trim() === "") end--;
  return cells.slice(0, end);
}
