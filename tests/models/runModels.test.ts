import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {listModels, orderModels, parseTests, type Model} from "../../pipeline/models/listModels.ts";
import {ModelTestError} from "../../pipeline/models/ModelTestError.ts";
import {runModels} from "../../pipeline/models/runModels.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import {projectRoot} from "../../pipeline/version.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const FIXTURES = join(projectRoot, "tests", "fixtures", "feeds");

describe("listModels", () => {
  const models = listModels();

  it("finds staging, intermediate and mart models, one staging model per feed", () => {
    const staging = models.filter((m) => m.layer === "staging");
    expect(staging.map((m) => m.feeds)).toEqual(staging.map((m) => [m.name.replace(/^stg_/, "")]));
    expect(new Set(staging.flatMap((m) => m.feeds))).toEqual(new Set(contracts.map((c) => c.feed)));
    expect(models.some((m) => m.name === "mart_metric_periods")).toBe(true);
  });

  it("orders every model after the models it (or its tests) reads, and staging reads no other model", () => {
    const seen = new Set<string>();
    for (const m of models) {
      for (const d of m.depends) expect(seen.has(d), `${m.name} after ${d}`).toBe(true);
      seen.add(m.name);
    }
    expect(models.filter((m) => m.layer === "staging").every((m) => m.depends.length === 0)).toBe(true);
    expect(models.find((m) => m.name === "mart_distributions")!.depends).toContain("mart_metric_periods");
  });

  it("refuses a cycle and tests without a name or a select", () => {
    const m = (name: string, depends: string[]): Model => ({
      name,
      layer: "marts",
      sql: "select 1",
      tests: [],
      depends,
      feeds: [],
      readsContext: false,
    });
    expect(() => orderModels([m("a", ["b"]), m("b", ["a"])])).toThrow(/cycle: a → b → a/);
    expect(() => parseTests("select 1", "x.test.sql")).toThrow(/before the first/);
    expect(() => parseTests("-- test: empty\n-- nothing\n", "x.test.sql")).toThrow(/empty holds no select/);
    expect(parseTests("-- a comment\n-- test: one\nselect 1;\n-- test: two\nselect 2\n", "x")).toEqual([
      {name: "one", sql: "select 1"},
      {name: "two", sql: "select 2"},
    ]);
  });
});

describe("runModels on the fixture feeds", () => {
  let tw: TempWarehouse;
  beforeAll(async () => {
    tw = tempWarehouse();
    await tw.load(readdirSync(FIXTURES).map((f) => join(FIXTURES, f)));
  });
  afterAll(() => tw.remove());

  const run = async (asOf = "2023-06-30", extra: Partial<Parameters<typeof runModels>[1]> = {}) => {
    const {warehouse} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog});
    try {
      return await runModels(warehouse, {asOf, contracts, catalogSha256: catalog.sha256, ...extra});
    } finally {
      warehouse.close();
    }
  };

  it("builds every model in one go, its data tests passing, then skips what did not change", async () => {
    const first = await run();
    expect(first.skipped).toBe(0);
    expect(first.built).toBe(listModels().length);
    expect(first.testsRun).toBeGreaterThan(30);
    const again = await run();
    expect(again.built).toBe(0);
    expect(again.inputsSha256).toBe(first.inputsSha256);
    const [state] = await tw.query<{n: number}>("select count(*) as n from model_state");
    expect(state!.n).toBe(first.models.length);
  });

  it("a new load rebuilds its feed's staging model and what reads it, not the other feeds' staging", async () => {
    const file = join(tw.dir, "startup_more.csv");
    writeFileSync(
      file,
      "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan,synthetic\nSU-9001,城西区,2022-05-09 09:00,2022-05-10 11:00,online,2,0,true\n",
    );
    await tw.load([file]);
    const report = await run();
    // Made again, whole or (incremental models, tests/models/incremental.test.ts) only for the new load's months.
    const built = report.models.filter((m) => m.status !== "skipped").map((m) => m.name);
    expect(built).toContain("stg_startup_cases");
    expect(built).toContain("mart_metric_periods");
    expect(built).not.toContain("stg_power_connection_cases");
    expect(built.filter((m) => m.startsWith("stg_"))).toEqual(["stg_startup_cases"]);
    expect(report.models.find((m) => m.name === "stg_startup_cases")!.status).toBe("refreshed");
    const [row] = await tw.query<{w: number}>(
      "select startup_workdays as w from stg_startup_cases where applied_at = timestamp '2022-05-09 09:00'",
    );
    // 09:00 → next day 11:00: a full office day (450 min) + 2 h = 570 / 450 workdays.
    expect(row!.w).toBeCloseTo(570 / 450, 12);
  });

  it("a new as-of date rebuilds the models that read it and keeps rows known later out", async () => {
    const report = await run("2022-03-31");
    const built = new Set(report.models.filter((m) => m.status === "built").map((m) => m.name));
    expect(built.has("int_metric_observations")).toBe(true);
    expect([...built].some((m) => m.startsWith("stg_"))).toBe(false);
    const [late] = await tw.query<{n: number}>(
      "select count(*) as n from int_metric_observations where known_on > date '2022-03-31'",
    );
    expect(late!.n).toBe(0);
    await run();
  });
});

describe("a failing data test", () => {
  it("fails the build naming the model, the test and sample rows, and rolls everything back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bizenv-models-"));
    try {
      mkdirSync(join(dir, "staging"));
      writeFileSync(
        join(dir, "staging", "stg_probe.sql"),
        "with source as (select * from current_startup_cases) select area as area_id from source",
      );
      writeFileSync(
        join(dir, "staging", "stg_probe.test.sql"),
        "-- test: no_chengdong\nselect area_id from stg_probe where area_id = 'chengdong'\n-- test: passes\nselect 1 where false\n",
      );
      const tw = tempWarehouse();
      try {
        await tw.load([join(FIXTURES, "startup_cases.csv")]);
        const {warehouse: w} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog});
        try {
          const models = listModels(dir);
          const error = await runModels(w, {
            asOf: "2023-06-30",
            contracts,
            catalogSha256: catalog.sha256,
            models,
          }).catch((e) => e);
          expect(error).toBeInstanceOf(ModelTestError);
          expect(error.exitCode).toBe(7);
          expect(error.failures).toHaveLength(1);
          expect(error.failures[0]).toMatchObject({model: "stg_probe", test: "no_chengdong"});
          expect(error.failures[0].rows).toBeGreaterThan(0);
          expect(error.failures[0].sample[0]).toEqual({area_id: "chengdong"});
          expect(error.message).toMatch(
            /stg_probe › no_chengdong: \d+ offending rows?, e\.g\. \{"area_id":"chengdong"\}/,
          );
          const [tables] = await w.all<{n: number}>(
            "select count(*) as n from duckdb_tables() where table_name = 'stg_probe'",
          );
          expect(tables!.n).toBe(0);
          const [state] = await w.all<{n: number}>("select count(*) as n from model_state");
          expect(state!.n).toBe(0);
        } finally {
          w.close();
        }
      } finally {
        tw.remove();
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
