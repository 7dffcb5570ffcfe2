import {writeFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Warehouse} from "../../pipeline/db.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * The bad-input corpus: files and rows as offices really send them, broken in the ways they really break.
 * Each case states its exact outcome (refused with what message, or which lines rejected for which rule) and
 * checks that nothing else in the warehouse changed.
 */

const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const row = (
  id: string,
  over: Partial<Record<"area" | "applied" | "completed" | "channel" | "procedures" | "cost", string>> = {},
) =>
  [
    id,
    over.area ?? "城东区",
    over.applied ?? "2022-03-01 09:30",
    over.completed ?? "2022-03-01 15:00",
    over.channel ?? "online",
    over.procedures ?? "2",
    over.cost ?? "0",
  ].join(",");

let wh: TempWarehouse;
beforeAll(async () => {
  wh = tempWarehouse();
  writeFileSync(join(wh.dir, "base.csv"), [HEADER, row("BASE-1"), row("BASE-2")].join("\n") + "\n");
  const [base] = await wh.load([join(wh.dir, "base.csv")]);
  expect(base).toMatchObject({status: "loaded", rows_loaded: 2});
});
afterAll(() => wh.remove());

interface Expected {
  status: "loaded" | "refused" | "skipped";
  loaded?: number;
  /** [line, column, rule] of every rejection, in any order. */
  rejects?: Array<[number, string, string]>;
  message?: RegExp;
}

/** Write `content` as `name`, load it, check the outcome and that only what it says changed. */
async function check(
  name: string,
  content: string | Buffer,
  expected: Expected,
  options: {feed?: string; replace?: boolean} = {},
) {
  const path = join(wh.dir, name);
  writeFileSync(path, content);
  return checkPath(path, expected, options);
}

async function checkPath(path: string, expected: Expected, options: {feed?: string; replace?: boolean} = {}) {
  const before = await wh.snapshot();
  const [result] = await wh.load([path], options);
  expect(result!.status, result!.message).toBe(expected.status);
  if (expected.message) expect(result!.message).toMatch(expected.message);
  if (expected.message && expected.status === "refused") expect(result!.message).toContain(path.split("/").pop());
  const after = await wh.snapshot();
  const rejects = expected.rejects ?? [];
  const rejectedLines = new Set(rejects.map((r) => r[0])).size;
  if (expected.status === "loaded") {
    expect(result).toMatchObject({
      rows_loaded: expected.loaded ?? 0,
      rows_rejected: rejectedLines,
      rows_read: (expected.loaded ?? 0) + rejectedLines,
    });
    const got = await wh.query<{line: number; column_name: string; rule: string}>(
      "select line, column_name, rule from load_rejects where load_id = $1 order by line, column_name",
      [result!.load_id],
    );
    expect(got.map((r) => [r.line, r.column_name, r.rule]).sort()).toEqual([...rejects].sort());
  }
  // Nothing else changed: the feed gained exactly the loaded rows, the log one entry (none when skipped).
  const feedTable = `feed_${result!.feed ?? "startup_cases"}`;
  const delta = Object.fromEntries(
    Object.keys(after)
      .map((k) => [k, after[k]! - (before[k] ?? 0)])
      .filter(([, d]) => d !== 0),
  );
  const wanted: Record<string, number> = {};
  if (expected.status !== "skipped") wanted.load_log = 1;
  if (expected.status === "loaded" && (expected.loaded ?? 0) > 0) wanted[feedTable] = expected.loaded!;
  if (expected.status === "loaded" && rejects.length > 0) wanted.load_rejects = rejects.length;
  if (feedTable in after && !(feedTable in before) && expected.status === "loaded") wanted[feedTable] ??= 0;
  expect(Object.fromEntries(Object.entries(delta).filter(([, d]) => d !== 0))).toEqual(
    Object.fromEntries(Object.entries(wanted).filter(([, d]) => d !== 0)),
  );
  return result!;
}

