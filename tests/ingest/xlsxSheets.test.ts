// Every visible sheet of a workbook that matches the feed is loaded (one sheet per county is common), each below its
// own header row; hidden and very hidden sheets and hidden rows (often last month's data kept out of sight) are
// not, and the load says so, in its output and in load_log. Written by ExcelJS and part by part as LibreOffice /
// POI write (inline strings, hidden="true", state="veryHidden").
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {readWorkbook, recognizeFeed} from "../../pipeline/ingest/fileCheck.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {formatRejectReason} from "../../pipeline/ingest/rejectReasons.ts";
import {writeRawXlsx} from "../fixtures/office/rawXlsx.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-sheets-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const contracts = loadContracts(loadCatalog());

/** The workbook as the browser's file check reads it: ExcelJS in memory, then fileCheck.ts. */
async function fileCheck(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return readWorkbook(workbook as never, (headers, feed) => recognizeFeed(headers, contracts, feed));
}

interface Sheet {
  name: string;
  state?: "hidden" | "veryHidden";
  rows: Array<{cells: Array<string | number>; hidden?: boolean}>;
}

const HEADER = ["办件编号", "区县", "受理时间", "办理渠道", "办理环节数"];
const row = (cells: Array<string | number>, hidden = false) => ({cells, hidden});

/** The county workbook: notes first, two county sheets (columns in another order in the second), two hidden. */
const SHEETS: Sheet[] = [
  {name: "填报说明", rows: [row(["请按区县分表填报"]), row(["受理时间精确到分钟"])]},
  {
    name: "城东区",
    rows: [
      row(["2022年3月开办企业办件（城东区）"]),
      row(HEADER),
      row(["SU-1", "城东区", "2022-03-01 09:30", "网办", 2]),
      row(["SU-2", "城东区", "2022-02-27 10:00", "窗口", 3], true),
      row(["SU-3", "城东区", "2022-03-02 10:00", "窗口", 25]),
    ],
  },
  {
    name: "城西区",
    rows: [
      row(["办理环节数", "办件编号", "办理渠道", "区县", "受理时间"]),
      row([4, "SU-4", "网办", "城西区", "2022-03-03 11:00"]),
      row([1, "SU-5", "窗口", "城西区", "2022-03-04 08:45"]),
    ],
  },
  {name: "2月（旧）", state: "hidden", rows: [row(HEADER), row(["SU-9", "城东区", "2022-02-01 09:00", "网办", 2])]},
  {name: "归档", state: "veryHidden", rows: [row(HEADER), row(["SU-8", "城东区", "2022-01-01 09:00", "网办", 2])]},
];

async function writeExcelJs(path: string, sheets: Sheet[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, s.state ? {state: s.state} : {});
    for (const r of s.rows) sheet.addRow(r.cells).hidden = r.hidden ?? false;
  }
  await workbook.xlsx.writeFile(path);
}

async function writeRaw(path: string, sheets: Sheet[]): Promise<void> {
  await writeRawXlsx(path, {
    sheets: sheets.map((s) => ({name: s.name, ...(s.state ? {state: s.state} : {}), rows: s.rows})),
  });
}

