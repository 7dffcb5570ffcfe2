import {readFileSync} from "node:fs";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import {normalizeHeader} from "../../pipeline/ingest/loadContracts.ts";
import type {Contract} from "../../pipeline/ingest/contractSchema.ts";
import {SYNTHETIC_COLUMN} from "../../pipeline/ingest/checkSql.ts";

/** A demo file read back without the manifest's help: how it was encoded is detected from the bytes. */
export interface ReadFile {
  encoding: "utf-8" | "utf-8-bom" | "gbk" | "xlsx";
  delimiter: "," | "\t" | null;
  crlf: boolean;
  /** 1-based line (sheet row) of the header. */
  headerLine: number;
  headers: string[];
  /** Data rows as contract column → text (`""` when empty), plus `synthetic`. */
  rows: Array<Record<string, string>>;
}

/**
 * Read a demo file the way an independent checker would: BOM or valid UTF-8 or else GBK; comma or tab from the
 * header line; XLSX through ExcelJS with the header found as the first row naming two contract columns. Headers
 * are mapped to contract columns through the contract's aliases; an unknown header throws.
 */
export async function readDemoFile(path: string, contract: Contract): Promise<ReadFile> {
  const lookup = new Map<string, string>();
  for (const c of contract.columns) for (const a of [c.name, ...c.aliases]) lookup.set(normalizeHeader(a), c.name);
  for (const a of SYNTHETIC_COLUMN.aliases) lookup.set(normalizeHeader(a), "synthetic");
  const toRecords = (headers: string[], data: string[][]) => {
    const names = headers.map((h) => {
      const name = lookup.get(normalizeHeader(h));
      if (name === undefined) throw new Error(`${path}: header ${h} is no column of ${contract.feed}`);
      return name;
    });
    return data.map((cells) => Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? "").trim()])));
  };

  if (path.endsWith(".xlsx")) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    const grid: string[][] = [];
    sheet.eachRow({includeEmpty: true}, (row, n) => {
      grid[n - 1] = Array.from({length: sheet.columnCount}, (_, i) => cellText(row.getCell(i + 1).value));
    });
    const headerIndex = grid.findIndex((cells) => cells.filter((c) => lookup.has(normalizeHeader(c))).length >= 2);
    const headers = grid[headerIndex]!.filter((h) => h !== "");
    return {
      encoding: "xlsx",
      delimiter: null,
      crlf: false,
      headerLine: headerIndex + 1,
      headers,
      rows: toRecords(headers, grid.slice(headerIndex + 1)),
    };
  }

  const bytes = readFileSync(path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let encoding: ReadFile["encoding"] = bom ? "utf-8-bom" : "utf-8";
  let text: string;
  try {
    text = new TextDecoder("utf-8", {fatal: true}).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    encoding = "gbk";
    text = iconv.decode(bytes, "gbk");
  }
  const firstLine = text.slice(0, text.search(/\r?\n/));
  const delimiter = firstLine.includes("\t") ? "\t" : ",";
  const parsed = Papa.parse<string[]>(text, {delimiter, skipEmptyLines: true});
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0]!.message}`);
  const [headers, ...data] = parsed.data;
  return {
    encoding,
    delimiter,
    crlf: text.includes("\r\n"),
    headerLine: 1,
    headers: headers!,
    rows: toRecords(headers!, data),
  };
}

/** Cell text as an office sees it: Excel dates as YYYY-MM-DD (ExcelJS reads them as UTC). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}
