import {writeFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {numberRecords} from "../../pipeline/ingest/numberRecords.ts";
import {writeXlsxBomb} from "../fixtures/hostile/hostileFiles.ts";
import {referenceCsv} from "../fixtures/hostile/referenceCsv.ts";
import {Warehouse} from "../../pipeline/db.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";
import {readState, warehouseState} from "../reliability/warehouseState.ts";

/**
 * The hostile corpus, cases 25 onwards (1–24 are in corpus.test.ts): files built to break a loader, from sizes
 * meant to exhaust memory to encodings, dates and numbers that a lenient reader would silently misread.
 * Each case states its exact outcome (refused, naming the file and the line, row or column; or which lines were
 * rejected for which rule, and on which lines the loaded rows sit) and checks that nothing else in the warehouse
 * changed: the rows already there are identical, the new load added exactly its log entry, rows and rejects.
 * Big files are generated here, into the test's temp folder.
 */

const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const ZH_HEADER = "办件编号,区县,申请时间,办结时间,办理渠道,办理环节数,费用（元）";
type Over = Partial<Record<"area" | "applied" | "completed" | "channel" | "procedures" | "cost", string>>;
const row = (id: string, over: Over = {}) =>
  [
    id,
    over.area ?? "城东区",
    over.applied ?? "2022-03-01 09:30",
    over.completed ?? "2022-03-01 15:00",
    over.channel ?? "online",
    over.procedures ?? "2",
    over.cost ?? "0",
  ].join(",");

const PERMIT_HEADER = "project_id,area,project_type,applied_on,approved_on,approval_workdays,stages";
const permit = (id: string, workdays: string, approved = "2022-04-20") =>
  `${id},城东区,social_investment,2022-02-10,${approved},${workdays},4`;

let wh: TempWarehouse;
let db: string;
beforeAll(async () => {
  wh = tempWarehouse();
  db = wh.env.BIZENV_DB!;
  writeFileSync(join(wh.dir, "base.csv"), [HEADER, row("BASE-1"), row("BASE-2")].join("\n") + "\n");
  const [base] = await wh.load([join(wh.dir, "base.csv")]);
  expect(base).toMatchObject({status: "loaded", rows_loaded: 2});
});
afterAll(() => wh.remove());

interface Expected {
  status: "loaded" | "refused";
  feed?: string;
  loaded?: number;
  /** [line, column, rule] of every rejection, in any order. */
  rejects?: Array<[number, string | null, string]>;
  /** The message must match this, and (for a refusal) name the file. */
  message?: RegExp;
  /** Lines (or sheet rows) the loaded rows must sit on, by their key. */
  lines?: Record<string, number>;
}

async function check(name: string, content: string | Buffer, expected: Expected) {
  const path = join(wh.dir, name);
  writeFileSync(path, content);
  return checkPath(path, expected);
}

/** The loader's own tables: what a load may change. */
const LOADER_TABLES = /^(feed_|load_)/;

/** Load one file; check its outcome, its rows' lines, and that nothing but its own log entry, rows and rejects changed. */
async function checkPath(path: string, expected: Expected) {
  const before = await warehouseState(db, {only: LOADER_TABLES});
  const boundary = before.lastLoadId;
  const [result] = await wh.load([path]);
  expect(result!.status, result!.message).toBe(expected.status);
  if (expected.message) expect(result!.message).toMatch(expected.message);
  if (expected.status === "refused") expect(result!.message).toContain(path.split("/").pop());
  const feed = expected.feed ?? "startup_cases";
  const feedTable = `feed_${feed}`;
  const rejects = expected.rejects ?? [];
  const loaded = expected.status === "loaded" ? (expected.loaded ?? 0) : 0;
  if (expected.status === "loaded") {
    const rejectedLines = new Set(rejects.map((r) => r[0])).size;
    expect(result).toMatchObject({
      feed,
      rows_loaded: loaded,
      rows_rejected: rejectedLines,
      rows_read: loaded + rejectedLines,
    });
  }
  const warehouse = await Warehouse.open(db, {readOnly: true});
  try {
    if (expected.status === "loaded") {
      const got = await warehouse.all<{line: number; column_name: string | null; rule: string}>(
        "select line, column_name, rule from load_rejects where load_id = $1",
        [result!.load_id],
      );
      expect(got.map((r) => [r.line, r.column_name, r.rule]).sort()).toEqual([...rejects].sort());
      if (expected.lines) {
        const key = feed === "startup_cases" ? "case_id" : "project_id";
        const rows = await warehouse.all<{key: string; line: number}>(
          `select ${key} as key, _line as line from ${feedTable} where _load_id = $1`,
          [result!.load_id],
        );
        expect(Object.fromEntries(rows.map((r) => [r.key, r.line]))).toEqual(expected.lines);
      }
    }
    // Nothing else changed: old rows identical, and the new load added exactly what it reports.
    const after = await readState(warehouse, {newerThan: boundary, only: LOADER_TABLES});
    const expectedTables = {...before.tables};
    if (!(feedTable in expectedTables) && feedTable in after.tables) expectedTables[feedTable] = {rows: 0, hash: "0"};
    expect(after.tables).toEqual(expectedTables);
    const added = await warehouse.all<{log: number; rows: number; rejects: number}>(
      `select (select count(*) from load_log where load_id > $1) as log,
              (select count(*) from load_rejects where load_id > $1) as rejects,
              ${feedTable in after.tables ? `(select count(*) from ${feedTable} where _load_id > $1)` : "0"} as rows`,
      [boundary],
    );
    expect(added[0]).toEqual({log: 1, rows: loaded, rejects: rejects.length});
  } finally {
    warehouse.close();
  }
  return result!;
}

describe("sizes meant to exhaust memory", () => {
  it("25. a 10 MB file that is one single line is refused at line 1", () =>
    check("h25.csv", "案".repeat(3_500_000), {
      status: "refused",
      message: /h25\.csv: line 1 is longer than 4 MiB; expected a header row/,
    }));
  it("26. a 10 MB line among good rows is rejected at its line; its neighbours load on theirs", () =>
    check(
      "h26.csv",
      [HEADER, row("H26-1"), row("H26-2", {area: "x".repeat(10_000_000)}), row("H26-3")].join("\n") + "\n",
      {status: "loaded", loaded: 2, rejects: [[3, null, "malformed"]], lines: {"H26-1": 2, "H26-3": 4}},
    ));
  it("27. a header of 100 000 columns is refused before DuckDB sees it", () =>
    check("h27.csv", Array.from({length: 100_000}, (_, i) => `列${i}`).join(",") + "\n1,2\n", {
      status: "refused",
      message: /h27\.csv: line 1 \(the header\) has 100000 columns; a feed has at most 1000/,
    }));
  it("28. an XLSX zip bomb (1.3 MB inflating to 300 MB) is refused by its declared size, without inflating it", async () => {
    const path = join(wh.dir, "h28.xlsx");
    await writeXlsxBomb(path, {mib: 300, lie: false});
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    await checkPath(path, {
      status: "refused",
      message:
        /h28\.xlsx: not a readable XLSX workbook: it would inflate to 300 MB \(from 1\.\d MB on disk\); a workbook may hold at most 256 MB/,
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024);
  });
  it("29. an XLSX zip bomb whose directory lies (12 bytes declared) is stopped once it inflates past them", async () => {
    const path = join(wh.dir, "h29.xlsx");
    await writeXlsxBomb(path, {mib: 300, lie: true});
    const rss = process.memoryUsage().rss;
    await checkPath(path, {
      status: "refused",
      message:
        /h29\.xlsx: not a readable XLSX workbook: part xl\/sharedStrings\.xml inflates past the 12 bytes its directory declares/,
    });
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024);
  });
  it("30. a CSV with 1 000 000 empty lines loads its 3 rows on their own lines", () =>
    check(
      "h30.csv",
      [HEADER, "", "", row("H30-1"), "\n".repeat(999_990), row("H30-2"), "", row("H30-3")].join("\n") + "\n\n\n",
      {status: "loaded", loaded: 3, lines: {"H30-1": 4, "H30-2": 999_996, "H30-3": 999_998}},
    ));
});

describe("what spreadsheets put in cells", () => {
  it("31. formulas in XLSX cells: the saved result loads; a formula saved without one is rejected, not read as empty", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("开办企业");
    sheet.addRow(ZH_HEADER.split(","));
    sheet.addRow([
      "H31-1",
      "城中区",
      "2022-03-01 09:30",
      "",
      "online",
      {formula: "1+1", result: 2},
      {formula: "F2*2+1", result: 5},
    ]);
    sheet.addRow(["H31-2", "城中区", "2022-03-01 09:30", "", "online", 2, {formula: "F3*10"}]);
    sheet.addRow(["H31-3", "城中区", "2022-03-01 09:30", "", "online", {formula: "1/0"}, 0]);
    await workbook.xlsx.writeFile(join(wh.dir, "h31.xlsx"));
    await checkPath(join(wh.dir, "h31.xlsx"), {
      status: "loaded",
      loaded: 1,
      rejects: [
        [3, "cost_yuan", "spreadsheet_error"],
        [4, "procedures", "spreadsheet_error"],
      ],
      lines: {"H31-1": 2},
    });
    const values = await wh.query<{value: string}>(
      "select value from load_rejects r join load_log l using (load_id) where l.file_name = 'h31.xlsx' order by line",
    );
    expect(values.map((v) => v.value)).toEqual(["=F3*10", "=1/0"]);
  });
  it("32. formula-looking text in a CSV loads verbatim as text (exports neutralise it, the warehouse keeps what was sent)", async () => {
    const result = await check(
      "h32.csv",
      [HEADER, row('=HYPERLINK("http://x";"y")'.replaceAll('"', "'")), row("+H32-2")].join("\n"),
      {
        status: "loaded",
        loaded: 2,
      },
    );
    const ids = await wh.query<{case_id: string}>(
      "select case_id from feed_startup_cases where _load_id = $1 order by _line",
      [result.load_id],
    );
    expect(ids.map((r) => r.case_id)).toEqual(["=HYPERLINK('http://x';'y')", "+H32-2"]);
  });
  it("33. an XLSX row whose last cells are empty loads (it is as wide as the header)", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.addRow(ZH_HEADER.split(","));
    sheet.addRow(["H33-1", "城中区", "2022-03-01 09:30", "2022-03-01 15:00", "online", 2]);
    sheet.addRow(["H33-2", "城中区", "2022-03-01 09:30"]);
    await workbook.xlsx.writeFile(join(wh.dir, "h33.xlsx"));
    await checkPath(join(wh.dir, "h33.xlsx"), {
      status: "loaded",
      loaded: 1,
      rejects: [
        [3, "channel", "required"],
        [3, "procedures", "required"],
      ],
      lines: {"H33-1": 2},
    });
  });
  it("34. a header-only XLSX is refused, naming the header's row", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.addRow(["西宁市企业开办办件明细"]);
    sheet.addRow(ZH_HEADER.split(","));
    await workbook.xlsx.writeFile(join(wh.dir, "h34.xlsx"));
    await checkPath(join(wh.dir, "h34.xlsx"), {
      status: "refused",
      message:
        /h34\.xlsx: the file has a header but no data rows below the header \(row 2\); expected rows of startup_cases/,
    });
  });
  it("35. Excel serial dates read in CSV and XLSX; a serial outside 1990–2100 is rejected", async () => {
    const result = await check(
      "h35.csv",
      [
        HEADER,
        row("H35-1", {applied: "44620.375", completed: "44620.5"}),
        row("H35-2", {applied: "44621", completed: ""}),
        row("H35-3", {applied: "1234", completed: ""}),
      ].join("\n"),
      {status: "loaded", loaded: 2, rejects: [[4, "applied_at", "type"]]},
    );
    const rows = await wh.query<{case_id: string; applied_at: string}>(
      "select case_id, applied_at::varchar as applied_at from feed_startup_cases where _load_id = $1 order by 1",
      [result.load_id],
    );
    expect(rows).toEqual([
      {case_id: "H35-1", applied_at: "2022-02-28 09:00:00"},
      {case_id: "H35-2", applied_at: "2022-03-01 00:00:00"},
    ]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.addRow(ZH_HEADER.split(","));
    sheet.addRow(["H35-X", "城中区", 44620.375, 44620.5, "online", 2, 0]);
    await workbook.xlsx.writeFile(join(wh.dir, "h35.xlsx"));
    await checkPath(join(wh.dir, "h35.xlsx"), {status: "loaded", loaded: 1, lines: {"H35-X": 2}});
    const [x] = await wh.query<{applied_at: string}>(
      "select applied_at::varchar as applied_at from feed_startup_cases where case_id = 'H35-X'",
    );
    expect(x!.applied_at).toBe("2022-02-28 09:00:00");
  });
});