describe("files refused whole, with a message naming the file and what was expected", () => {
  it("1. an empty file", () =>
    check("c01.csv", "", {status: "refused", message: /empty \(0 bytes\); expected a header row/}));
  it("2. a header and no data rows", () =>
    check("c02.csv", HEADER + "\n", {status: "refused", message: /header but no data rows/}));
  it("3. a PNG renamed .csv", () =>
    check("c03.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), {
      status: "refused",
      message: /NUL byte at byte 8: this is a binary file/,
    }));
  it("4. a required column missing: the closest feeds and what each lacks", () =>
    check("c04.csv", "case_id,area,channel,procedures\nX,城东区,online,2\n", {
      status: "refused",
      message:
        /no feed recognised: required columns missing; closest: startup_cases \(开办企业办件, 4 headers matched\) lacks applied_at \(申请时间\/受理时间\/提交时间\);.*found headers: case_id, area, channel, procedures$/,
    }));
  it("4b. a required column missing for a feed named with --feed", () =>
    check(
      "c04b.csv",
      "case_id,area,channel,procedures\nX,城东区,online,2\n",
      {
        status: "refused",
        message:
          /required columns missing for feed startup_cases .*applied_at \(申请时间\/受理时间\/提交时间\).*found headers: case_id, area, channel, procedures/,
      },
      {feed: "startup_cases"},
    ));
  it("5. headers of no known feed", () =>
    check("c05.csv", "名称,数量\n甲,1\n", {
      status: "refused",
      message: /no feed recognised: none of the headers is a column of any feed; found headers: 名称, 数量/,
    }));
  it("6. an old binary .xls workbook where no LibreOffice can convert it", () =>
    check(
      "c06.xls",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64, 1)]),
      {
        status: "refused",
        message:
          /Excel 97–2003 or WPS workbook \(\.xls\/\.et\) and no LibreOffice here to convert it: save it as \.xlsx or as CSV and load that, or install LibreOffice \(apt-get install libreoffice-calc-nogui/,
      },
    ));
  it("7. a ZIP archive named .csv", () =>
    check("c07.csv", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 2)]), {
      status: "refused",
      message: /ZIP archive named \.csv/,
    }));
  it("8. two headers meaning the same column", () =>
    check("c08.csv", `${HEADER},办件编号\n${row("C08-1")},C08-1\n`, {
      status: "refused",
      message: /"case_id" and "办件编号" both mean case_id/,
    }));
  it("9. text in neither UTF-8 nor GBK", () =>
    check(
      "c09.csv",
      Buffer.concat([Buffer.from(HEADER + "\n"), Buffer.from([0x80, 0xff, 0x81, 0x2c, 0xfe, 0xfe, 0x0a])]),
      {status: "refused", message: /neither UTF-8 nor GBK/},
    ));
  it("10. a feed named with --feed that does not exist", () =>
    check(
      "c10.csv",
      [HEADER, row("C10-1")].join("\n"),
      {status: "refused", message: /unknown feed "no_such_feed"; known feeds: /},
      {feed: "no_such_feed"},
    ));
  it("11. a workbook with no header row in its sheets", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("说明").addRow(["本表为空"]);
    await workbook.xlsx.writeFile(join(wh.dir, "c11.xlsx"));
    await checkPath(join(wh.dir, "c11.xlsx"), {
      status: "refused",
      message: /no sheet has a header row for a known feed/,
    });
  });
  it("12. an empty workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Sheet1");
    await workbook.xlsx.writeFile(join(wh.dir, "c12.xlsx"));
    await checkPath(join(wh.dir, "c12.xlsx"), {status: "refused", message: /the workbook is empty/});
  });
});

