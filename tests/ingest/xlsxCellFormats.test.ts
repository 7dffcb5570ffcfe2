// What a workbook's cells really hold: the number format decides what a stored number means (1.50 % is 0.015,
// 130:30 hours is 5.4375 days, 2023.10 is 2023.1), and the loader must load the value the office typed, in the
// contract's unit, or reject the row saying what it found. Every case is written twice: by ExcelJS (shared strings,
// its own styles) and part by part as LibreOffice / openpyxl / POI write (inline strings, built-in format ids).
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import Papa from "papaparse";
import {explicitWorkbook, readWorkbook, recognizeFeed} from "../../pipeline/ingest/fileCheck.ts";
import {readXlsxToCsv} from "../../pipeline/ingest/xlsxToCsv.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {writeRawXlsx, type RawCell} from "../fixtures/office/rawXlsx.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

const contracts = loadContracts(loadCatalog());
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-cellfmt-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/**
 * The data rows of the workbook at `path` as the loader stages them (its streaming reader) and as the browser's File
 * check reads them (ExcelJS in memory, after `explicitWorkbook`): the two must be the same text.
 */
async function loaderAndBrowserCells(path: string): Promise<{loader: string[][]; browser: string[][]}> {
  const recognize = (headers: string[]) => recognizeFeed(headers, contracts);
  const csv = `${path}.staged.csv`;
  await readXlsxToCsv(path, path, csv, recognize);
  // In line order: the staged CSV's first column (the reader writes the rows it held while finding the header later).
  const staged = Papa.parse<string[]>(readFileSync(csv, "utf8"), {skipEmptyLines: true})
    .data.slice(1)
    .sort((a, b) => Number(a[0]) - Number(b[0]));
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await explicitWorkbook(new Uint8Array(readFileSync(path)), JSZip)) as never);
  const sheet = readWorkbook(read as never, recognize);
  if ("refuse" in sheet) throw new Error(sheet.refuse);
  const trim = (cells: string[]) => {
    const out = [...cells];
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out;
  };
  return {loader: staged.map((r) => trim(r.slice(1))), browser: sheet.rows.map((r) => trim(r.cells))};
}

/** A cell for either writer: a value and the number format code it is shown with. */
type Cell = string | number | {v: number | Date; fmt: string; builtin?: number; formula?: string};

/** Excel's serial of a wall-clock date (days since 1899-12-30, or since 1904-01-01). */
const serial = (iso: string, date1904 = false) => Date.parse(`${iso}Z`) / 86_400_000 + 25569 - (date1904 ? 1462 : 0);

async function writeExcelJs(path: string, rows: Cell[][], date1904 = false): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  if (date1904) workbook.properties.date1904 = true;
  const sheet = workbook.addWorksheet("数据");
  for (const row of rows) {
    const added = sheet.addRow(
      row.map((c) => (typeof c === "object" ? (c.formula ? {formula: c.formula, result: c.v} : c.v) : c)),
    );
    row.forEach((c, i) => {
      if (typeof c === "object") added.getCell(i + 1).numFmt = c.fmt;
    });
  }
  await workbook.xlsx.writeFile(path);
}

async function writeRaw(path: string, rows: Cell[][], date1904 = false): Promise<void> {
  // Custom formats get ids from 164; a built-in id is used as is (no numFmt element, as Excel and WPS write them).
  const codes = [...new Set(rows.flat().flatMap((c) => (typeof c === "object" && !c.builtin ? [c.fmt] : [])))];
  const numFmts = codes.map((code, i) => ({id: 164 + i, code}));
  const cellXfs: number[] = [];
  const style = (c: Exclude<Cell, string | number>) => {
    const id = c.builtin ?? numFmts.find((n) => n.code === c.fmt)!.id;
    if (!cellXfs.includes(id)) cellXfs.push(id);
    return cellXfs.indexOf(id) + 1;
  };
  const raw = rows.map((row) =>
    row.map((c): RawCell => {
      if (typeof c !== "object") return c;
      const v = c.v instanceof Date ? serial(c.v.toISOString().slice(0, 19), date1904) : c.v;
      return {v, s: style(c), ...(c.formula ? {f: c.formula} : {})};
    }),
  );
  await writeRawXlsx(path, {
    sheets: [{name: "Sheet1", rows: raw}],
    numFmts,
    cellXfs,
    ...(date1904 ? {date1904: "true" as const} : {}),
  });
}