describe("dates and numbers read only when they are unambiguous", () => {
  it("36. 2022年3月5日 in its forms, full-width ones too; 2022年13月5日 is rejected", async () => {
    const result = await check(
      "h36.csv",
      [
        HEADER,
        row("H36-1", {applied: "2022年3月5日", completed: ""}),
        row("H36-2", {applied: "2022年3月5日 9时30分", completed: "2022年3月5日16时05分"}),
        row("H36-3", {applied: "２０２２年３月５日 ９:３０", completed: ""}),
        row("H36-4", {applied: "2022年13月5日", completed: ""}),
      ].join("\n"),
      {status: "loaded", loaded: 3, rejects: [[5, "applied_at", "type"]]},
    );
    const rows = await wh.query(
      "select case_id, applied_at::varchar as applied_at, completed_at::varchar as completed_at from feed_startup_cases where _load_id = $1 order by 1",
      [result.load_id],
    );
    expect(rows).toEqual([
      {case_id: "H36-1", applied_at: "2022-03-05 00:00:00", completed_at: null},
      {case_id: "H36-2", applied_at: "2022-03-05 09:30:00", completed_at: "2022-03-05 16:05:00"},
      {case_id: "H36-3", applied_at: "2022-03-05 09:30:00", completed_at: null},
    ]);
  });
  it("37. thousands separators and full-width digits read; 12,34 and 1 200 are rejected, not guessed", async () => {
    const result = await check(
      "h37.csv",
      [
        HEADER,
        row("H37-1", {cost: '"1,234.50"'}),
        row("H37-2", {cost: "１，２３４", procedures: "３"}),
        row("H37-3", {cost: '"12,34"'}),
        row("H37-4", {cost: '"1 200"'}),
        // The file's other numbers write a decimal point: 12,34 is one stray cell among them (decimalMark.ts).
        row("H37-5", {cost: '"2,000.00"'}),
        row("H37-6", {cost: "12.5"}),
      ].join("\n"),
      {
        status: "loaded",
        loaded: 4,
        rejects: [
          [4, "cost_yuan", "type"],
          [5, "cost_yuan", "type"],
        ],
      },
    );
    const rows = await wh.query(
      "select case_id, procedures, cost_yuan from feed_startup_cases where _load_id = $1 order by 1",
      [result.load_id],
    );
    expect(rows).toEqual([
      {case_id: "H37-1", procedures: 2, cost_yuan: 1234.5},
      {case_id: "H37-2", procedures: 3, cost_yuan: 1234},
      {case_id: "H37-5", procedures: 2, cost_yuan: 2000},
      {case_id: "H37-6", procedures: 2, cost_yuan: 12.5},
    ]);
  });
  it("38. units in the wrong field: 12小时 in a workdays column is a type error that names the column's unit", async () => {
    await check(
      "h38.csv",
      [PERMIT_HEADER, permit("H38-1", "12小时"), permit("H38-2", "3天"), permit("H38-3", "12")].join("\n"),
      {
        status: "loaded",
        feed: "construction_permit_cases",
        loaded: 1,
        rejects: [
          [2, "approval_workdays", "type"],
          [3, "approval_workdays", "type"],
        ],
      },
    );
    const [message] = await wh.query<{message: string}>(
      "select r.message from load_rejects r join load_log l using (load_id) where l.file_name = 'h38.csv' and line = 2",
    );
    expect(message!.message).toBe(
      'expected a number in approval_workdays (workday), found "12小时": write the number alone, in workdays',
    );
  });
  it("39. negative durations and an end before its start are rejected", () =>
    check(
      "h39.csv",
      [
        PERMIT_HEADER,
        permit("H39-1", "-3"),
        permit("H39-2", "－３"),
        permit("H39-3", "10", "2022-01-01"),
        permit("H39-4", "0"),
      ].join("\n"),
      {
        status: "loaded",
        feed: "construction_permit_cases",
        loaded: 1,
        rejects: [
          [2, "approval_workdays", "range"],
          [3, "approval_workdays", "range"],
          [4, "approved_on", "order"],
        ],
      },
    ));
});