describe("bad rows rejected by rule, good rows loaded", () => {
  it("13. a line with too few and one with too many fields", () =>
    check(
      "c13.csv",
      [HEADER, row("C13-1"), "C13-2,城东区,2022-03-01 09:30", row("C13-3") + ",extra", row("C13-4")].join("\n") + "\n",
      {
        status: "loaded",
        loaded: 2,
        rejects: [
          [3, "completed_at", "malformed"],
          [4, "column 9", "malformed"],
        ],
      },
    ));
  it("14. dates that are not dates, completed before applied, dates in the future", () =>
    check(
      "c14.csv",
      [
        HEADER,
        row("C14-1", {applied: "三月五日"}),
        row("C14-2", {completed: "2022-02-28 10:00"}),
        row("C14-3", {applied: "2031-01-01 09:00", completed: ""}),
      ].join("\n"),
      {
        status: "loaded",
        loaded: 0,
        rejects: [
          [2, "applied_at", "type"],
          [3, "completed_at", "order"],
          [4, "applied_at", "future"],
        ],
      },
    ));
  it("15. an unknown area, a value outside the allowed list, numbers out of range, a missing required value", () =>
    check(
      "c15.csv",
      [
        HEADER,
        row("C15-1", {area: "火星区"}),
        row("C15-2", {channel: "fax"}),
        row("C15-3", {procedures: "0", cost: "-5"}),
        row("", {}),
      ].join("\n"),
      {
        status: "loaded",
        loaded: 0,
        rejects: [
          [2, "area", "unknown_area"],
          [3, "channel", "allowed"],
          [4, "cost_yuan", "range"],
          [4, "procedures", "range"],
          [5, "case_id", "required"],
        ],
      },
    ));
  it("16. a key twice in the file and a key already loaded", () =>
    check("c16.csv", [HEADER, row("C16-1"), row("C16-1"), row("BASE-1"), row("C16-2")].join("\n"), {
      status: "loaded",
      loaded: 2,
      rejects: [
        [3, "case_id", "duplicate_key"],
        [4, "case_id", "duplicate_loaded"],
      ],
    }));
  it("17. full-width digits, thousands separators, 2022年3月5日, 2022/3/5 9:30 and an Excel serial date all read", async () => {
    const result = await check(
      "c17.csv",
      [
        HEADER,
        row("C17-1", {cost: '"１，２００"', procedures: "３"}),
        row("C17-2", {applied: "2022年3月5日 9:30", completed: "2022/3/5 16:00"}),
        row("C17-3", {applied: "44620.375", completed: "44620.5"}),
      ].join("\n"),
      {
        status: "loaded",
        loaded: 3,
      },
    );
    const rows = await wh.query(
      "select case_id, procedures, cost_yuan, applied_at::varchar as applied_at from feed_startup_cases where _load_id = $1 order by case_id",
      [result.load_id],
    );
    expect(rows).toEqual([
      {case_id: "C17-1", procedures: 3, cost_yuan: 1200, applied_at: "2022-03-01 09:30:00"},
      {case_id: "C17-2", procedures: 2, cost_yuan: 0, applied_at: "2022-03-05 09:30:00"},
      {case_id: "C17-3", procedures: 2, cost_yuan: 0, applied_at: "2022-02-28 09:00:00"},
    ]);
  });
  it("18. columns in another order, an extra column, semicolons, CRLF", () =>
    check(
      "c18.csv",
      [
        "channel;procedures;cost_yuan;备注;case_id;area;applied_at;completed_at",
        "online;2;0;无;C18-1;城西区;2022-03-01 09:30;2022-03-01 15:00",
      ].join("\r\n") + "\r\n",
      {status: "loaded", loaded: 1},
    ));
  it("19. a mismatched quote swallows the rest of its field and is rejected at its line", () =>
    check("c19.csv", [HEADER, row("C19-1"), 'C19-2,"城东区,2022-03-01 09:30,,online,2,0'].join("\n") + "\n", {
      status: "loaded",
      loaded: 1,
      rejects: [[3, "applied_at", "malformed"]],
    }));
  it("20. lines with CRLF and LF mixed, tab-separated", () =>
    check(
      "c20.tsv",
      [HEADER.replaceAll(",", "\t"), row("C20-1").replaceAll(",", "\t")].join("\r\n") +
        "\r\n" +
        row("C20-2").replaceAll(",", "\t") +
        "\n",
      {status: "loaded", loaded: 2},
    ));
  it("21. an XLSX with a title row above the header: lines are sheet rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("开办企业");
    sheet.addRow(["西宁市企业开办办件明细（2022年3月）"]);
    sheet.addRow([]);
    sheet.addRow(["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数", "费用（元）"]);
    sheet.addRow([
      "C21-1",
      "城中区",
      new Date(Date.UTC(2022, 2, 1, 9, 30)),
      new Date(Date.UTC(2022, 2, 1, 15)),
      "网上办理",
      2,
      0,
    ]);
    sheet.addRow(["C21-2", "火星区", "2022-03-02 09:30", "", "窗口", 3, 0]);
    await workbook.xlsx.writeFile(join(wh.dir, "c21.xlsx"));
    await checkPath(join(wh.dir, "c21.xlsx"), {status: "loaded", loaded: 1, rejects: [[5, "area", "unknown_area"]]});
  });
  it("22. a Parquet file and a JSON lines file", async () => {
    const duck = await Warehouse.open(":memory:");
    await duck.run(
      `copy (select 'C22-' || i as case_id, '城北区' as area, timestamp '2022-03-01 09:30' as applied_at, null::timestamp as completed_at, 'window' as channel, 3 as procedures, 0.0 as cost_yuan from range(1, 4) t(i))
       to '${join(wh.dir, "c22.parquet")}' (format parquet)`,
    );
    duck.close();
    await checkPath(join(wh.dir, "c22.parquet"), {status: "loaded", loaded: 3});
    await check(
      "c22.jsonl",
      [
        '{"case_id":"C22-J1","area":"城北区","applied_at":"2022-03-01 09:30","channel":"online","procedures":2}',
        '{"case_id":"C22-J2","area":"月球","applied_at":"2022-03-01 09:30","channel":"online","procedures":2}',
      ].join("\n") + "\n",
      {
        status: "loaded",
        loaded: 1,
        rejects: [[2, "area", "unknown_area"]],
      },
    );
  });
});

