import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {writeCaseFile} from "../../pipeline/bench/writeCaseFile.ts";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import type {Warehouse} from "../../pipeline/db.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {listModels} from "../../pipeline/models/listModels.ts";
import {runModels, type RunModelsReport} from "../../pipeline/models/runModels.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * Incremental refresh: after new loads, a replaced file or a new baseline-year case, the models refreshed in place
 * must hold exactly what a full rebuild makes (every row of every model table compared both ways), and the runner
 * must refresh only what it may: a baseline-year change rebuilds the levels whole, a new as-of date everything that
 * reads it.
 */
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const models = listModels();
let tw: TempWarehouse;

const POWER_HEADER =
  "case_id,area,supply_class,area_type,capacity_kw,needs_grid_works,applied_at,connected_at,grid_works_started_at,grid_works_completed_at,cost_yuan,synthetic";
const power = (id: string, area: string, applied: string, connected: string) =>
  `${id},${area},low_voltage,urban,50,false,${applied},${connected},,,0,true`;

async function withWarehouse<T>(work: (w: Warehouse) => Promise<T>): Promise<T> {
  const {warehouse} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog});
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}

const score = (asOf = "2023-06-30") =>
  withWarehouse((w) => runModels(w, {asOf, contracts, catalogSha256: catalog.sha256}));
const statusOf = (report: RunModelsReport) => Object.fromEntries(report.models.map((m) => [m.name, m.status]));

/** Every model table as it stands, then rebuilt whole with `force`: the rows that differ, per model (none = equal). */
async function differencesFromFullRebuild(asOf = "2023-06-30"): Promise<Record<string, number>> {
  return withWarehouse(async (w) => {
    for (const m of models) await w.run(`create or replace table snap_${m.name} as select * from ${m.name}`);
    await runModels(w, {asOf, contracts, catalogSha256: catalog.sha256, force: true});
    const differences: Record<string, number> = {};
    for (const m of models) {
      // Doubles compared to 9 decimals: a parallel sum adds in any order, so two full builds differ in the last bits.
      const columns = await w.all<{column_name: string; data_type: string}>(
        "select column_name, data_type from duckdb_columns() where table_name = $1 order by column_index",
        [m.name],
      );
      const list = columns
        .map((c) => (c.data_type === "DOUBLE" ? `round("${c.column_name}", 9)` : `"${c.column_name}"`))
        .join(", ");
      const [row] = await w.all<{n: number}>(
        `select (select count(*) from (select ${list} from snap_${m.name} except all select ${list} from ${m.name}))
              + (select count(*) from (select ${list} from ${m.name} except all select ${list} from snap_${m.name})) as n`,
      );
      if (row!.n > 0) differences[m.name] = row!.n;
      await w.run(`drop table snap_${m.name}`);
    }
    return differences;
  });
}

async function load(name: string, text: string, options: {replace?: boolean} = {}) {
  const path = join(tw.dir, name);
  writeFileSync(path, text);
  const [result] = await tw.load([path], options);
  expect(result!.status, result!.message).toBe("loaded");
}

beforeAll(async () => {
  tw = tempWarehouse();
  await load(
    "power_2021.csv",
    [POWER_HEADER, power("P1", "城西区", "2021-03-01 09:00", "2021-03-03 09:00")].join("\n"),
  );
  await load(
    "power_2022a.csv",
    [POWER_HEADER, power("P2", "城西区", "2022-03-07 09:00", "2022-03-08 09:00")].join("\n"),
  );
  for (const month of [1, 2]) {
    const path = join(tw.dir, `startup_2022-0${month}.csv`);
    await writeCaseFile(path, {rows: 300, firstRow: month * 1000, month: {year: 2022, month}});
    if (month === 1) await tw.load([path]);
  }
  const first = await score();
  expect(first.refreshed).toBe(0);
}, 120_000);
afterAll(() => tw.remove());