const WRITERS = [
  ["ExcelJS", writeExcelJs],
  ["raw XML (inline strings, LibreOffice-style styles)", writeRaw],
] as const;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe.each(WRITERS)("cells written by %s", (writer, write) => {
  const file = (name: string) => join(dir, `${writer.split(" ")[0]}-${name}.xlsx`);
  // A warehouse per writer: the same rows from the other writer would be duplicates of loaded keys.
  let wh: TempWarehouse;
  beforeAll(() => {
    wh = tempWarehouse();
  });
  afterAll(() => wh.remove());

  it("loads a percent cell as the percent the office typed, and a per-mille cell as its tenth", async () => {
    const path = file("percent");
    const rows: Cell[][] = [
      ["task_number", "unit", "reported_on", "status", "percent_done"],
      [9, "市税务局", "2022-01-31", "in_progress", {v: 0.7, fmt: "0%", builtin: 9}],
      [9, "市税务局", "2022-02-28", "in_progress", {v: 0.015, fmt: "0.00%", builtin: 10}],
      [9, "市税务局", "2022-03-31", "in_progress", {v: 0.155, fmt: "0.0%"}],
      [9, "市税务局", "2022-04-30", "in_progress", {v: 0.333, fmt: "0.0%", formula: "1/3"}],
      [9, "市税务局", "2022-05-31", "in_progress", {v: 1.5, fmt: "0.0‰"}],
      [9, "市税务局", "2022-06-30", "in_progress", 0.5],
    ];
    await write(path, rows);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", feed: "task_progress", rows_read: 6, rows_loaded: 6});
    const loaded = await wh.query<{percent_done: number}>(
      "select percent_done from feed_task_progress where _load_id = $1 order by _line",
      [result!.load_id],
    );
    expect(loaded.map((r) => r.percent_done)).toEqual([70, 1.5, 15.5, 33.3, 0.15, 0.5]);
    // The browser's File check reads the same cells as the same text.
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(path);
    const sheet = readWorkbook(read as never, (headers) => recognizeFeed(headers, contracts));
    if ("refuse" in sheet) throw new Error(sheet.refuse);
    expect(sheet.rows.map((r) => r.cells[4])).toEqual(["70%", "1.5%", "15.5%", "33.3%", "1.5‰", "0.5"]);
  });

  it("reads a format's literal text as the office sees it: General with a unit, a literal %, zeros, the 万 display", async () => {
    // Found with real openpyxl / LibreOffice / POI-style workbooks (2026-12-08): `G/通用格式` was taken for a date
    // (12345 stored as 1933-10-18), `0.00\%` (ExcelJS drops the backslash) for a percent (0.5 stored as 50), a
    // case number shown 000123 stored as 123, and 123456 shown 12.3456万元 stored as 123456 in a 10k-yuan column.
    const cases = file("literal-cases");
    await write(cases, [
      ["办件编号", "区县", "受理时间", "办结时间", "办理渠道", "办理环节数", "办理费用", "首套印章费用"],
      [
        {v: 12345, fmt: "G/通用格式"},
        "城东区",
        "2022-03-01 09:30",
        "2022-03-02 10:00",
        "网办",
        {v: 3, fmt: 'G/通用格式"个"'},
        0,
        {v: 260, fmt: 'General"元"'},
      ],
      [{v: 123, fmt: "000000"}, "城东区", "2022-03-01 09:30", "2022-03-02 10:00", "网办", 3, 0, 260],
      [{v: 124, fmt: '"SU-"000000'}, "城东区", "2022-03-01 09:30", "2022-03-02 10:00", "网办", 3, 0, 260],
      [{v: 20220301001, fmt: "[Blue]General"}, "城东区", "2022-03-01 09:30", "2022-03-02 10:00", "网办", 3, 0, 260],
    ]);
    const [loaded] = await wh.load([cases]);
    expect(loaded).toMatchObject({status: "loaded", feed: "startup_cases", rows_read: 4, rows_loaded: 4});
    const ids = await wh.query<{case_id: string; procedures: number; seal: number}>(
      `select case_id, "procedures", seal_cost_yuan as seal from feed_startup_cases where _load_id = $1 order by _line`,
      [loaded!.load_id],
    );
    expect(ids).toEqual([
      {case_id: "12345", procedures: 3, seal: 260},
      {case_id: "000123", procedures: 3, seal: 260},
      {case_id: "SU-000124", procedures: 3, seal: 260},
      {case_id: "20220301001", procedures: 3, seal: 260},
    ]);

    const percent = file("literal-percent");
    await write(percent, [
      ["task_number", "unit", "reported_on", "status", "percent_done"],
      [12, "市税务局", "2022-08-31", "in_progress", {v: 0.5, fmt: "0.00\\%"}],
      [12, "市税务局", "2022-09-30", "in_progress", {v: 80, fmt: "0\\%"}],
      [12, "市税务局", "2022-10-31", "in_progress", {v: 0.35, fmt: '0.00"%"'}],
    ]);
    const [progress] = await wh.load([percent]);
    expect(progress).toMatchObject({status: "loaded", rows_loaded: 3, rows_rejected: 0});
    const done = await wh.query<{percent_done: number}>(
      "select percent_done from feed_task_progress where _load_id = $1 order by _line",
      [progress!.load_id],
    );
    expect(done.map((r) => r.percent_done)).toEqual([0.5, 80, 0.35]);

    const credit = file("literal-wan");
    await write(credit, [
      ["贷款编号", "区县", "申请日期", "贷款金额（万元）", "是否担保"],
      ["LN-1", "城东区", "2022-07-01", {v: 123456, fmt: '0!.0000"万元"'}, "否"],
      ["LN-2", "城东区", "2022-07-01", {v: 123456, fmt: "0\\.0000"}, "否"],
      ["LN-3", "城东区", "2022-07-01", {v: 12.5, fmt: '0.00"万元"'}, "否"],
    ]);
    const [loans] = await wh.load([credit]);
    expect(loans).toMatchObject({
      status: "loaded",
      feed: "credit_cases",
      rows_read: 3,
      rows_loaded: 2,
      rows_rejected: 1,
    });
    const amounts = await wh.query<{loan_id: string; amount: number}>(
      "select loan_id, amount_10k_yuan as amount from feed_credit_cases where _load_id = $1 order by _line",
      [loans!.load_id],
    );
    // The 万 display without a unit loads what it shows; with its unit the text is rejected, never read as yuan.
    expect(amounts).toEqual([
      {loan_id: "LN-2", amount: 12.3456},
      {loan_id: "LN-3", amount: 12.5},
    ]);
    const [rejected] = await wh.query<{line: number; value: string}>(
      "select line, value from load_rejects where load_id = $1",
      [loans!.load_id],
    );
    expect(rejected).toEqual({line: 2, value: "12.3456万元"});

    // The browser's File check reads the same text.
    for (const path of [cases, percent, credit]) {
      const {loader, browser} = await loaderAndBrowserCells(path);
      expect(browser, path).toEqual(loader);
    }
  });

  it("loads an elapsed-time cell ([h]:mm) as hours, never a 1900 date, and rejects a percent where hours belong", async () => {
    const path = file("hours");
    const rows: Cell[][] = [
      ["年度", "纳税人类型", "全年纳税时间（小时）", "测算日期"],
      [2021, "一般纳税人", {v: 5.4375, fmt: "[h]:mm"}, {v: day("2022-03-01"), fmt: "yyyy-mm-dd", builtin: 14}],
      [
        2021,
        "小规模纳税人",
        {v: 4, fmt: "[h]:mm:ss", builtin: 46},
        {v: day("2022-03-01"), fmt: 'yyyy"年"m"月"d"日"', builtin: 31},
      ],
      [2021, "全部", {v: 98.5, fmt: "0.0"}, "2022-03-01"],
      [2022, "全部", {v: 0.5, fmt: "0.00%", builtin: 10}, "2023-03-01"],
    ];
    await write(path, rows);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_read: 4, rows_loaded: 3, rows_rejected: 1});
    const loaded = await wh.query<{hours: number; measured_on: string}>(
      "select hours, measured_on::varchar as measured_on from feed_tax_compliance_hours where _load_id = $1 order by _line",
      [result!.load_id],
    );
    expect(loaded).toEqual([
      {hours: 130.5, measured_on: "2022-03-01"},
      {hours: 96, measured_on: "2022-03-01"},
      {hours: 98.5, measured_on: "2022-03-01"},
    ]);
    const rejects = await wh.query<{line: number; column_name: string; value: string; rule: string}>(
      "select line, column_name, value, rule from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect(rejects).toEqual([{line: 5, column_name: "hours", value: "50%", rule: "type"}]);
  });

  // As the writer declares it ("1" for ExcelJS, "true" for the raw writer), and in single quotes, which XML allows.
  it.each([
    ["as its writer declares it", 2019, undefined],
    ["in single quotes", 2018, "date1904='1'"],
  ] as const)(
    "reads dates of a 1904-date-system workbook right, date1904 %s, loader and browser alike",
    async (_, year, declared) => {
      const path = file(`date1904-${year}`);
      await write(
        path,
        [
          ["year", "taxpayer_type", "hours", "measured_on"],
          [year, "all", 120, {v: day("2020-02-29"), fmt: "yyyy-mm-dd", builtin: 14}],
        ],
        true,
      );
      const zip = await JSZip.loadAsync(readFileSync(path));
      const book = await zip.file("xl/workbook.xml")!.async("string");
      expect(book).toMatch(/date1904="(1|true)"/);
      if (declared) {
        zip.file("xl/workbook.xml", book.replace(/date1904="(1|true)"/, declared));
        writeFileSync(path, await zip.generateAsync({type: "uint8array"}));
      }
      const [result] = await wh.load([path]);
      expect(result).toMatchObject({status: "loaded", rows_loaded: 1});
      const loaded = await wh.query<{d: string}>(
        "select measured_on::varchar as d from feed_tax_compliance_hours where _load_id = $1",
        [result!.load_id],
      );
      expect(loaded).toEqual([{d: "2020-02-29"}]);
      // The browser's File check reads the date in the same 1904 system (ExcelJS alone takes only date1904="1").
      const {loader, browser} = await loaderAndBrowserCells(path);
      expect(browser).toEqual(loader);
    },
  );

  it("reads 2022.10 in a month column as October, and rejects an unformatted 2022.1 as January-or-October", async () => {
    const path = file("month");
    const row = (unit: string, month: Cell) => [unit, month, 100, 90, 80, 70, 60];
    await write(path, [
      ["单位", "月份", "受理量", "应办结量", "按时办结量", "回访量", "满意量"],
      row("城西区政府", {v: 2022.1, fmt: "0.00", builtin: 2}),
      row("城西区政府", 2022.11),
      row("城东区政府", 2022.1),
      row("城西区政府", {v: day("2022-09-01"), fmt: 'yyyy"年"m"月"', builtin: 57}),
      row("城西区政府", 2022.01),
    ]);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({
      status: "loaded",
      feed: "hotline_12345",
      rows_read: 5,
      rows_loaded: 4,
      rows_rejected: 1,
    });
    const loaded = await wh.query<{month: string}>(
      "select month::varchar as month from feed_hotline_12345 where _load_id = $1 order by _line",
      [result!.load_id],
    );
    expect(loaded.map((r) => r.month)).toEqual(["2022-10-01", "2022-11-01", "2022-09-01", "2022-01-01"]);
    const [reject] = await wh.query<{line: number; value: string; message: string}>(
      "select line, value, message from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect(reject).toMatchObject({line: 4, value: "2022.1"});
    expect(reject!.message).toContain("January or October");
    expect(reject!.message).toContain("2023-10");
    // The browser reads the built-in Chinese month format (id 57) as the loader does, not as a bare serial.
    const {loader, browser} = await loaderAndBrowserCells(path);
    expect(browser).toEqual(loader);
    expect(browser[3]![1]).toBe("2022-09-01");
  });

  it("never reads a time-only cell as a day of 1899: alone in a timestamp column it is rejected as a time of day", async () => {
    const path = file("time-only");
    await write(path, [
      ["case_id", "area", "applied_at", "channel", "procedures"],
      ["T-1", "城东区", {v: 0.3958333333333333, fmt: "h:mm", builtin: 20}, "online", 2],
      ["T-2", "城东区", {v: day("2022-03-01"), fmt: "yyyy-mm-dd", builtin: 14}, "online", 2],
    ]);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_loaded: 1, rows_rejected: 1});
    const [reject] = await wh.query<{value: string}>("select value from load_rejects where load_id = $1", [
      result!.load_id,
    ]);
    expect(reject!.value).toBe("09:30:00");
  });

  it("combines 受理日期 and 受理时间 kept in two columns into one timestamp, never 1899-12-30", async () => {
    const path = file("date-time-pair");
    const date = (iso: string): Cell => ({v: day(iso), fmt: "yyyy-mm-dd", builtin: 14});
    await write(path, [
      ["办件编号", "区县", "受理日期", "受理时间", "办理渠道", "办理环节数", "办结日期", "办结时间"],
      [
        "P-1",
        "城东区",
        date("2022-03-01"),
        {v: 0.3958333333333333, fmt: "h:mm", builtin: 20},
        "网办",
        2,
        date("2022-03-02"),
        {v: 0.625, fmt: "h:mm:ss", builtin: 21},
      ],
      ["P-2", "城东区", "2022-03-03", "1899-12-30 10:15:00", "窗口", 3, "", ""],
      ["P-3", "城东区", date("2022-03-04"), "", "窗口", 3, "", ""],
      ["P-4", "城东区", "", {v: 0.5, fmt: "h:mm", builtin: 20}, "窗口", 3, "", ""],
    ]);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({
      status: "loaded",
      feed: "startup_cases",
      rows_read: 4,
      rows_loaded: 3,
      rows_rejected: 1,
    });
    // The load says which headers made each timestamp.
    expect(result!.columns).toMatchObject({applied_at: "受理日期 + 受理时间", completed_at: "办结日期 + 办结时间"});
    const loaded = await wh.query<Record<string, unknown>>(
      `select case_id, applied_at::varchar as applied_at, completed_at::varchar as completed_at
       from feed_startup_cases where _load_id = $1 order by _line`,
      [result!.load_id],
    );
    expect(loaded).toEqual([
      {case_id: "P-1", applied_at: "2022-03-01 09:30:00", completed_at: "2022-03-02 15:00:00"},
      {case_id: "P-2", applied_at: "2022-03-03 10:15:00", completed_at: null},
      {case_id: "P-3", applied_at: "2022-03-04 00:00:00", completed_at: null},
    ]);
    const rejects = await wh.query(
      "select line, column_name, value, rule from load_rejects where load_id = $1 order by rule",
      [result!.load_id],
    );
    expect(rejects).toEqual([
      {line: 5, column_name: "applied_at", value: null, rule: "required"},
      {line: 5, column_name: "applied_at", value: "12:00:00", rule: "time_without_date"},
    ]);
  });
});