describe("loading again", () => {
  it("23. the same content twice is skipped", async () => {
    writeFileSync(join(wh.dir, "c23.csv"), [HEADER, row("C23-1")].join("\n"));
    await checkPath(join(wh.dir, "c23.csv"), {status: "loaded", loaded: 1});
    await checkPath(join(wh.dir, "c23.csv"), {status: "skipped", message: /same content already loaded/});
  });
  it("24. --replace supersedes the rows of the version it corrects", async () => {
    await check("c24.csv", [HEADER, row("C24-1"), row("C24-2", {area: "火星区"})].join("\n"), {
      status: "loaded",
      loaded: 1,
      rejects: [[3, "area", "unknown_area"]],
    });
    const result = await check(
      "c24.csv",
      [HEADER, row("C24-1"), row("C24-2", {area: "城东区"})].join("\n"),
      {status: "loaded", loaded: 2, message: /supersedes load \d+/},
      {replace: true},
    );
    const current = await wh.query<{n: number}>(
      "select count(*) as n from current_startup_cases where case_id like 'C24-%'",
    );
    expect(current[0]!.n).toBe(2);
    const log = await wh.query<{status: string}>(
      "select status from load_log where file_name = 'c24.csv' order by load_id",
    );
    expect(log.map((l) => l.status)).toEqual(["superseded", "loaded"]);
    expect(result.rows_loaded).toBe(2);
  });
});

describe("encodings", () => {
  it("a GBK CSV with CRLF and Chinese headers loads the same good rows as its UTF-8 twin", async () => {
    const text =
      [
        "办件编号,区县,申请时间,办结时间,办理渠道,办理环节数,费用（元）",
        "G-1,湟源县,2022/3/1 9:30,2022/3/1 15:00,网上办理,2,0",
        "G-2,大通县,2022/3/2 10:00,2022/3/4 11:00,窗口办理,4,0",
        "G-3,不存在县,2022/3/2 10:00,,窗口办理,4,0",
      ].join("\r\n") + "\r\n";
    const twins: Array<Array<Record<string, unknown>>> = [];
    for (const [name, bytes] of [
      ["utf8.csv", Buffer.from(text, "utf8")],
      ["gbk.csv", iconv.encode(text, "gbk")],
    ] as const) {
      const own = tempWarehouse();
      try {
        writeFileSync(join(own.dir, name), bytes);
        const [result] = await own.load([join(own.dir, name)]);
        expect(result).toMatchObject({status: "loaded", rows_read: 3, rows_loaded: 2, rows_rejected: 1});
        twins.push(await own.query("select * exclude (_load_id) from feed_startup_cases order by case_id"));
        const [log] = await own.query<{encoding: string}>("select encoding from load_log");
        expect(log!.encoding).toBe(name === "gbk.csv" ? "gb18030" : "utf-8");
      } finally {
        own.remove();
      }
    }
    expect(twins[1]).toEqual(twins[0]);
  });
});
