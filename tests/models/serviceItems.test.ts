import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {MetricPeriodRow} from "../../pipeline/export/buildAttainment.ts";
import {cityVerdict, judgeTargets} from "../helpers/judgeTargets.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

// The government service item catalogue (feed service_items, issue 11), judged by hand on a worked example from
// the rows to the verdict: clause 3.1 (高频事项实现“全城通办”: every high-frequency item of the six named fields,
// 100 %), clause 3.2 (承接落实 the published 跨省通办 items: every one implemented, 100 %) and clause 2's count of
// 一件事一次办 items (a metric only: its target, 更多事项, needs a strict comparator).
const AS_OF = "2023-06-30";

const HEADER =
  "item_code,snapshot_month,item_name,unit,field,is_high_frequency,cross_province_list,cross_province_batch," +
  "cross_province_implemented_on,is_citywide,one_thing_package,online_depth,synthetic";

/** One catalogue row; `x` the 跨省通办 list, `on` its 落地 date, `pkg` its 一件事 package. */
const row = (
  code: string,
  month: string,
  field: string,
  o: {hf?: boolean; x?: string; on?: string; city?: boolean; pkg?: string} = {},
) =>
  [
    code,
    month,
    `事项${code}`,
    "市公安局",
    field,
    o.hf ? "是" : "否",
    o.x ?? "",
    o.x ? "国办发〔2020〕35号 第一批" : "",
    o.on ?? "",
    o.city ? "是" : "否",
    o.pkg ?? "",
    "全程网办",
    "true",
  ].join(",");

// November 2022: five items stand in a published 跨省通办 list (X1–X4 national, X5 provincial); X1–X3 were
// implemented before, X4 and X5 not yet. An item implemented across provinces but in no published list (X9) is
// not counted. Six high-frequency items, one per named field; five city-wide, the property one (H5) not yet. A
// high-frequency item of another field (H9) and a social-insurance item not on the high-frequency list (H8), both
// not city-wide, are not counted. Three items in 一件事 packages.
// December 2022: X4 implemented on 12-05 and X5 on 12-20; the province's second batch adds X6, implemented on
// 12-28: six of six. H5 city-wide: six of six. A fourth item joins a package.
const nov = "2022-11";
const dec = "2022-12";
const catalogue = (month: string, december: boolean) => [
  row("X1", month, "公安户籍", {x: "国家", on: "2021-03-15"}),
  row("X2", month, "社保", {x: "国家", on: "2021-06-01", pkg: "退休一件事"}),
  row("X3", month, "医保", {x: "国家", on: "2022-02-10"}),
  row("X4", month, "就业", {x: "国家", on: december ? "2022-12-05" : undefined}),
  row("X5", month, "公积金", {x: "省级", on: december ? "2022-12-20" : undefined}),
  ...(december ? [row("X6", month, "其他", {x: "省级", on: "2022-12-28"})] : []),
  row("X9", month, "其他", {on: "2022-01-10"}),
  row("H1", month, "公安户籍", {hf: true, city: true, pkg: "新生儿出生一件事"}),
  row("H2", month, "社保", {hf: true, city: true}),
  row("H3", month, "医保", {hf: true, city: true, pkg: december ? "新生儿出生一件事" : undefined}),
  row("H4", month, "就业", {hf: true, city: true}),
  row("H5", month, "不动产登记", {hf: true, city: december}),
  row("H6", month, "公积金", {hf: true, city: true, pkg: "退休一件事"}),
  row("H8", month, "社保", {}),
  row("H9", month, "其他", {hf: true}),
];
const csv = `${HEADER}\n${[...catalogue(nov, false), ...catalogue(dec, true)].join("\n")}\n`;

let tw: TempWarehouse;
let attainment: Awaited<ReturnType<typeof judgeTargets>>["attainment"];
let periods: MetricPeriodRow[];
beforeAll(async () => {
  tw = tempWarehouse();
  const path = join(tw.dir, "service_items_worked.csv");
  writeFileSync(path, csv);
  const results = await tw.load([path]);
  for (const r of results) expect(r.status, `${r.file}: ${JSON.stringify(r)}`).toBe("loaded");
  expect(results[0]).toMatchObject({feed: "service_items", rows_loaded: 29, rows_rejected: 0});
  ({periods, attainment} = await judgeTargets(tw, AS_OF, ["3.1", "3.2"]));
}, 120_000);
afterAll(() => tw.remove());

const judged = (clause: string, periodType: "month" | "quarter", period: string) => {
  const r = cityVerdict(attainment, clause, period, periodType);
  return {actual: r.actual, n: r.n, status: r.status};
};

describe("clause 3.2, the published 跨省通办 items implemented (承接落实: every one)", () => {
  it("counts only listed items, implemented by the month's end: 3 of 5 missed, 6 of 6 met", () => {
    // X9 is implemented but in no published list: out of the denominator.
    expect(judged("3.2", "month", nov)).toEqual({actual: 60, n: 5, status: "missed"});
    expect(judged("3.2", "month", dec)).toEqual({actual: 100, n: 6, status: "met"});
  });

  it("pools a quarter's monthly catalogues: 9 of 11 item-months, missed", () => {
    expect(judged("3.2", "quarter", "2022-Q4")).toEqual({
      actual: expect.closeTo((100 * 9) / 11, 9),
      n: 11,
      status: "missed",
    });
  });
});

describe("clause 3.1, high-frequency items of the six named fields city-wide (全城通办: every one)", () => {
  it("5 of 6 is missed, 6 of 6 met; other fields and items off the high-frequency list are not counted", () => {
    expect(judged("3.1", "month", nov)).toEqual({actual: expect.closeTo((100 * 5) / 6, 9), n: 6, status: "missed"});
    expect(judged("3.1", "month", dec)).toEqual({actual: 100, n: 6, status: "met"});
  });
});

describe("clause 2, items handled as 一件事一次办 (a count, no target yet)", () => {
  it("counts the month's items in a package, once each: 3 in November, 4 in December", () => {
    const count = (period: string) =>
      periods.find(
        (p) =>
          p.metric_id === "one_thing_once_items_count" &&
          p.area_id === "xining" &&
          p.period_type === "month" &&
          p.period === period &&
          p.segment === "all",
      );
    expect(count(nov)).toMatchObject({n: 1, median: 3, target_clause: null});
    expect(count(dec)).toMatchObject({n: 1, median: 4, target_clause: null});
  });
});