describe("headers", () => {
  it("40. the same header twice is refused, naming both columns; a repeated extra header is harmless", async () => {
    await check("h40.csv", [`${HEADER},case_id`, `${row("H40-1")},H40-1`].join("\n"), {
      status: "refused",
      message:
        /h40\.csv: ambiguous headers for feed startup_cases: "case_id" and "case_id" both mean case_id \(columns 1 and 8\)/,
    });
    await check("h40b.csv", [`${HEADER},备注,备注`, `${row("H40-2")},a,b`].join("\n"), {status: "loaded", loaded: 1});
  });
  it("41. extra columns are ignored and missing optional ones are empty", async () => {
    const result = await check(
      "h41.csv",
      ["来源,case_id,area,applied_at,channel,procedures,备注", "网站,H41-1,城东区,2022-03-01 09:30,online,2,无"].join(
        "\n",
      ),
      {status: "loaded", loaded: 1, lines: {"H41-1": 2}},
    );
    const rows = await wh.query("select completed_at, cost_yuan from feed_startup_cases where _load_id = $1", [
      result.load_id,
    ]);
    expect(rows).toEqual([{completed_at: null, cost_yuan: null}]);
  });
  it("42. trailing delimiter columns: empty ones are dropped; a value past the header is rejected at its line", () =>
    check(
      "h42.csv",
      [
        `${HEADER},,,`,
        `${row("H42-1")},,,`,
        row("H42-2"),
        `${row("H42-3")},`,
        `${row("H42-4")},,,,,,,`,
        `${row("H42-5")},,x`,
      ].join("\r\n") + "\r\n",
      {
        status: "loaded",
        loaded: 4,
        // Named one past the last field, as DuckDB's reader named it when corpus case 13 was written.
        rejects: [[6, "column 10", "malformed"]],
        lines: {"H42-1": 2, "H42-2": 3, "H42-3": 4, "H42-4": 5},
      },
    ));
});

