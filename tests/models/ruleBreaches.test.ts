import {readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {runModels} from "../../pipeline/models/runModels.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import {projectRoot} from "../../pipeline/version.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

// Issue 12: the cases that broke a per-case rule are listed, one row each, with the feed, file and line they came
// from, and they are exactly the zeros of the share the target is judged on (clauses 13, 19.1/19.2, 15.2).
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const FIXTURES = join(projectRoot, "tests", "fixtures", "feeds");

let tw: TempWarehouse;
beforeAll(async () => {
  tw = tempWarehouse();
  // SYNTHETIC cases on top of the fixtures: 3 projects in 2022-09, one published 29 days ahead (a breach, by one
  // day), one exactly 30 (kept), one 40 (kept); users around clause 19's limits; a seal set paid for.
  const procurement = join(tw.dir, "procurement_test.csv");
  writeFileSync(
    procurement,
    "project_id,area,purchaser,intention_published_on,procurement_started_on,budget_10k_yuan,synthetic\n" +
      "XNCG-T-1,城西区,城西区教育局,2022-08-03,2022-09-01,10,true\n" +
      "XNCG-T-2,城西区,城西区卫健局,2022-08-02,2022-09-01,10,true\n" +
      "XNCG-T-3,城西区,城西区民政局,2022-07-23,2022-09-01,10,true\n",
  );
  const power = join(tw.dir, "power_test.csv");
  writeFileSync(
    power,
    "case_id,area,supply_class,area_type,capacity_kw,needs_grid_works,applied_at,connected_at,grid_works_started_at,grid_works_completed_at,cost_yuan,procedures,synthetic\n" +
      // urban 160 kW at high voltage: a breach of 19.1; urban 161 kW at high voltage: outside the population
      "PW-T1,城西区,high_voltage_single,urban,160,false,2022-09-05 09:00,2022-09-09 16:00,,,0,3,true\n" +
      "PW-T2,城西区,high_voltage_single,urban,161,false,2022-09-05 09:00,2022-09-09 16:00,,,0,3,true\n" +
      // rural 100 kW at low voltage: kept; rural 90 kW at high voltage: a breach of 19.2
      "PW-T3,湟源县,low_voltage,rural,100,false,2022-09-06 09:00,2022-09-07 16:00,,,0,2,true\n" +
      "PW-T4,湟源县,high_voltage_single,rural,90,false,2022-09-06 09:00,2022-09-09 16:00,,,0,3,true\n",
  );
  const results = await tw.load([...readdirSync(FIXTURES).map((f) => join(FIXTURES, f)), procurement, power]);
  for (const r of results) expect(r.status, r.file).toBe("loaded");
  const {warehouse} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog});
  try {
    await runModels(warehouse, {asOf: "2023-06-30", contracts, catalogSha256: catalog.sha256});
  } finally {
    warehouse.close();
  }
});
afterAll(() => tw.remove());

interface Breach {
  target_clause: string;
  case_key: string;
  area_id: string;
  unit_name: string | null;
  period: string;
  measured_value: number;
  case_limit: number;
  limit_unit: string;
  finding: string;
  feed: string;
  file_name: string;
  source_line: number;
}
const breaches = () =>
  tw.query<Breach>(
    `select target_clause, case_key, area_id, unit_name, period, measured_value, case_limit, limit_unit, finding,
        feed, file_name, source_line::integer as source_line
     from mart_rule_breaches order by target_clause, case_key`,
  );

describe("mart_rule_breaches", () => {
  it("lists the project published 29 days ahead, not those at 30 or 40, with its purchaser, file and line", async () => {
    const rows = (await breaches()).filter((b) => b.target_clause === "13" && b.period === "2022-09");
    expect(rows).toEqual([
      {
        target_clause: "13",
        case_key: "XNCG-T-1",
        area_id: "chengxi",
        unit_name: "城西区教育局",
        period: "2022-09",
        measured_value: 29,
        case_limit: 30,
        limit_unit: "day",
        finding: "lead_days < 30",
        feed: "procurement_intentions",
        file_name: "procurement_test.csv",
        source_line: 2,
      },
    ]);
  });

  it("lists clause 19's users at or below their area type's limit not connected at low voltage, and no other", async () => {
    const rows = (await breaches()).filter(
      (b) => b.target_clause.startsWith("19.") && b.file_name === "power_test.csv",
    );
    expect(rows.map((b) => [b.target_clause, b.measured_value, b.case_limit, b.finding, b.source_line])).toEqual([
      ["19.1", 160, 160, "supply_class = high_voltage_single", 2],
      ["19.2", 90, 100, "supply_class = high_voltage_single", 5],
    ]);
    // the personal case number never reaches the mart: the key is feed:load:line
    for (const b of rows) expect(b.case_key).toMatch(/^power_connection_cases:\d+:\d+$/);
  });

  it("lists the fixture's start-up that paid 260 yuan for its seal set under clause 15.2", async () => {
    const rows = (await breaches()).filter((b) => b.target_clause === "15.2");
    expect(rows.map((b) => [b.measured_value, b.case_limit, b.limit_unit, b.file_name, b.source_line])).toEqual([
      [260, 0, "yuan", "startup_cases.csv", 3],
    ]);
  });

  it("has as many breaches as cases counted 0 in each share, per metric, area and month", async () => {
    const [counts] = await tw.query<{zeros: number; breaches: number}>(
      `select
          (select count(*) from int_metric_observations
           where metric_id in (select metric_id from dim_target where case_limit is not null) and value = 0)::integer
              as zeros,
          (select count(*) from mart_rule_breaches)::integer as breaches`,
    );
    expect(counts!.breaches).toBeGreaterThan(0);
    expect(counts!.breaches).toBe(counts!.zeros);
  });
});