describe.each([
  ["ExcelJS", writeExcelJs],
  ["raw XML (inline strings)", writeRaw],
] as const)("a workbook written by %s", (writer, write) => {
  let wh: TempWarehouse;
  beforeAll(() => {
    wh = tempWarehouse();
  });
  afterAll(() => wh.remove());

  it("loads every visible sheet of the feed, skips hidden sheets and rows, and says so", async () => {
    const path = join(dir, `${writer.split(" ")[0]}-counties.xlsx`);
    await write(path, SHEETS);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({
      status: "loaded",
      feed: "startup_cases",
      rows_read: 4,
      rows_loaded: 3,
      rows_rejected: 1,
    });
    expect(result!.sheets).toEqual({
      read: [
        {name: "城东区", header_row: 2, rows: 2, hidden_rows: [4]},
        {name: "城西区", header_row: 1, rows: 2, hidden_rows: []},
      ],
      skipped: [
        {name: "填报说明", reason: "no header row of startup_cases in its first 30 rows"},
        {name: "2月（旧）", reason: "hidden sheet"},
        {name: "归档", reason: "very hidden sheet"},
      ],
    });
    expect(result!.message).toContain(
      "not read: 填报说明 (no header row of startup_cases in its first 30 rows), 2月（旧） (hidden sheet), 归档 (very hidden sheet)",
    );
    expect(result!.message).toContain("hidden rows not loaded: 城东区 row 4");

    const loaded = await wh.query<Record<string, unknown>>(
      `select case_id, area, applied_at::varchar as applied_at, channel, procedures, _line
       from feed_startup_cases where _load_id = $1 order by _line`,
      [result!.load_id],
    );
    expect(loaded).toEqual([
      {
        case_id: "SU-1",
        area: "chengdong",
        applied_at: "2022-03-01 09:30:00",
        channel: "online",
        procedures: 2,
        _line: 3,
      },
      {
        case_id: "SU-4",
        area: "chengxi",
        applied_at: "2022-03-03 11:00:00",
        channel: "online",
        procedures: 4,
        _line: 10_000_002,
      },
      {
        case_id: "SU-5",
        area: "chengxi",
        applied_at: "2022-03-04 08:45:00",
        channel: "window",
        procedures: 1,
        _line: 10_000_003,
      },
    ]);
    const rejects = await wh.query(
      "select line, sheet, sheet_row, column_name, rule from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect(rejects).toEqual([{line: 5, sheet: "城东区", sheet_row: 5, column_name: "procedures", rule: "range"}]);
    const [log] = await wh.query<{sheets: string; rows_hidden: number; rows_read: number; header_line: number}>(
      "select sheets, rows_hidden, rows_read, header_line from load_log where load_id = $1",
      [result!.load_id],
    );
    expect(JSON.parse(log!.sheets)).toEqual(result!.sheets);
    expect(log).toMatchObject({rows_hidden: 1, rows_read: 4, header_line: 2});

    // The browser's file check reads the same sheets and rows, on the same lines, in the first sheet's layout.
    const checked = await fileCheck(path);
    if ("refuse" in checked) throw new Error(checked.refuse);
    expect(checked.sheets).toEqual(result!.sheets);
    expect(checked.rows).toEqual([
      {line: 3, cells: ["SU-1", "城东区", "2022-03-01 09:30", "网办", "2"]},
      {line: 5, cells: ["SU-3", "城东区", "2022-03-02 10:00", "窗口", "25"]},
      {line: 10_000_002, cells: ["SU-4", "城西区", "2022-03-03 11:00", "网办", "4"]},
      {line: 10_000_003, cells: ["SU-5", "城西区", "2022-03-04 08:45", "窗口", "1"]},
    ]);
  });

  it("names a rejected row of a later sheet by its sheet and row, in the reasons and their printed words", async () => {
    const path = join(dir, `${writer.split(" ")[0]}-two-bad.xlsx`);
    await write(path, [
      {name: "城东区", rows: [row(HEADER), row(["SU-21", "城东区", "2022-03-01 09:30", "网办", 25])]},
      {
        name: "城西区",
        rows: [
          row(HEADER),
          row(["SU-22", "城西区", "2022-03-02 10:00", "窗口", 2]),
          row(["SU-23", "城西区", "2022-03-03 10:00", "窗口", 30]),
        ],
      },
    ]);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_loaded: 1, rows_rejected: 2});
    const [reason] = result!.reject_reasons!;
    expect(reason).toMatchObject({
      column: "procedures",
      rule: "range",
      rows: 2,
      first_lines: [2, 10_000_003],
      first_places: [
        {sheet: "城东区", row: 2},
        {sheet: "城西区", row: 3},
      ],
    });
    expect(formatRejectReason(reason!)).toBe("2 × procedures: range (城东区 row 2, 城西区 row 3)");
  });

  it("refuses a workbook whose only data is on hidden sheets, naming them", async () => {
    const path = join(dir, `${writer.split(" ")[0]}-hidden-only.xlsx`);
    await write(path, [SHEETS[0]!, SHEETS[3]!]);
    const [result] = await wh.load([path]);
    expect(result!.status).toBe("refused");
    expect(result!.message).toContain("hidden sheets are not read: 2月（旧） (unhide a sheet to load it)");
    expect(await fileCheck(path)).toEqual({refuse: expect.stringContaining("hidden sheets are not read: 2月（旧）")});
  });

  it("refuses a later sheet with a contract column the first sheet lacks, rather than drop its values", async () => {
    const path = join(dir, `${writer.split(" ")[0]}-uneven.xlsx`);
    await write(path, [
      SHEETS[1]!,
      {
        name: "城北区",
        rows: [row([...HEADER, "费用（元）"]), row(["SU-7", "城北区", "2022-03-05 09:00", "网办", 2, 100])],
      },
    ]);
    const [result] = await wh.load([path]);
    expect(result!.status).toBe("refused");
    expect(result!.message).toContain("sheet 城北区 has column 费用（元） (cost_yuan) that sheet 城东区 lacks");
    expect(await fileCheck(path)).toEqual({
      refuse: expect.stringContaining("sheet 城北区 has column 费用（元） (cost_yuan) that sheet 城东区 lacks"),
    });
  });
});