describe("line numbers stay right", () => {
  it("43. quoted newlines inside fields: every row keeps the line it starts on", () =>
    check(
      "h43.csv",
      [
        `${HEADER},备注`,
        `${row("H43-1")},"two\nlines"`,
        `${row("H43-2")},plain`,
        `${row("H43-3")},"three\r\nli\nnes, with ""quotes"""`,
        `${row("H43-4", {area: "火星区"})},x`,
        `${row("H43-5")},"unbalanced"x`,
        `${row("H43-6")},y`,
      ].join("\n") + "\n",
      {
        status: "loaded",
        loaded: 4,
        rejects: [
          [8, "area", "unknown_area"],
          [9, "备注", "malformed"],
        ],
        lines: {"H43-1": 2, "H43-2": 4, "H43-3": 5, "H43-6": 10},
      },
    ));
  it("44. CR-only line ends (old Mac exports) read, lines counted", () =>
    check("h44.csv", [HEADER, row("H44-1"), "", row("H44-2", {area: "火星区"}), row("H44-3")].join("\r") + "\r", {
      status: "loaded",
      loaded: 2,
      rejects: [[4, "area", "unknown_area"]],
      lines: {"H44-1": 2, "H44-3": 5},
    }));
  it("45. rows of only delimiters or blanks are skipped like empty lines, not rejected", () =>
    check("h45.csv", [HEADER, row("H45-1"), ",,,,,,", "   ", '"",,,,,,', row("H45-2")].join("\n"), {
      status: "loaded",
      loaded: 2,
      lines: {"H45-1": 2, "H45-2": 6},
    }));
});