describe('ISO 8601 date cells (t="d", as openpyxl writes dates with iso_dates)', () => {
  let wh: TempWarehouse;
  beforeAll(() => {
    wh = tempWarehouse();
  });
  afterAll(() => wh.remove());

  it("loads them as the dates they are, in the loader and the file check alike, never day 2022 of 1900", async () => {
    // ExcelJS took 2022-03-01T09:30:00 for the number 2022, a date of 1905 in a date-formatted cell. Enough rows that
    // the loader's streaming reader gets the sheet in many pieces, cells cut between them.
    const minutes = (i: number) => new Date(Date.UTC(2022, 2, 1, 9, 30) + i * 60_000).toISOString().slice(0, 19);
    const rows: RawCell[][] = [["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数", "费用（元）"]];
    const n = 3000;
    for (let i = 0; i < n; i++)
      rows.push([`D-${i}`, "城东区", {d: minutes(i), s: 1}, {d: `${minutes(i + 24 * 60)}Z`, s: 1}, "online", 2, 0]);
    // A date-only cell without a date format (a bare serial), and a value that is no date.
    rows.push(["D-day", "城东区", {d: "2022-03-05"}, null, "online", 2, 0]);
    rows.push(["D-bad", "城东区", {d: "2022-02-30", s: 1}, null, "online", 2, 0]);
    const path = join(dir, "iso-dates.xlsx");
    await writeRawXlsx(path, {
      sheets: [{name: "Sheet1", rows}],
      numFmts: [{id: 164, code: "yyyy-mm-dd hh:mm"}],
      cellXfs: [164],
    });

    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_read: n + 2, rows_loaded: n + 1, rows_rejected: 1});
    const loaded = await wh.query<{case_id: string; applied_at: string; completed_at: string | null}>(
      "select case_id, applied_at::varchar as applied_at, completed_at::varchar as completed_at from feed_startup_cases order by _line",
    );
    const text = (iso: string) => iso.replace("T", " ");
    expect(loaded.length).toBe(n + 1);
    loaded.slice(0, n).forEach((row, i) =>
      expect(row, `row ${i}`).toEqual({
        case_id: `D-${i}`,
        applied_at: text(minutes(i)),
        completed_at: text(minutes(i + 1440)),
      }),
    );
    expect(loaded[n]).toEqual({case_id: "D-day", applied_at: "2022-03-05 00:00:00", completed_at: null});
    const [bad] = await wh.query<{line: number; column_name: string; rule: string; message: string}>(
      "select line::integer as line, column_name, rule, message from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect(bad).toMatchObject({line: n + 3, column_name: "applied_at", rule: "type"});
    expect(bad!.message).toContain('"2022-02-30"');

    const {loader, browser} = await loaderAndBrowserCells(path);
    expect(browser).toEqual(loader);
    expect(loader[0]!.slice(2, 4)).toEqual(["2022-03-01 09:30:00", "2022-03-02 09:30:00"]);
  });
});