describe("incremental refresh", () => {
  it("refreshes a new month of one feed and a new file of another in place, equal to a full rebuild", async () => {
    await tw.load([join(tw.dir, "startup_2022-02.csv")]);
    await load(
      "power_2022b.csv",
      [POWER_HEADER, power("P3", "湟源县", "2022-04-11 09:00", "2022-04-13 09:00")].join("\n"),
    );
    const status = statusOf(await score());
    expect(status).toMatchObject({
      stg_startup_cases: "refreshed",
      stg_power_connection_cases: "refreshed",
      stg_credit_cases: "skipped",
      int_metric_observations: "refreshed",
      int_metric_levels: "refreshed",
      mart_metric_periods: "refreshed",
    });
    expect(await differencesFromFullRebuild()).toEqual({});
  });

  it("takes a replaced file's rows out and puts the new ones in, equal to a full rebuild", async () => {
    const path = join(tw.dir, "startup_2022-01.csv");
    await writeCaseFile(path, {rows: 250, firstRow: 5000, month: {year: 2022, month: 1}});
    const [result] = await tw.load([path], {replace: true});
    expect(result!.status, result!.message).toBe("loaded");
    const status = statusOf(await score());
    expect(status).toMatchObject({stg_startup_cases: "refreshed", mart_metric_periods: "refreshed"});
    expect(await differencesFromFullRebuild()).toEqual({});
  });

  it("rebuilds the levels whole when a baseline-year case arrives (it moves every month's reduction)", async () => {
    await load(
      "power_2021b.csv",
      [POWER_HEADER, power("P4", "城西区", "2021-05-10 09:00", "2021-05-17 09:00")].join("\n"),
    );
    const status = statusOf(await score());
    expect(status).toMatchObject({
      stg_power_connection_cases: "refreshed",
      int_metric_observations: "refreshed",
      int_metric_levels: "built",
      mart_metric_periods: "built",
    });
    expect(await differencesFromFullRebuild()).toEqual({});
  });

  it("moves a case reported again with a new state out of its earlier load's rows, equal to a full rebuild", async () => {
    const header = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
    const open = "R-1,城东区,2022-05-20 09:30,,online,2,0";
    await load("startup_2022-05-open.csv", [header, open].join("\n"));
    expect(statusOf(await score())).toMatchObject({stg_startup_cases: "refreshed"});
    await load(
      "startup_2022-06-done.csv",
      [header, "R-1,城东区,2022-05-20 09:30,2022-06-01 11:00,online,2,0"].join("\n"),
    );
    expect(statusOf(await score())).toMatchObject({stg_startup_cases: "refreshed", mart_metric_periods: "refreshed"});
    expect(await differencesFromFullRebuild()).toEqual({});
    // The open report comes back when the completion is replaced by a file without the case.
    await load("startup_2022-06-done.csv", [header, "R-2,城东区,2022-06-02 09:30,,online,2,0"].join("\n"), {
      replace: true,
    });
    expect(statusOf(await score())).toMatchObject({stg_startup_cases: "refreshed"});
    expect(await differencesFromFullRebuild()).toEqual({});
    const rows = await withWarehouse((w) =>
      w.all<{n: number; done: number}>(
        "select count(*) as n, count(completed_at) as done from stg_startup_cases where applied_at = timestamp '2022-05-20 09:30'",
      ),
    );
    expect(rows).toEqual([{n: 1, done: 0}]);
  });

  it("refreshes clause 42's month-end counts when a ledger case arrives or a replaced file closes one, equal to a full rebuild", async () => {
    // A stock: a case changes the count of every month end it is open past three years in, not the month of one
    // date, so the months refreshed must reach from three years after its acceptance to the as-of date.
    const header =
      "case_id,area,procedure,accepted_on,closed_on,estate_value_yuan,costs_yuan,recovery_rate_pct,long_pending_since";
    await load("insolvency_a.csv", [header, "(2018)青01破1号,西宁市,liquidation,2018-03-01,,1000000,,,"].join("\n"));
    expect(statusOf(await score())).toMatchObject({int_metric_observations: "refreshed"});
    expect(await differencesFromFullRebuild()).toEqual({});
    // a second case accepted earlier, and the first one closed by a later report of the ledger
    await load(
      "insolvency_b.csv",
      [header, "(2017)青01破2号,西宁市,liquidation,2017-06-01,2022-02-10,1000000,100000,30,"].join("\n"),
    );
    await load(
      "insolvency_a.csv",
      [header, "(2018)青01破1号,西宁市,liquidation,2018-03-01,2022-09-30,1000000,100000,30,"].join("\n"),
      {replace: true},
    );
    expect(statusOf(await score())).toMatchObject({int_metric_observations: "refreshed"});
    expect(await differencesFromFullRebuild()).toEqual({});
    const counts = await withWarehouse((w) =>
      w.all<{month: string; cases: number}>(
        `select strftime(observed_on, '%Y-%m') as month, value::integer as cases from int_metric_observations
         where metric_id = 'long_pending_insolvency_cases_count' and observed_on in
           (date '2020-06-30', date '2021-03-31', date '2022-01-31', date '2022-03-31', date '2022-09-30')
         order by observed_on`,
      ),
    );
    expect(counts).toEqual([
      {month: "2020-06", cases: 1},
      {month: "2021-03", cases: 2},
      {month: "2022-01", cases: 2},
      {month: "2022-03", cases: 1},
      {month: "2022-09", cases: 0},
    ]);
  });

  it("rebuilds what reads the as-of date when it changes, and skips everything when nothing did", async () => {
    const moved = statusOf(await score("2023-03-31"));
    expect(moved).toMatchObject({stg_startup_cases: "skipped", int_metric_observations: "built"});
    expect(await differencesFromFullRebuild("2023-03-31")).toEqual({});
    const again = await score("2023-03-31");
    expect(again.models.every((m) => m.status === "skipped")).toBe(true);
  });
});