describe("bytes that are not what they claim", () => {
  it("46. a NUL byte mid-file is refused, naming its line (inside the sniffed head and beyond it)", async () => {
    await check(
      "h46.csv",
      `${HEADER}\n${row("H46-1")}\n${row("H46-2")}\nH46-3,城东\0区,2022-03-01 09:30,,online,2,0\n`,
      {
        status: "refused",
        message: /h46\.csv: line 4 contains a NUL byte \(byte \d+\): the file is damaged/,
      },
    );
    const rows = Array.from({length: 3000}, (_, i) => row(`H46-${i}`));
    rows[2500] = "H46-X,城东区,2022-03-01 09:30,\0\0\0\0,online,2,0";
    await check("h46b.csv", [HEADER, ...rows].join("\n") + "\n", {
      status: "refused",
      message: /h46b\.csv: line 2502 contains a NUL byte \(byte \d{6}\)/,
    });
  });
  it("47. mixed encodings in one file (UTF-8 then GBK, GBK then UTF-8) are refused at the line where they change", async () => {
    const utf8 = Buffer.from([HEADER, row("H47-1"), row("H47-2")].join("\n") + "\n");
    const gbk = iconv.encode(row("H47-3", {area: "城西区"}) + "\n", "gbk");
    await check("h47a.csv", Buffer.concat([utf8, gbk]), {
      status: "refused",
      message: /h47a\.csv: mixed encodings: line 4 is GBK though the lines before it are UTF-8/,
    });
    await check(
      "h47b.csv",
      Buffer.concat([
        iconv.encode([HEADER, row("H47-4"), row("H47-5")].join("\n") + "\n", "gbk"),
        Buffer.from(row("H47-6", {area: "城西区"}) + "\n"),
      ]),
      {
        status: "refused",
        message: /h47b\.csv: mixed encodings: line 4 is UTF-8 though the lines before it are GBK/,
      },
    );
    // Beyond the 64 KiB the sniffer reads: found by the pass that hashes the file.
    const many = Array.from({length: 2000}, (_, i) => row(`H47-U${i}`)).join("\n") + "\n";
    await check("h47c.csv", Buffer.concat([Buffer.from(`${HEADER}\n${many}`), gbk]), {
      status: "refused",
      message: /h47c\.csv: mixed encodings: line 2002 is not UTF-8 \(byte \d+\) though the lines before it are/,
    });
    await check(
      "h47d.csv",
      Buffer.concat([iconv.encode(`${HEADER}\n${many}`, "gbk"), Buffer.from(row("H47-7") + "\n")]),
      {
        status: "refused",
        message: /h47d\.csv: mixed encodings: line 2002 is UTF-8 though the lines before it are GBK/,
      },
    );
  });
  it("48. GBK that starts after 64 KiB of plain ASCII is read as GBK, not mangled as UTF-8", async () => {
    const ascii = Array.from({length: 1500}, (_, i) => row(`H48-${i}`, {area: "XN-ETDZ-DC"})).join("\n") + "\n";
    const result = await check(
      "h48.csv",
      Buffer.concat([Buffer.from(`${HEADER}\n${ascii}`), iconv.encode(row("H48-G", {area: "城西区"}) + "\n", "gbk")]),
      {
        status: "loaded",
        loaded: 1501,
      },
    );
    const [g] = await wh.query<{area: string; line: number}>(
      "select area, _line as line from feed_startup_cases where case_id = 'H48-G' and _load_id = $1",
      [result.load_id],
    );
    expect(g).toEqual({area: "chengxi", line: 1502});
    const [log] = await wh.query<{encoding: string}>("select encoding from load_log where load_id = $1", [
      result.load_id,
    ]);
    expect(log!.encoding).toBe("gb18030");
  });
  it("49. UTF-16 'Unicode text' from Excel (BOM, tabs, CRLF) loads with its lines", async () => {
    const text =
      [
        ZH_HEADER.replaceAll(",", "\t"),
        "H49-1\t城东区\t2022/3/1 9:30\t2022/3/1 15:00\t网上办理\t2\t0",
        "H49-2\t火星\t2022/3/1 9:30\t\t窗口办理\t2\t0",
        "H49-3\t大通县\t2022/3/2 9:30\t\t窗口\t3\t0",
      ].join("\r\n") + "\r\n";
    const result = await check("h49.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf16le")]), {
      status: "loaded",
      loaded: 2,
      rejects: [[3, "area", "unknown_area"]],
      lines: {"H49-1": 2, "H49-3": 4},
    });
    const [log] = await wh.query<{encoding: string; delimiter: string}>(
      "select encoding, delimiter from load_log where load_id = $1",
      [result.load_id],
    );
    expect(log).toEqual({encoding: "utf-16le", delimiter: "\t"});
  });
  it("50. a BOM before Chinese headers is not part of the first header", async () => {
    const result = await check(
      "h50.csv",
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from([ZH_HEADER, "H50-1,城东区,2022/3/1 9:30,2022/3/1 15:00,网上办理,2,0"].join("\n")),
      ]),
      {
        status: "loaded",
        loaded: 1,
        lines: {"H50-1": 2},
      },
    );
    const [log] = await wh.query<{encoding: string}>("select encoding from load_log where load_id = $1", [
      result.load_id,
    ]);
    expect(log!.encoding).toBe("utf-8-bom");
  });
});

