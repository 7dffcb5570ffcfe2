// Issue 13, part "values": text values, dates, identifiers and headers as offices' files really carry them. Every
// table is written by three writers (a CSV export with `="…"` cells, ExcelJS, and a workbook written part by part
// with inline strings the way openpyxl, LibreOffice and Java POI write them) and loaded with the real loader; the
// tests assert the exact values in the feed table and the exact rows rejected, with their reasons.
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import Papa from "papaparse";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  Decimal,
  Int64,
  makeData,
  makeVector,
  Table as ArrowTable,
  tableToIPC,
  TimestampMicrosecond,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import {decimalText, float32Text} from "../../pipeline/ingest/arrowToCsv.ts";
import {looksLike} from "../../pipeline/ingest/looksLike.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/** A cell: text, or a number as a spreadsheet stores it (a CSV writes it as Excel shows it in General format). */
type Cell = string | number;
interface Table {
  /** Title lines above the header, each a single cell, then one blank row. */
  titles: string[];
  headers: string[];
  rows: Cell[][];
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const column = (i: number) => String.fromCharCode(65 + i);
/** All rows of a table as the sheet has them, title and blank rows first (so CSV lines and sheet rows agree). */
const sheetRows = (t: Table): Cell[][] => [
  ...t.titles.map((x) => [x]),
  ...(t.titles.length ? [[]] : []),
  t.headers,
  ...t.rows,
];

/** The three writers: each returns the path it wrote. */
const WRITERS: Record<string, (t: Table, path: string) => Promise<string>> = {
  async csv(t, path) {
    const shown = (c: Cell) => (typeof c === "number" ? excelGeneral(c) : c);
    writeFileSync(
      `${path}.csv`,
      "\uFEFF" +
        Papa.unparse(
          sheetRows(t).map((r) => r.map(shown)),
          {newline: "\r\n"},
        ),
    );
    return `${path}.csv`;
  },
  async exceljs(t, path) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("办件");
    // Cell by cell: addRow would drop the blank row between the title and the header.
    sheetRows(t).forEach((row, r) => row.forEach((c, i) => (sheet.getCell(r + 1, i + 1).value = c)));
    await workbook.xlsx.writeFile(`${path}.xlsx`);
    return `${path}.xlsx`;
  },
  async inlineStrings(t, path) {
    const rows = sheetRows(t)
      .map(
        (row, r) =>
          `<row r="${r + 1}">${row
            .map((c, i) =>
              typeof c === "number"
                ? `<c r="${column(i)}${r + 1}"><v>${c}</v></c>`
                : `<c r="${column(i)}${r + 1}" t="inlineStr"><is><t>${xml(c)}</t></is></c>`,
            )
            .join("")}</row>`,
      )
      .join("");
    const zip = new JSZip();
    const ns = "http://schemas.openxmlformats.org";
    zip.file(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    );
    zip.file(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    zip.file(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    zip.file(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    );
    zip.file(
      "xl/worksheets/sheet1.xml",
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
    );
    writeFileSync(`${path}.xlsx`, await zip.generateAsync({type: "nodebuffer"}));
    return `${path}.xlsx`;
  },
};

/** How Excel shows a number in a General cell, and so writes it to CSV: 15 significant digits, long ones as 6.30102E+17. */
function excelGeneral(n: number): string {
  if (Math.abs(n) >= 1e11)
    return n
      .toExponential(5)
      .toUpperCase()
      .replace(/\.?0+E/, "E")
      .replace("E+", "E+");
  return String(n);
}

// One warehouse per writer: the writers send the same cases, which a shared warehouse would reject as duplicates.
let wh: TempWarehouse;

async function load(t: Table, writer: string, name: string, feed?: string) {
  const path = await WRITERS[writer]!(t, join(wh.dir, `${name}-${writer}`));
  const [result] = await wh.load([path], feed ? {feed} : {});
  return result!;
}

const rejects = (loadId: number) =>
  wh.query<{line: number; column_name: string; rule: string; message: string}>(
    "select line::integer as line, column_name, rule, message from load_rejects where load_id = $1 order by line, column_name",
    [loadId],
  );

// Startup cases as a county office sends them: a title, a blank row, a header with units and a phone column.
const STARTUP: Table = {
  titles: ["2023年6月开办企业办件统计表"],
  headers: ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数（个）", "费用（元）", "联系电话"],
  rows: [
    ["V-01", "城东区", "2023-06-05T01:00:00Z", "2023-06-05 18:00:00+08:00", "online", "3.0", "1,234.5", "13800000000"],
    ["V-02", "城东区", "23/6/5 9:30", "2023-06-06 10:00", "online", "2", "0", ""],
    ["V-03", "城东区", "2023-06-05 09:00", "2023-06-06 10:00", "online", "2.5", "0", ""],
    ["6.30102E+17", "城东区", "2023-06-05 09:00", "2023-06-06 10:00", "online", "2", "0", ""],
    [630102199001011000, "城东区", "2023-06-05 09:00", "2023-06-06 10:00", "online", "2", "0", ""],
    ['="0630102199001011234"', "城东区", "2023-06-05 09:00", "2023-06-06 10:00", "online", "2", "0", ""],
    ["V-07", "城东区", "1999-12-31 10:00", "2023-06-06 10:00", "online", "2", "0", ""],
    ["V-08", "城东区", "2023-06-04 18:00:00-0500", "2023-06-06 10:00", "online", 4, 12.5, ""],
  ],
};

describe.each(Object.keys(WRITERS))("values written by %s", (writer) => {
  beforeAll(() => {
    wh = tempWarehouse();
  });
  afterAll(() => wh.remove());
  it('loads zoned times in China time, unwraps ="…", rejects two-digit years, 2.5 whole numbers and mangled ids', async () => {
    const result = await load(STARTUP, writer, "startup");
    expect(result).toMatchObject({feed: "startup_cases", status: "loaded", rows_read: 8, rows_loaded: 3});
    // The header fed by 办理环节数（个）, the phone column named as not loaded, the title line reported.
    expect(result.columns).toMatchObject({
      case_id: "办件编号",
      procedures: "办理环节数（个）",
      cost_yuan: "费用（元）",
    });
    expect(result.unmatched_headers).toEqual(["联系电话"]);
    expect(result.message).toContain("联系电话");
    if (writer === "csv") expect(result.message).toContain('line 1 "2023年6月开办企业办件统计表"');
    const rows = await wh.query(
      "select case_id, applied_at::varchar as applied_at, completed_at::varchar as completed_at, procedures, cost_yuan from feed_startup_cases where _load_id = $1 order by _line",
      [result.load_id],
    );
    expect(rows).toEqual([
      {
        case_id: "V-01",
        applied_at: "2023-06-05 09:00:00",
        completed_at: "2023-06-05 18:00:00",
        procedures: 3,
        cost_yuan: 1234.5,
      },
      {
        case_id: "0630102199001011234",
        applied_at: "2023-06-05 09:00:00",
        completed_at: "2023-06-06 10:00:00",
        procedures: 2,
        cost_yuan: 0,
      },
      {
        case_id: "V-08",
        applied_at: "2023-06-05 07:00:00",
        completed_at: "2023-06-06 10:00:00",
        procedures: 4,
        cost_yuan: 12.5,
      },
    ]);
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([
      [5, "applied_at", "too_early"],
      [6, "procedures", "type"],
      [7, "case_id", "identifier"],
      [8, "case_id", "identifier"],
      [10, "applied_at", "too_early"],
    ]);
    expect(rejected[0]!.message).toContain("a two-digit year is not guessed");
    expect(rejected[1]!.message).toContain("never rounded");
    expect(rejected[2]!.message).toMatch(/scientific notation.*文本\/Text/);
    // Excel writes the number to CSV as it shows it (6.30102E+17); a workbook keeps the number, cut to 15 digits.
    if (writer === "csv") expect(rejected[3]!.message).toMatch(/"6.30102E\+17".*scientific notation/);
    // The 18 digits have the shape of an identity number: the stored message withholds them (personalData.ts).
    else expect(rejected[3]!.message).toMatch(/"\[removed\]".*15 significant digits.*文本\/Text/);
    expect(rejected[4]!.message).toBe(
      'applied_at is before 2000-01-01, the earliest date startup_cases accepts, found "1999-12-31 10:00"',
    );
  });

  it("never stores digits a double does not hold: ids beyond 2^53 rejected, serial date-times on the second", async () => {
    // Found with files from openpyxl, xlsxwriter and LibreOffice: 630104202203020123 as a number cell was stored as
    // 630104202203020200, and 09:30 given as a serial (44621.39583333334) as 09:29:59.999999.
    const table: Table = {
      titles: [],
      headers: ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数（个）", "费用（元）"],
      rows: [
        // The number the office typed: a double holds it only to 630104202203020160.
        [Number("630104202203020123"), "城东区", 44621.39583333334, 44622.69791666666, "online", 2, 0],
        ["N-03", "城东区", 44621.39583333334, 44622.69791666666, "online", 2, 0],
        // A serial as a General cell shows it, exported to CSV or pasted as text: 0.29 s before 09:30.
        ["N-04", "城东区", "44621.39583", "44622.69792", "online", 2, 0],
        [1234567890123456, "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, 0],
      ],
    };
    const result = await load(table, writer, "doubles");
    const rows = await wh.query<{case_id: string; applied_at: string; completed_at: string}>(
      "select case_id, applied_at::varchar as applied_at, completed_at::varchar as completed_at from feed_startup_cases where _load_id = $1 order by _line",
      [result.load_id],
    );
    const times = {applied_at: "2022-03-01 09:30:00", completed_at: "2022-03-02 16:45:00"};
    // A workbook keeps 1234567890123456 (below 2^53) to the unit; Excel's CSV shows it as 1.23457E+15.
    const exact = writer === "csv" ? [] : [{case_id: "1234567890123456", ...times}];
    expect(rows).toEqual([{case_id: "N-03", ...times}, {case_id: "N-04", ...times}, ...exact]);
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([
      [2, "case_id", "identifier"],
      ...(writer === "csv" ? [[5, "case_id", "identifier"]] : []),
    ]);
    // The workbook's number is written in scientific notation with every digit the double holds: as many digits as
    // an identity number has, so the stored message withholds them (personalData.ts); Excel's CSV shows six.
    expect(rejected[0]!.message).toContain(writer === "csv" ? '"6.30104E+17"' : '"[removed]" is an identifier');
    expect(rejected[0]!.message).toMatch(/scientific notation.*文本\/Text/);
  });

  it("rejects an identifier a program exported as a decimal (630102.0) and keeps dotted codes (1.0)", async () => {
    // pandas writes a float64 column (an integer column with one missing value) as 630102.0, Java's
    // Double.toString likewise: stored as text, "630102.0" would never match the same case sent as 630102.
    const table: Table = {
      titles: [],
      headers: ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数（个）", "费用（元）"],
      rows: [
        ["630102.0", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, 0],
        ["12345.00", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, 0],
        ["1.0", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, 0],
        ["2022.5", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, 0],
      ],
    };
    const result = await load(table, writer, "decimal-ids");
    const rows = await wh.query<{case_id: string}>(
      "select case_id from feed_startup_cases where _load_id = $1 order by _line",
      [result.load_id],
    );
    expect(rows).toEqual([{case_id: "1.0"}, {case_id: "2022.5"}]);
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([
      [2, "case_id", "identifier"],
      [3, "case_id", "identifier"],
    ]);
    expect(rejected[0]!.message).toMatch(
      /^case_id "630102.0" is an identifier .* as a decimal.*export case_id as text$/,
    );
  });

  it("reads yuan as Excel's currency format shows them (¥1,234.50, ￥12, 12元), only in a column in yuan", async () => {
    // Excel's CSV writes a currency-formatted cell as shown: ¥1,234.50 (or ￥ in a Chinese locale).
    const table: Table = {
      titles: [],
      headers: ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数（个）", "费用（元）"],
      rows: [
        ["Y-1", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, "¥1,234.50"],
        ["Y-2", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, "￥12"],
        ["Y-3", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, "12.5元"],
        ["Y-4", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, "-¥3"],
        ["Y-5", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", 2, "(¥1.00)"],
        ["Y-6", "城东区", "2022-03-01 09:30", "2022-03-02 16:45", "online", "¥2", 0],
      ],
    };
    const result = await load(table, writer, "yuan");
    const rows = await wh.query<{case_id: string; cost_yuan: number}>(
      "select case_id, cost_yuan from feed_startup_cases where _load_id = $1 order by _line",
      [result.load_id],
    );
    expect(rows).toEqual([
      {case_id: "Y-1", cost_yuan: 1234.5},
      {case_id: "Y-2", cost_yuan: 12},
      {case_id: "Y-3", cost_yuan: 12.5},
    ]);
    // A negative amount is out of range; an accounting bracket is not read; ¥ in a count of procedures is no count.
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([
      [5, "cost_yuan", "range"],
      [6, "cost_yuan", "type"],
      [7, "procedures", "type"],
    ]);
  });

  it("rejects what a spreadsheet shows for no value (#N/A, #DIV/0!, #####, =F3*10) in every column, free text too", async () => {
    // A VLOOKUP that found nothing, a division by zero, a date column too narrow when Excel saved the CSV, a formula a
    // program wrote and nothing calculated: the case number would have been stored as "#N/A".
    const at = ["2022-03-01 09:30", "2022-03-02 16:45"];
    const table: Table = {
      titles: [],
      headers: ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数（个）", "费用（元）"],
      rows: [
        ["#N/A", "城东区", ...at, "online", 2, 0],
        ["N-2", "#REF!", ...at, "online", 2, 0],
        ["N-3", "城东区", "########", at[1]!, "online", 2, 0],
        ["N-4", "城东区", ...at, "#N/A", 2, 0],
        ["N-5", "城东区", ...at, "online", "=F3*10", 0],
        ["N-6", "城东区", ...at, "online", 2, "#DIV/0!"],
        ["N-7", "城东区", ...at, "online", 2, "Err:502"],
        ["N-8", "城东区", ...at, "online", 2, 0],
      ],
    };
    const result = await load(table, writer, "not-values");
    expect(result).toMatchObject({status: "loaded", rows_read: 8, rows_loaded: 1});
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([
      [2, "case_id", "spreadsheet_error"],
      [3, "area", "spreadsheet_error"],
      [4, "applied_at", "spreadsheet_error"],
      [5, "channel", "spreadsheet_error"],
      [6, "procedures", "spreadsheet_error"],
      [7, "cost_yuan", "spreadsheet_error"],
      [8, "cost_yuan", "spreadsheet_error"],
    ]);
    const said = rejected.map((r) => r.message);
    expect(said[0]).toMatch(/^case_id holds the spreadsheet error "#N\/A", not a value: .*lookup that found nothing/);
    expect(said[2]).toMatch(/^applied_at is "########": what a spreadsheet shows where a value does not fit/);
    expect(said[4]).toMatch(/^procedures holds a formula \("=F3\*10"\) with no computed value: a program wrote/);
    expect(said[6]).toMatch(/^cost_yuan holds the spreadsheet error "Err:502"/);
  });

  it("rejects NaN and Infinity (Java's Double.toString of 0.0/0 and x/0), never stores them as numbers", async () => {
    // DuckDB's cast reads nan, inf and an exponent past the double's range: a cost of NaN was stored, and every
    // average over it was NaN on the dashboards.
    const at = ["2022-03-01 09:30", "2022-03-02 16:45"];
    const table: Table = {
      titles: [],
      headers: ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数（个）", "费用（元）"],
      rows: [
        ["F-1", "城东区", ...at, "online", 2, "NaN"],
        ["F-2", "城东区", ...at, "online", 2, "Infinity"],
        ["F-3", "城东区", ...at, "online", 2, "-Infinity"],
        ["F-4", "城东区", ...at, "online", 2, "1e400"],
        ["F-5", "城东区", ...at, "online", 2, "1e3"],
      ],
    };
    const result = await load(table, writer, "non-finite");
    expect(result).toMatchObject({status: "loaded", rows_read: 5, rows_loaded: 1});
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([
      [2, "cost_yuan", "type"],
      [3, "cost_yuan", "type"],
      [4, "cost_yuan", "type"],
      [5, "cost_yuan", "type"],
    ]);
  });

  it("reads null, None, NaT, <NA> and \\N as empty where no text is a value, and keeps them in free text", async () => {
    // Java's String.valueOf(null) writes null, Python's str(None) None, pandas NaT and <NA>: a case not yet completed
    // was rejected ("expected a date and time, found null") instead of loading with no completion time.
    const at = "2022-03-01 09:30";
    const table: Table = {
      titles: [],
      headers: ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数（个）", "费用（元）"],
      rows: [
        ["W-1", "城东区", at, "null", "online", 2, "None"],
        ["W-2", "城东区", at, "NaT", "online", 2, "<NA>"],
        ["W-3", "城东区", at, "(null)", "online", "NULL", 0],
        ["W-4", "null", at, "", "online", 2, 0],
        ["W-5", "城东区", at, "", "online", 2, "NaN"],
        ["null", "城东区", at, "", "online", 2, 0],
        // MySQL's SELECT … INTO OUTFILE and mysqldump write \N.
        ["W-7", "城东区", at, "\\N", "online", 2, "\\N"],
      ],
    };
    const result = await load(table, writer, "null-words");
    expect(result).toMatchObject({status: "loaded", rows_read: 7, rows_loaded: 4});
    const rows = await wh.query(
      "select case_id, completed_at, cost_yuan from feed_startup_cases where _load_id = $1 order by _line",
      [result.load_id],
    );
    expect(rows).toEqual([
      {case_id: "W-1", completed_at: null, cost_yuan: null},
      {case_id: "W-2", completed_at: null, cost_yuan: null},
      // Free text is kept as written: a case number "null" is the office's.
      {case_id: "null", completed_at: null, cost_yuan: 0},
      {case_id: "W-7", completed_at: null, cost_yuan: null},
    ]);
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([
      [4, "procedures", "required"],
      [5, "area", "required"],
      [6, "cost_yuan", "type"],
    ]);
    expect(rejected[0]!.message).toBe(
      'procedures is required but empty: found "NULL", the word a program writes for no value',
    );
  });

  it("reads null in a date or a time of day kept in two columns as empty, before they are joined", async () => {
    // Was rejected as found "null null": the two cells were joined first.
    const table: Table = {
      titles: [],
      headers: ["办件编号", "区县", "受理日期", "受理时间", "办结日期", "办结时间", "办理渠道", "办理环节数（个）"],
      rows: [
        ["J-1", "城东区", "2022/3/1", "09:30", "null", "null", "online", 2],
        ["J-2", "城东区", "2022/3/1", "09:30", "2022/3/2", "None", "online", 2],
        ["J-3", "城东区", "2022/3/1", "09:30", "null", "16:45", "online", 2],
      ],
    };
    const result = await load(table, writer, "null-split");
    expect(result).toMatchObject({status: "loaded", rows_read: 3, rows_loaded: 2});
    const rows = await wh.query(
      "select case_id, applied_at::varchar as applied_at, completed_at::varchar as completed_at from feed_startup_cases where _load_id = $1 order by _line",
      [result.load_id],
    );
    expect(rows).toEqual([
      {case_id: "J-1", applied_at: "2022-03-01 09:30:00", completed_at: null},
      {case_id: "J-2", applied_at: "2022-03-01 09:30:00", completed_at: "2022-03-02 00:00:00"},
    ]);
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([[4, "completed_at", "time_without_date"]]);
  });

  it("reads 12-hour times (下午3:30, 03:30 PM), also in a time column of their own, on the 24-hour clock", async () => {
    // Excel's zh-CN formats 上午/下午h"时"mm"分" write such text to CSV; Java's `hh:mm a` writes 03:30 PM or 下午.
    const table: Table = {
      titles: [],
      headers: ["办件编号", "区县", "受理日期", "受理时间", "办结时间", "办理渠道", "办理环节数（个）", "费用（元）"],
      rows: [
        ["T-1", "城东区", "2022/3/1", "下午3:30", "2022/3/2 上午9:05", "online", 2, 0],
        ["T-2", "城东区", "2022/3/1", "09:30 AM", "2022-03-02 12:15 PM", "online", 2, 0],
        ["T-3", "城东区", "2022/3/1", "上午12:10", "2022年3月2日 下午4时45分", "online", 2, 0],
        ["T-4", "城东区", "2022/3/1", "下午13:30", "2022-03-02 10:00", "online", 2, 0],
      ],
    };
    const result = await load(table, writer, "twelve-hour");
    expect(result).toMatchObject({status: "loaded", rows_read: 4, rows_loaded: 3});
    const rows = await wh.query(
      "select case_id, applied_at::varchar as applied_at, completed_at::varchar as completed_at from feed_startup_cases where _load_id = $1 order by _line",
      [result.load_id],
    );
    expect(rows).toEqual([
      {case_id: "T-1", applied_at: "2022-03-01 15:30:00", completed_at: "2022-03-02 09:05:00"},
      {case_id: "T-2", applied_at: "2022-03-01 09:30:00", completed_at: "2022-03-02 12:15:00"},
      {case_id: "T-3", applied_at: "2022-03-01 00:10:00", completed_at: "2022-03-02 16:45:00"},
    ]);
    // An hour over 12 with 下午 is no time of either clock: rejected, never read as 13:30 or 01:30.
    const rejected = await rejects(result.load_id!);
    expect(rejected.map((r) => [r.line, r.column_name, r.rule])).toEqual([[5, "applied_at", "type"]]);
  });

  it("matches 审批阶段数（个） and refuses a header in 小时 for a column in workdays, naming both units", async () => {
    const base = {titles: [], rows: [["P-1", "城东区", "social_investment", "2023-02-10", "2023-04-20", 45, 4]]};
    const ok = await load(
      {
        ...base,
        headers: ["项目编号", "区县", "项目类型", "申报日期", "发证日期", "审批用时（工作日）", "审批阶段数（个）"],
      },
      writer,
      "permits-units",
    );
    expect(ok).toMatchObject({status: "loaded", rows_loaded: 1});
    expect(ok.columns).toMatchObject({approval_workdays: "审批用时（工作日）", stages: "审批阶段数（个）"});
    const rows = await wh.query(
      "select approval_workdays, stages from feed_construction_permit_cases where _load_id = $1",
      [ok.load_id],
    );
    expect(rows).toEqual([{approval_workdays: 45, stages: 4}]);
    const hours = await load(
      {...base, headers: ["项目编号", "区县", "项目类型", "申报日期", "发证日期", "审批用时(小时)", "审批阶段数"]},
      writer,
      "permits-hours",
    );
    expect(hours.status).toBe("refused");
    expect(hours.message).toContain('header "审批用时(小时)" is in 小时 but approval_workdays is in workday (工作日)');
  });

  it("refuses a header that looks like an optional column instead of loading that column empty", async () => {
    const result = await load(
      {
        titles: [],
        headers: ["项目编号", "区县", "项目类型", "申报日期", "发证日期", "审批用时", "审批阶段数目"],
        rows: [["P-2", "城东区", "social_investment", "2023-02-10", "2023-04-20", 45, 4]],
      },
      writer,
      "permits-near",
    );
    expect(result.status).toBe("refused");
    expect(result.message).toContain('header "审批阶段数目" matches no column; did you mean "审批阶段数" (stages)?');
    expect(result.message).toContain("add it as an alias of stages in sources/feeds/construction_permit_cases.yaml");
  });

  it("never takes 序号 for the task number: refused without 任务编号, named as not loaded beside it", async () => {
    const row = [1, "admin_approval_bureau", "2023-06-01", "推进中", 50];
    const without = await load(
      {titles: [], headers: ["序号", "责任单位", "报送日期", "进展状态", "完成进度"], rows: [row]},
      writer,
      "tasks-serial",
    );
    expect(without.status).toBe("refused");
    expect(without.message).toContain("closest: task_progress (任务进展报送, 4 headers matched) lacks task_number");
    expect(without.message).toContain("task_number");
    const beside = await load(
      {
        titles: [],
        headers: ["序号", "任务编号", "责任单位", "报送日期", "进展状态", "完成进度"],
        rows: [[1, ...[9, ...row.slice(1)]]],
      },
      writer,
      "tasks-number",
    );
    expect(beside).toMatchObject({status: "loaded", rows_loaded: 1, unmatched_headers: ["序号"]});
    expect(beside.columns).toMatchObject({task_number: "任务编号"});
    const rows = await wh.query("select task_number from feed_task_progress where _load_id = $1", [beside.load_id]);
    expect(rows).toEqual([{task_number: 9}]);
  });
});

describe("a data frame's doubles, as Parquet stores them", () => {
  let wh2: TempWarehouse;
  beforeAll(() => {
    wh2 = tempWarehouse();
  });
  afterAll(() => wh2.remove());

  it("reads a whole double as an integer (12, not 12.0) and rejects an id beyond 2^53", async () => {
    // pandas keeps an integer column with a missing value as float64, which Parquet stores as DOUBLE: its whole
    // numbers read as DuckDB writes a double (123456789012345.0) would load as ids no office ever gave.
    const path = join(wh2.dir, "frame.parquet");
    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    await connection.run(
      `copy (select * from (values
          (123456789012345::double, '城东区', timestamp '2022-03-01 09:30', 'online', 2::double, 12.5::double),
          (630104202203020123::double, '城东区', timestamp '2022-03-01 09:30', 'online', 3::double, 0::double),
          (1234567890123456::double, '城东区', timestamp '2022-03-01 09:30', 'online', 4::double, 1e3::double),
          (9123456789012345::double, '城东区', timestamp '2022-03-01 09:30', 'online', 2::double, 0::double),
          (110101199003070000::double, '城东区', timestamp '2022-03-01 09:30', 'online', 2::double, 0::double)
        ) t(case_id, area, applied_at, channel, procedures, cost_yuan)) to '${path}' (format parquet)`,
    );
    connection.closeSync();
    duck.closeSync();
    const [result] = await wh2.load([path], {feed: "startup_cases"});
    expect(result).toMatchObject({status: "loaded", rows_read: 5, rows_loaded: 2, rows_rejected: 3});
    const rows = await wh2.query(
      "select case_id, procedures, cost_yuan from feed_startup_cases where _load_id = $1 order by _line",
      [result!.load_id],
    );
    expect(rows).toEqual([
      {case_id: "123456789012345", procedures: 2, cost_yuan: 12.5},
      {case_id: "1234567890123456", procedures: 4, cost_yuan: 1000},
    ]);
    const rejected = await wh2.query<{line: number; rule: string; message: string}>(
      "select line::integer as line, rule, message from load_rejects where load_id = $1 order by line",
      [result!.load_id],
    );
    // 630104202203020123 and 9123456789012345 (between 2^53 and 1e16, where DuckDB writes 9123456789012344.0) lose
    // digits in a double: scientific notation; 110101199003070000 has 15 and reads as Excel's cut. Every one's digits
    // are withheld: they would show an identity number's region and birth date.
    expect(rejected.map((r) => [r.line, r.rule])).toEqual([
      [2, "identifier"],
      [4, "identifier"],
      [5, "identifier"],
    ]);
    expect(rejected[0]!.message).toMatch(/"\[removed\]" is an identifier .*scientific notation/);
    expect(rejected[1]!.message).toMatch(/"\[removed\]" is an identifier .*scientific notation/);
    expect(rejected[2]!.message).toMatch(/"\[removed\]" is an identifier .*15 significant digits/);
  });

  it("rejects a NaN or infinite double (a data frame's missing value or division by zero), never stores it", async () => {
    const path = join(wh2.dir, "nan.parquet");
    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    await connection.run(
      `copy (select * from (values
          ('P-1', '城东区', timestamp '2022-03-01 09:30', 'online', 2, 'nan'::double),
          ('P-2', '城东区', timestamp '2022-03-01 09:30', 'online', 2, 'inf'::double),
          ('P-3', '城东区', timestamp '2022-03-01 09:30', 'online', 2, 12.5::double)
        ) t(case_id, area, applied_at, channel, procedures, cost_yuan)) to '${path}' (format parquet)`,
    );
    connection.closeSync();
    duck.closeSync();
    const [result] = await wh2.load([path], {feed: "startup_cases"});
    expect(result).toMatchObject({status: "loaded", rows_read: 3, rows_loaded: 1, rows_rejected: 2});
    const rejected = await wh2.query<{line: number; column_name: string; rule: string}>(
      "select line::integer as line, column_name, rule from load_rejects where load_id = $1 order by line",
      [result!.load_id],
    );
    // A Parquet file's lines are its rows, from 1.
    expect(rejected).toEqual([
      {line: 1, column_name: "cost_yuan", rule: "type"},
      {line: 2, column_name: "cost_yuan", rule: "type"},
    ]);
  });
});

describe("a data frame written as Arrow IPC (Feather)", () => {
  let wh3: TempWarehouse;
  beforeAll(() => {
    wh3 = tempWarehouse();
  });
  afterAll(() => wh3.remove());

  it("reads timestamps, decimals and 32-bit floats as the tool showed them (123.45, not 12345; 0.1)", async () => {
    // No loader test read an Arrow file before, and apache-arrow hands timestamps over as milliseconds and a decimal
    // as its unscaled integer: every timestamp was rejected as "found 1646127000000", and a decimal(10,2) of 123.45
    // was stored as 12345 without a word. pyarrow and polars write such columns (a database's NUMERIC(10,2)).
    const path = join(wh3.dir, "frame.arrow");
    const n = 4;
    const ms = (iso: string) => Date.parse(`${iso}Z`);
    const table = new ArrowTable({
      case_id: vectorFromArray(["SU-1", "SU-2", "SU-3", "SU-4"], new Utf8()),
      area: vectorFromArray(["城东区", "城东区", "城东区", "城东区"], new Utf8()),
      // A timestamp without a zone is a wall clock; one with a zone an instant, here in UTC.
      applied_at: vectorFromArray(
        ["2022-03-01T09:30:00", "2022-03-01T09:30:00", "2022-03-01T09:30:00.5", "2022-03-01T09:30:00"].map(ms),
        new TimestampMillisecond(),
      ),
      completed_at: makeVector(
        makeData({
          type: new TimestampMicrosecond("UTC"),
          length: n,
          nullCount: 0,
          data: BigInt64Array.from([1, 2, 3, 4].map(() => BigInt(ms("2022-03-02T08:45:00")) * 1000n)),
        }),
      ),
      channel: vectorFromArray(["online", "online", "online", "online"], new Utf8()),
      procedures: makeVector(
        makeData({type: new Int64(), length: n, nullCount: 0, data: BigInt64Array.from([2n, 3n, 4n, 5n])}),
      ),
      cost_yuan: makeVector(Float32Array.from([0.1, 12.34, 99999.99, 120.5])),
      // decimal(10,2): 123.45, 0.01, 4999.99, 300.00 stored unscaled, four 32-bit words a value.
      seal_cost_yuan: makeVector(
        makeData({
          type: new Decimal(2, 10, 128),
          length: n,
          nullCount: 0,
          data: Uint32Array.from([12345, 0, 0, 0, 1, 0, 0, 0, 499999, 0, 0, 0, 30000, 0, 0, 0]),
        }),
      ),
    });
    writeFileSync(path, tableToIPC(table, "file"));
    const [result] = await wh3.load([path], {feed: "startup_cases"});
    expect(result).toMatchObject({status: "loaded", rows_read: 4, rows_loaded: 4, rows_rejected: 0});
    const rows = await wh3.query(
      "select case_id, applied_at::varchar as applied_at, completed_at::varchar as completed_at, procedures, cost_yuan, seal_cost_yuan from feed_startup_cases where _load_id = $1 order by _line",
      [result!.load_id],
    );
    const row = (i: number, cost: number, seal: number) => ({
      case_id: `SU-${i}`,
      applied_at: i === 3 ? "2022-03-01 09:30:00.5" : "2022-03-01 09:30:00",
      // 08:45 UTC is 16:45 in China.
      completed_at: "2022-03-02 16:45:00",
      procedures: i + 1,
      cost_yuan: cost,
      seal_cost_yuan: seal,
    });
    expect(rows).toEqual([row(1, 0.1, 123.45), row(2, 12.34, 0.01), row(3, 99999.99, 4999.99), row(4, 120.5, 300)]);
  });

  it("writes decimals digit for digit, the point where the scale puts it", () => {
    expect(decimalText(12345n, 2)).toBe("123.45");
    expect(decimalText(-5n, 3)).toBe("-0.005");
    expect(decimalText(123456789012345678901234567n, 4)).toBe("12345678901234567890123.4567");
    expect(decimalText(12n, 0)).toBe("12");
    expect(decimalText(12n, -2)).toBe("1200");
  });

  it("writes a float32 as its shortest digits, scientific beyond 2^24 when it keeps more than 7", () => {
    expect(float32Text(Math.fround(0.1))).toBe("0.1");
    expect(float32Text(Math.fround(99999.99))).toBe("99999.99");
    expect(float32Text(Math.fround(-12.34))).toBe("-12.34");
    expect(float32Text(16777215)).toBe("16777215");
    expect(float32Text(16777216)).toBe("1.6777216e+7");
    // 630102202203010001 as a float32 keeps 6.301022e17: written whole, an identifier column rejects it as cut.
    expect(float32Text(Math.fround(Number("630102202203010001")))).toBe("630102200000000000");
    expect(float32Text(Number.NaN)).toBe("NaN");
  });
});

describe("looksLike: when an unmatched header is taken for a misspelt column", () => {
  it("holds for one edit in four characters or one name inside the other, never for two-character names", () => {
    expect(looksLike("办理时限", "办理时长")).toBe(true);
    expect(looksLike("审批阶段数目", "审批阶段数")).toBe(true);
    expect(looksLike("complete_at", "completed_at")).toBe(true);
    expect(looksLike("费用", "费率")).toBe(false);
    expect(looksLike("联系电话", "区县")).toBe(false);
    expect(looksLike("填报人", "报送单位")).toBe(false);
  });
});
