import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {runModels} from "../../pipeline/models/runModels.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import {durationBetween} from "../../pipeline/scoring/durations.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

// Hand-made cases through the whole model chain: units, segments, relative targets against their baseline, levels.
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
let tw: TempWarehouse;

const POWER = [
  "case_id,area,supply_class,area_type,capacity_kw,needs_grid_works,applied_at,connected_at,grid_works_started_at,grid_works_completed_at,cost_yuan,synthetic",
  // 2021, the baseline year: 2, 4 and 1 workdays (Mondays 09:00 to a later 09:00), median 2.
  "P1,城西区,low_voltage,urban,50,false,2021-03-01 09:00,2021-03-03 09:00,,,0,true",
  "P2,城西区,low_voltage,urban,80,false,2021-03-08 09:00,2021-03-12 09:00,,,0,true",
  "P3,湟源县,low_voltage,rural,30,false,2021-03-15 09:00,2021-03-16 09:00,,,0,true",
  // 2022: 1 workday, and 09:00–13:30 = 3 h + 30 min = 210 office minutes = 0.4667 workday.
  "P4,城西区,low_voltage,urban,160,false,2022-03-07 09:00,2022-03-08 09:00,,,0,true",
  "P5,城西区,high_voltage_single,urban,800,true,2022-03-14 09:00,2022-03-14 13:30,2022-03-14 09:30,2022-03-14 10:00,0,true",
].join("\n");
const LOANS = [
  "loan_id,area,lender,applied_on,disbursed_on,amount_10k_yuan,is_guaranteed,guarantee_fee_rate_pct,synthetic",
  // Spring Festival 2023: 21–27 January off, 28 and 29 January make-up workdays.
  "L1,城东区,青海银行,2023-01-20,2023-01-30,10,true,1.2,true",
].join("\n");

beforeAll(async () => {
  tw = tempWarehouse();
  const power = join(tw.dir, "power.csv");
  const loans = join(tw.dir, "loans.csv");
  writeFileSync(power, POWER + "\n");
  writeFileSync(loans, LOANS + "\n");
  const results = await tw.load([power, loans]);
  expect(results.map((r) => r.rows_rejected)).toEqual([0, 0]);
  const {warehouse} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog});
  try {
    await runModels(warehouse, {asOf: "2023-06-30", contracts, catalogSha256: catalog.sha256});
  } finally {
    warehouse.close();
  }
}, 60_000);
afterAll(() => tw.remove());

type Row = {
  n: number;
  median: number;
  mean: number;
  max_value: number;
  share_within_target: number | null;
  target_clause: string | null;
  baseline: number | null;
};
const stats = async (metric: string, area: string, period: string, segment = "all") => {
  const rows = await tw.query<Row>(
    "select n, median, mean, max_value, share_within_target, target_clause, baseline from mart_metric_periods where metric_id = $1 and area_id = $2 and period = $3 and segment = $4",
    [metric, area, period, segment],
  );
  return rows[0];
};

describe("mart_metric_periods from hand-made cases", () => {
  it("durations in office workdays, per area and for the city, by the month of completion", async () => {
    expect(await stats("power_connection_time_workdays", "xining", "2021")).toMatchObject({
      n: 3,
      median: 2,
      target_clause: null,
    });
    expect(await stats("power_connection_time_workdays", "chengxi", "2021")).toMatchObject({n: 2, median: 3, mean: 3});
    expect(await stats("power_connection_time_workdays", "huangyuan", "2021-03")).toMatchObject({n: 1, median: 1});
    expect((await stats("power_connection_time_workdays", "xining", "2021-Q1"))!.n).toBe(3);
  });

  it("segments the plan names, with the share of cases within the segment's target", async () => {
    const low = await stats("power_connection_time_workdays", "xining", "2021", "supply_class=low_voltage");
    // Target 18.4: within 3 workdays; 2 of the 3 cases (2 and 1) are.
    expect(low).toMatchObject({n: 3, target_clause: "18.4"});
    expect(low!.share_within_target).toBeCloseTo(2 / 3, 12);
    const single = await stats("power_connection_time_workdays", "xining", "2022", "supply_class=high_voltage_single");
    expect(single).toMatchObject({n: 1, target_clause: "18.2", share_within_target: 1});
    expect(single!.median).toBeCloseTo(210 / 450, 12);
    const works = await stats("grid_works_time_workdays", "xining", "2022", "needs_grid_works=true");
    expect(works!.median).toBeCloseTo(30 / 450, 12);
  });

  it("relative targets: the reduction against the 2021 median of the same area and segment", async () => {
    const cut = await stats("power_connection_time_reduction_pct", "xining", "2022");
    // Baseline 2; reductions 100 × (2 − 1) / 2 = 50 and 100 × (2 − 0.4667) / 2 = 76.67; median 63.33.
    expect(cut).toMatchObject({n: 2, baseline: 2, target_clause: "18.1"});
    expect(cut!.median).toBeCloseTo((100 * (2 - (1 + 210 / 450) / 2)) / 2, 9);
    expect(cut!.share_within_target).toBe(1);
    expect((await stats("power_connection_time_reduction_pct", "chengxi", "2022"))!.baseline).toBe(3);
    expect(await stats("power_connection_time_reduction_pct", "huangyuan", "2022")).toBeUndefined();
  });

  it("the low-voltage ceiling is the largest low-voltage connection of the period, per area type", async () => {
    expect(await stats("low_voltage_access_capacity_kw", "xining", "2022", "area_type=urban")).toMatchObject({
      max_value: 160,
      n: 1,
    });
    expect(await stats("low_voltage_access_capacity_kw", "xining", "2021", "area_type=rural")).toMatchObject({
      max_value: 30,
      target_clause: "19.2",
    });
  });

  it("dates without a time count as Chinese law does: loan time over the Spring Festival make-up days", async () => {
    const loan = await stats("loan_time_workdays", "xining", "2023-01");
    expect(loan!.median).toBe(durationBetween("2023-01-20", "2023-01-30").workdays);
    expect(loan!.median).toBe(3);
    expect((await stats("guarantee_fee_rate_pct", "chengdong", "2023"))!.mean).toBe(1.2);
  });
});