describe("the line-numbering pass", () => {
  it("51. on 150 random snippets of quotes, delimiters and line ends it splits as the grammar says, and DuckDB reads its output back exactly", async () => {
    let seed = 20220305;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = ["a", "城", ",", ",", '"', '"', "\n", "\r\n", "\r", " ", "\t", "x"];
    const duck = await Warehouse.open(":memory:");
    try {
      for (let k = 0; k < 150; k++) {
        let text = "h1,h2,h3\n";
        for (let i = Math.floor(random() * 60); i > 0; i--) text += alphabet[Math.floor(random() * alphabet.length)];
        const bytes = Buffer.from(text);
        const cut = Math.floor(random() * bytes.length); // chunks split anywhere, even inside a character
        const csv = join(wh.dir, "fuzz.csv");
        const counts = await numberRecords(
          [bytes.subarray(0, cut), bytes.subarray(cut)],
          {csv, rejects: join(wh.dir, "fuzz-rejects.csv")},
          {delimiter: ",", headers: ["h1", "h2", "h3"]},
        );
        const expected = referenceCsv(text, 3);
        await duck.run("drop table if exists r; drop table if exists rr; drop table if exists rs");
        await duck.run(
          `create table r as select * from read_csv($1, header = false, skip = 1, quote = '"', escape = '"', auto_detect = false,
             columns = {'line': 'BIGINT', 'h1': 'VARCHAR', 'h2': 'VARCHAR', 'h3': 'VARCHAR'}, strict_mode = true,
             store_rejects = true, rejects_table = 'rr', rejects_scan = 'rs')`,
          [csv],
        );
        const rows = await duck.all<{line: number; h1: string | null; h2: string | null; h3: string | null}>(
          "select * from r",
        );
        const got = rows.map((r): [number, string[]] => [r.line, [r.h1 ?? "", r.h2 ?? "", r.h3 ?? ""]]);
        expect(
          {got, rejects: counts.rejects, duckRejects: (await duck.all("select * from rr")).length},
          JSON.stringify(text),
        ).toEqual({
          got: expected.good,
          rejects: expected.rejects,
          duckRejects: 0,
        });
      }
    } finally {
      duck.close();
    }
  });
});
