import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {strictBaseline} from "../../pipeline/assess/htmlTables.ts";
import type {Assessment} from "../../pipeline/assess/types.ts";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import type {MetricPeriodRow} from "../../pipeline/export/buildAttainment.ts";
import {cityVerdict, judgeTargets} from "../helpers/judgeTargets.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

// The strict targets (comparator ">": an improvement the plan promises without a size), judged by hand on worked
// examples from the feed rows to the verdict: clause 37 (缩短处理期限: the median labour dispute resolution time
// shorter than the 2021 median) and clause 42 (加快长期未结案件审理进程: fewer bankruptcy cases open more than three
// years at a month's end than at the end of December 2021). Equal to the baseline is missed.
const catalog = loadCatalog();
const AS_OF = "2023-12-31";

const lines = (header: string, rows: string[]) => `${header}\n${rows.join("\n")}\n`;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// Labour arbitration, 城西区: cases accepted on one day and closed `days` calendar days later (the acceptance day
// not counted), each placed in the month it closed.
//   2021 (the baseline), accepted 2021-03-01: 30, 35, 40, 45, 50 days → median 40.
//   October 2023, accepted 2023-08-25: 45, 46, 47, 48, 49 → median 47, a cut of 100 × (40 − 47) / 40 = −17.5 %.
//   November 2023, accepted 2023-10-10: 30, 35, 38, 40, 44 → median 38, a cut of 100 × (40 − 38) / 40 = 5 %.
//   December 2023 (the deadline), accepted 2023-11-05: five times 40 → median 40, a cut of exactly 0 %.
const labourCases = (accepted: string, days: number[]) =>
  days.map(
    (d, i) =>
      `(${accepted})西劳人仲字第${i + 1}号,城西区,wages,${accepted},${accepted},false,${addDays(accepted, d)},award,true`,
  );
const labour = lines("case_id,area,dispute_type,filed_on,accepted_on,is_extended,closed_on,closure,synthetic", [
  ...labourCases("2021-03-01", [30, 35, 40, 45, 50]),
  ...labourCases("2023-08-25", [45, 46, 47, 48, 49]),
  ...labourCases("2023-10-10", [30, 35, 38, 40, 44]),
  ...labourCases("2023-11-05", [40, 40, 40, 40, 40]),
]);

// The bankruptcy ledger (the intermediate court, the city). Open at a month's end and accepted more than three years
// before it (strictly: accepted exactly three years before does not count yet):
//   A accepted 2017-05-10, closed 2022-06-15;  B accepted 2018-03-01, still open;
//   C accepted 2018-12-31, closed 2022-12-20;  D accepted 2019-08-01, closed 2022-12-31 (on the month's end).
//   2021-12-31 (the baseline): A, B → 2 (C is exactly three years old, not more).
//   2022-01-31: A, B, C → 3, a reduction of 100 × (2 − 3) / 2 = −50 %.
//   2022-06-30: B, C → 2 (A closed), a reduction of exactly 0 %.
//   2022-08-31: B, C, D → 3, −50 %.
//   2022-12-31 (the deadline): B → 1 (C closed, D closed that day), a reduction of 50 %.
const insolvency = lines(
  "case_id,area,procedure,accepted_on,closed_on,estate_value_yuan,costs_yuan,recovery_rate_pct,long_pending_since,synthetic",
  [
    "(2017)青01破1号,西宁市,liquidation,2017-05-10,2022-06-15,1000000,200000,30,,true",
    "(2018)青01破2号,西宁市,liquidation,2018-03-01,,1000000,,,,true",
    "(2018)青01破3号,西宁市,reorganization,2018-12-31,2022-12-20,1000000,200000,30,,true",
    "(2019)青01破4号,西宁市,liquidation,2019-08-01,2022-12-31,1000000,200000,30,,true",
  ],
);

