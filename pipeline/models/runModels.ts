import {createHash} from "node:crypto";
import type {Warehouse} from "../db.ts";
import type {Contract} from "../ingest/contractSchema.ts";
import {ensureFeedTable} from "../ingest/feedTable.ts";
import {calendarSource, refreshCalendar} from "./calendar/refreshCalendar.ts";
import {listModels, type Layer, type Model} from "./listModels.ts";
import {ModelBuildError, ModelTestError, type FailedTest} from "./ModelTestError.ts";

export interface RunModelsOptions {
  /** Evaluation date `YYYY-MM-DD`: rows known after it are left out of the marts. */
  asOf: string;
  /** Feed contracts: every feed gets its (possibly empty) table and view, so models always compile. */
  contracts: Contract[];
  /** sha256 of the plan catalog: a new catalog rebuilds every model. */
  catalogSha256: string;
  /** The models to run (default: every model under pipeline/models/). */
  models?: Model[];
  /** Rebuild every model even if its inputs did not change. */
  force?: boolean;
  runId?: number;
  /** Offending rows kept per failed test (default 5). */
  sampleRows?: number;
}

export interface ModelRun {
  name: string;
  layer: Layer;
  status: "built" | "skipped";
  rows: number;
  tests: number;
  seconds: number;
}

export interface RunModelsReport {
  models: ModelRun[];
  built: number;
  skipped: number;
  testsRun: number;
  /** sha256 over every model's fingerprint. */
  inputsSha256: string;
  calendarRefreshed: boolean;
}

/**
 * Build the SQL models in dependency order inside ONE transaction, running each rebuilt model's data tests right
 * after it. A model is skipped when its fingerprint (its SQL and tests, the loads in force of the feeds it reads,
 * the calendar, the catalog, the as-of date when it reads `score_context`, and its upstream models' fingerprints)
 * equals the one it was last built with: a new load of one feed rebuilds that feed's staging model and what reads
 * it, not the other feeds' staging. If any test returns rows, everything is rolled back and a `ModelTestError`
 * names each failing model and test with a sample of its rows.
 */
export async function runModels(warehouse: Warehouse, options: RunModelsOptions): Promise<RunModelsReport> {
  const models = options.models ?? listModels();
  const sampleRows = options.sampleRows ?? 5;
  for (const contract of options.contracts) await ensureFeedTable(warehouse, contract);
  return warehouse.transaction(async () => {
    const calendarRefreshed = await refreshCalendar(warehouse);
    const calendar = calendarSource().fingerprint;
    await warehouse.run("delete from score_context");
    await warehouse.run("insert into score_context values ($1::date, date_trunc('month', $1::date)::date)", [
      options.asOf,
    ]);
    const feedState = new Map(
      (
        await warehouse.all<{feed: string; loads: string}>(
          `select feed, string_agg(load_id::varchar, ',' order by load_id) as loads
           from load_log where status = 'loaded' and feed is not null group by feed`,
        )
      ).map((r) => [r.feed, r.loads]),
    );
    const previous = new Map(
      (await warehouse.all<{model: string; fingerprint: string}>("select model, fingerprint from model_state")).map(
        (r) => [r.model, r.fingerprint],
      ),
    );
    const tables = new Set(
      (await warehouse.all<{table_name: string}>("select table_name from duckdb_tables()")).map((t) => t.table_name),
    );

    const fingerprints = new Map<string, string>();
    const runs: ModelRun[] = [];
    const failures: FailedTest[] = [];
    let testsRun = 0;
    for (const model of models) {
      const fingerprint = sha256(
        JSON.stringify({
          sql: model.sql,
          tests: model.tests,
          feeds: model.feeds.map((f) => [f, feedState.get(f) ?? ""]),
          asOf: model.readsContext ? options.asOf : null,
          calendar,
          catalog: options.catalogSha256,
          upstream: model.depends.map((d) => fingerprints.get(d) ?? ""),
        }),
      );
      fingerprints.set(model.name, fingerprint);
      const started = performance.now();
      if (!options.force && previous.get(model.name) === fingerprint && tables.has(model.name)) {
        const [row] = await warehouse.all<{n: number}>(`select count(*) as n from ${model.name}`);
        runs.push({name: model.name, layer: model.layer, status: "skipped", rows: row?.n ?? 0, tests: 0, seconds: 0});
        continue;
      }
      try {
        await warehouse.run(`create or replace table ${model.name} as\n${model.sql.trim().replace(/;\s*$/, "")}`);
      } catch (error) {
        throw new ModelBuildError(model.name, error);
      }
      const [count] = await warehouse.all<{n: number}>(`select count(*) as n from ${model.name}`);
      const rows = count?.n ?? 0;
      for (const test of model.tests) {
        testsRun++;
        let offending: Array<Record<string, unknown>>;
        let total: number;
        try {
          offending = await warehouse.all(`select * from (${test.sql}) limit ${sampleRows}`);
          total =
            offending.length < sampleRows
              ? offending.length
              : ((await warehouse.all<{n: number}>(`select count(*) as n from (${test.sql})`))[0]?.n ?? 0);
        } catch (error) {
          throw new ModelBuildError(`${model.name} (test ${test.name})`, error);
        }
        if (total > 0) failures.push({model: model.name, test: test.name, rows: total, sample: offending});
      }
      await warehouse.run(`insert or replace into model_state values ($1, $2, $3, $4, now(), $5)`, [
        model.name,
        model.layer,
        fingerprint,
        rows,
        options.runId ?? null,
      ]);
      runs.push({
        name: model.name,
        layer: model.layer,
        status: "built",
        rows,
        tests: model.tests.length,
        seconds: (performance.now() - started) / 1000,
      });
    }
    if (failures.length > 0) throw new ModelTestError(failures);
    return {
      models: runs,
      built: runs.filter((r) => r.status === "built").length,
      skipped: runs.filter((r) => r.status === "skipped").length,
      testsRun,
      inputsSha256: sha256([...fingerprints.values()].join("\n")),
      calendarRefreshed,
    };
  });
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