let tw: TempWarehouse;
let attainment: Awaited<ReturnType<typeof judgeTargets>>["attainment"];
let periods: MetricPeriodRow[];
beforeAll(async () => {
  tw = tempWarehouse();
  const paths = Object.entries({labour, insolvency}).map(([name, text]) => {
    const path = join(tw.dir, `strict_${name}.csv`);
    writeFileSync(path, text);
    return path;
  });
  // loaded in January 2024, after clause 37's deadline (the ingest tests' clock, mid-2023, refuses later dates)
  const results = await tw.load(paths, {now: () => new Date("2024-01-05T02:00:00Z")});
  for (const r of results) expect(r.status, `${r.file}: ${JSON.stringify(r)}`).toBe("loaded");
  ({periods, attainment} = await judgeTargets(tw, AS_OF, ["37", "42"]));
}, 120_000);
afterAll(() => tw.remove());

const judged = (clause: string, period: string) => {
  const row = cityVerdict(attainment, clause, period);
  return {actual: row.actual, baseline: row.baseline, n: row.n, status: row.status};
};
const count = (month: string) =>
  periods.find(
    (r) =>
      r.metric_id === "long_pending_insolvency_cases_count" &&
      r.area_id === "xining" &&
      r.period_type === "month" &&
      r.period === month,
  )?.median;

describe("clause 37, labour dispute resolution time shortened (缩短: any cut, strictly)", () => {
  it("against the 2021 median of 40 days: 47 days missed, 38 met, exactly 40 missed", () => {
    expect(judged("37", "2023-10")).toEqual({actual: -17.5, baseline: 40, n: 5, status: "missed"});
    expect(judged("37", "2023-11")).toEqual({actual: 5, baseline: 40, n: 5, status: "met"});
    // no change is not a cut: with ">=" this month would read met
    expect(judged("37", "2023-12")).toEqual({actual: 0, baseline: 40, n: 5, status: "missed"});
  });
});

describe("clause 42, fewer long-pending bankruptcy cases (加快: any reduction, strictly)", () => {
  it("counts cases open more than three years at each month end, the city's courts together", () => {
    expect([count("2021-12"), count("2022-01"), count("2022-06"), count("2022-08"), count("2022-12")]).toEqual([
      2, 3, 2, 3, 1,
    ]);
    // from three years after the first acceptance (A: 2017-05-10), not before; only the city has a count
    const months = periods
      .filter((r) => r.metric_id === "long_pending_insolvency_cases_count" && r.period_type === "month")
      .map((r) => r.period)
      .sort();
    expect(months[0]).toBe("2020-05");
    expect(
      periods.filter((r) => r.metric_id === "long_pending_insolvency_cases_count" && r.area_id !== "xining"),
    ).toEqual([]);
  });

  it("against 2 cases at the end of 2021: 3 missed, 2 (no change) missed, 1 at the deadline met", () => {
    expect(judged("42", "2022-01")).toEqual({actual: -50, baseline: 2, n: 1, status: "missed"});
    expect(judged("42", "2022-06")).toEqual({actual: 0, baseline: 2, n: 1, status: "missed"});
    expect(judged("42", "2022-08")).toEqual({actual: -50, baseline: 2, n: 1, status: "missed"});
    expect(judged("42", "2022-12")).toEqual({actual: 50, baseline: 2, n: 1, status: "met"});
  });
});

describe("the report's threshold of a strict target names the baseline it must beat", () => {
  const figure = (clause: string, comparator: string, baseline: number | null) =>
    ({clause, comparator, baseline}) as unknown as Assessment["targets"][number];
  it("in both languages, with the baseline's period and statistic; nothing for a non-strict target", () => {
    expect(strictBaseline(figure("37", ">", 40), "zh", catalog)).toBe("(即低于基线 40 天:2021 年中位数)");
    expect(strictBaseline(figure("42", ">", 2), "en", catalog)).toBe(
      " (i.e. below the baseline, 2 count: the count at the end of 2021-12)",
    );
    expect(strictBaseline(figure("42", ">", 7), "zh", catalog)).toBe("(即低于基线 7 个:2021 年 12 月月末数)");
    expect(strictBaseline(figure("9.1", ">=", 12.5), "zh", catalog)).toBe("");
    expect(strictBaseline(figure("37", ">", null), "zh", catalog)).toBe("");
  });
});
