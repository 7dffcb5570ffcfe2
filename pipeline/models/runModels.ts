import {createHash} from "node:crypto";
import type {Warehouse} from "../db.ts";
import type {Contract} from "../ingest/contractSchema.ts";
import {currentView, ensureFeedTable} from "../ingest/feedTable.ts";
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

interface ModelRun {
  name: string;
  layer: Layer;
  /** built: made whole; refreshed: only the loads, months or periods new data touched; skipped: unchanged. */
  status: "built" | "refreshed" | "skipped";
  rows: number;
  tests: number;
  seconds: number;
}

export interface RunModelsReport {
  models: ModelRun[];
  built: number;
  refreshed: number;
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
    await setScoreContext(warehouse, options.asOf);
    const {feedLoads, previous, tables} = await readWarehouseState(warehouse);

    // A by-load model of a feed whose reports update a case: the view its rows are refreshed against.
    const reportedFeeds = new Map(options.contracts.filter((c) => c.report_order).map((c) => [c.feed, c]));
    const reported = (model: Model) => {
      const contract = model.feeds.length === 1 ? reportedFeeds.get(model.feeds[0]!) : undefined;
      return contract ? currentView(contract) : null;
    };
    const fingerprints = new Map<string, string>();
    const statuses = new Map<string, ModelRun["status"]>();
    const refresh = new IncrementalRefresh(warehouse);
    const runs: ModelRun[] = [];
    const failures: FailedTest[] = [];
    let testsRun = 0;
    for (const model of models) {
      const {base, fingerprint} = fingerprintModel(
        model,
        {...options, calendar, reportOrder: model.feeds.map((f) => reportedFeeds.get(f)?.report_order ?? null)},
        feedLoads,
        fingerprints,
      );
      fingerprints.set(model.name, fingerprint);
      // The loads a by-load model is made from (its one feed's), kept so the next run knows which came and went.
      const loads = model.incremental?.by === "load" ? (feedLoads.get(model.feeds[0] ?? "") ?? "") : null;
      const started = performance.now();
      const before = previous.get(model.name);
      if (!options.force && before?.fingerprint === fingerprint && tables.has(model.name)) {
        const rows = await countRows(warehouse, model.name);
        runs.push({name: model.name, layer: model.layer, status: "skipped", rows, tests: 0, seconds: 0});
        statuses.set(model.name, "skipped");
        if (model.incremental?.by === "load") refresh.rememberTable(model);
        continue;
      }
      // Refreshed in place when only data changed: the model's base is the same, its table is there, and every
      // model upstream was skipped or refreshed (a rebuilt upstream may have changed anything).
      const refreshable =
        !options.force &&
        model.incremental !== undefined &&
        tables.has(model.name) &&
        before?.base_fingerprint === base &&
        model.depends.every((d) => statuses.get(d) !== "built") &&
        (model.incremental.by !== "load" || (model.feeds.length === 1 && before.loads !== null));
      const status = await buildModel(
        warehouse,
        model,
        refreshable
          ? {refresh, previousLoads: before?.loads ?? "", loads: loads ?? "", reported: reported(model)}
          : null,
      );
      if (model.incremental?.by === "load") refresh.rememberTable(model);
      statuses.set(model.name, status);
      const rows = await countRows(warehouse, model.name);
      testsRun += model.tests.length;
      failures.push(...(await testModel(warehouse, model, sampleRows)));
      await warehouse.run(
        `insert or replace into model_state (model, layer, fingerprint, row_count, built_at, run_id, base_fingerprint, loads)
         values ($1, $2, $3, $4, now(), $5, $6, $7)`,
        [model.name, model.layer, fingerprint, rows, options.runId ?? null, base, loads],
      );
      runs.push({
        name: model.name,
        layer: model.layer,
        status,
        rows,
        tests: model.tests.length,
        seconds: (performance.now() - started) / 1000,
      });
    }
    await refresh.cleanUp();
    if (failures.length > 0) throw new ModelTestError(failures);
    return {
      models: runs,
      built: runs.filter((r) => r.status === "built").length,
      refreshed: runs.filter((r) => r.status === "refreshed").length,
      skipped: runs.filter((r) => r.status === "skipped").length,
      testsRun,
      inputsSha256: sha256([...fingerprints.values()].join("\n")),
      calendarRefreshed,
    };
  });
}

/** The evaluation date the models read from `score_context` (one row: the date and its month). */
async function setScoreContext(warehouse: Warehouse, asOf: string): Promise<void> {
  await warehouse.run("delete from score_context");
  await warehouse.run("insert into score_context values ($1::date, date_trunc('month', $1::date)::date)", [asOf]);
}

/**
 * What the warehouse holds before the run: each feed's loads in force (`feedLoads`, load ids joined by commas), each
 * model's state from its last build (`previous`), and the tables there are.
 */
async function readWarehouseState(warehouse: Warehouse) {
  const feedLoads = new Map(
    (
      await warehouse.all<{feed: string; loads: string}>(
        `select feed, string_agg(load_id::varchar, ',' order by load_id) as loads
           from load_log where status = 'loaded' and feed is not null group by feed`,
      )
    ).map((r) => [r.feed, r.loads]),
  );
  const previous = new Map(
    (
      await warehouse.all<{
        model: string;
        fingerprint: string;
        base_fingerprint: string | null;
        loads: string | null;
      }>("select model, fingerprint, base_fingerprint, loads from model_state")
    ).map((r) => [r.model, r]),
  );
  const tables = new Set(
    (await warehouse.all<{table_name: string}>("select table_name from duckdb_tables()")).map((t) => t.table_name),
  );
  return {feedLoads, previous, tables};
}

/**
 * A model's two fingerprints. `base` is everything it is made from except upstream data: its SQL and tests, the
 * as-of date when it reads `score_context`, the calendar, the catalog and its feeds' report order. `fingerprint` adds the loads in force of
 * the feeds it reads and the fingerprints of the models it reads (`fingerprints`, filled in dependency order).
 */
function fingerprintModel(
  model: Model,
  inputs: {asOf: string; calendar: string; catalogSha256: string; reportOrder: Array<string[] | null>},
  feedLoads: Map<string, string>,
  fingerprints: Map<string, string>,
): {base: string; fingerprint: string} {
  const base = sha256(
    JSON.stringify({
      sql: model.sql,
      tests: model.tests,
      asOf: model.readsContext ? inputs.asOf : null,
      calendar: inputs.calendar,
      catalog: inputs.catalogSha256,
      // Which report of a case is in force follows its feed's report order: a new order rebuilds the model.
      reportOrder: inputs.reportOrder,
    }),
  );
  const fingerprint = sha256(
    JSON.stringify({
      base,
      feeds: model.feeds.map((f) => [f, feedLoads.get(f) ?? ""]),
      upstream: model.depends.map((d) => fingerprints.get(d) ?? ""),
    }),
  );
  return {base, fingerprint};
}

/**
 * Makes a model's table: refreshed in place (`incremental`, when the caller found it refreshable) unless the refresh
 * finds it must rebuild, else rebuilt whole. A failing statement becomes a `ModelBuildError` naming the model.
 */
async function buildModel(
  warehouse: Warehouse,
  model: Model,
  incremental: {refresh: IncrementalRefresh; previousLoads: string; loads: string; reported: string | null} | null,
): Promise<"built" | "refreshed"> {
  try {
    if (incremental && (await incremental.refresh.apply(model, incremental))) return "refreshed";
    await warehouse.run(`create or replace table ${model.name} as\n${modelSelect(model)}`);
    return "built";
  } catch (error) {
    throw new ModelBuildError(model.name, error);
  }
}

async function countRows(warehouse: Warehouse, table: string): Promise<number> {
  const [count] = await warehouse.all<{n: number}>(`select count(*) as n from ${table}`);
  return count?.n ?? 0;
}

/**
 * Runs a model's data tests (each a select of the rows that break it): the failed ones, each with its number of
 * offending rows and the first `sampleRows` of them (counted in full only when the sample is full).
 */
async function testModel(warehouse: Warehouse, model: Model, sampleRows: number): Promise<FailedTest[]> {
  const failures: FailedTest[] = [];
  for (const test of model.tests) {
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
  return failures;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A model's select, as the body of `create table … as` or a subquery. */
function modelSelect(model: Model): string {
  return model.sql.trim().replace(/;\s*$/, "");
}

const dateList = (months: string[]) => months.map((m) => `date '${m}'`).join(", ");

/**
 * The incremental refresh of one scoring run (see `Incremental` in listModels.ts). Models refreshed by load keep,
 * in temp tables `delta_<model>`, the rows that left and the rows that came; the months those rows are observed in
 * (`dirty_months`) are found by running the first month-placed model over the deltas alone (its by-load upstream
 * models shadowed by temp views of their deltas), and drive every month- and period-keyed model after it. All of it
 * runs inside the runner's transaction, so a failed or killed refresh leaves the previous tables.
 */
class IncrementalRefresh {
  /** By-load models and whether their delta tables hold this run's changed rows (false: unchanged, empty delta). */
  private readonly loadModels = new Map<string, boolean>();
  private months: string[] | undefined;

  constructor(private readonly warehouse: Warehouse) {}

  /** Refresh `model` in place; false when it must be rebuilt whole instead (its full-rebuild condition holds). */
  async apply(model: Model, state: {previousLoads: string; loads: string; reported: string | null}): Promise<boolean> {
    const w = this.warehouse;
    const name = model.name;
    if (model.incremental!.by === "load") {
      const before = new Set(state.previousLoads.split(",").filter(Boolean).map(Number));
      const now = new Set(state.loads.split(",").filter(Boolean).map(Number));
      const gone = [...before].filter((id) => !now.has(id));
      const added = [...now].filter((id) => !before.has(id));
      const list = (ids: number[]) => (ids.length ? ids.join(", ") : "null");
      if (state.reported) {
        await this.applyReported(model, state.reported);
        return true;
      }
      await w.run(
        `create or replace temp table delta_${name} as select * from ${name} where load_id in (${list(gone)})`,
      );
      if (gone.length) await w.run(`delete from ${name} where load_id in (${list(gone)})`);
      if (added.length) {
        await w.run(`insert into ${name} select * from (${modelSelect(model)}
) where load_id in (${list(added)})`);
        await w.run(`insert into delta_${name} select * from ${name} where load_id in (${list(added)})`);
      }
      this.loadModels.set(name, true);
      return true;
    }
    const months = await this.dirtyMonths(model);
    await w.run(
      "create or replace temp table dirty_months as select unnest([" + dateList(months) + "]::date[]) as month",
    );
    if (model.incremental!.fullRebuildIf) {
      const [row] = await w.all<{full: boolean}>(
        `select coalesce((${model.incremental!.fullRebuildIf}), false) as full`,
      );
      if (row?.full) return false;
    }
    if (months.length === 0) return true;
    const where =
      model.incremental!.by === "month"
        ? `date_trunc('month', observed_on)::date in (${dateList(months)})`
        : periodPredicate(months);
    await w.run(`delete from ${name} where ${where}`);
    await w.run(`insert into ${name} select * from (${modelSelect(model)}
) where ${where}`);
    return true;
  }

  /**
   * The by-load refresh of a model of a feed whose reports update a case (`report_order`): a new load can push an
   * older load's report of the same case out of `current_<feed>` (and a replaced load bring one back), so the rows
   * that left and came are found by row (load, line) against the view, not by load alone.
   */
  private async applyReported(model: Model, view: string): Promise<void> {
    const w = this.warehouse;
    const name = model.name;
    const sameRow = (a: string, b: string) => `${a}.load_id = ${b}._load_id and ${a}.source_line = ${b}._line`;
    await w.run(`create or replace temp table delta_${name} as
      select m.* from ${name} m anti join (select _load_id, _line from ${view}) c on ${sameRow("m", "c")}`);
    await w.run(
      `delete from ${name} m using delta_${name} d where m.load_id = d.load_id and m.source_line = d.source_line`,
    );
    await w.run(`create or replace temp table arriving as
      select c._load_id, c._line from (select _load_id, _line from ${view}) c anti join ${name} m on ${sameRow("m", "c")}`);
    // The load filter is one the model's select can take down to its source; the pair filter then picks the rows.
    await w.run(`insert into ${name} select m.* from (select * from (${modelSelect(model)}
) where load_id in (select distinct _load_id from arriving)) m semi join arriving a on ${sameRow("m", "a")}`);
    await w.run(`insert into delta_${name} select m.* from ${name} m semi join arriving a on ${sameRow("m", "a")}`);
    await w.run("drop table arriving");
    this.loadModels.set(name, true);
  }

  /**
   * Note a by-load model that was skipped or built: it has no delta (unchanged, or rebuilt whole so that everything
   * below is rebuilt too), and is shadowed by an empty one when dirty months are found.
   */
  rememberTable(model: Model): void {
    if (!this.loadModels.has(model.name)) this.loadModels.set(model.name, false);
  }

  /**
   * The months (first days, `YYYY-MM-DD`) of `observed_on` among the rows a month-placed model makes from the
   * changed upstream rows: its SQL run with each by-load model it reads replaced by that model's delta.
   */
  private async dirtyMonths(model: Model): Promise<string[]> {
    if (this.months !== undefined) return this.months;
    const w = this.warehouse;
    const shadowed: string[] = [];
    try {
      for (const upstream of model.depends) {
        if (!this.loadModels.has(upstream)) continue;
        if (!this.loadModels.get(upstream))
          await w.run(`create or replace temp table delta_${upstream} as select * from ${upstream} where false`);
        await w.run(`create temp view ${upstream} as select * from delta_${upstream}`);
        shadowed.push(upstream);
      }
      const rows = await w.all<{month: string}>(
        `select distinct strftime(date_trunc('month', observed_on), '%Y-%m-%d') as month
         from (${modelSelect(model)}
) where observed_on is not null order by 1`,
      );
      this.months = rows.map((r) => r.month);
      return this.months;
    } finally {
      for (const upstream of shadowed) await w.run(`drop view temp.${upstream}`);
    }
  }

  async cleanUp(): Promise<void> {
    for (const name of this.loadModels.keys()) await this.warehouse.run(`drop table if exists temp.delta_${name}`);
    await this.warehouse.run("drop table if exists temp.dirty_months");
  }
}

/** Rows of the periods (month, quarter, year) that contain any of `months`. */
function periodPredicate(months: string[]): string {
  const distinct = (f: (m: string) => string) => [...new Set(months.map(f))];
  const quarters = distinct(
    (m) => `${m.slice(0, 5)}${String(Math.floor((Number(m.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`,
  );
  const years = distinct((m) => `${m.slice(0, 4)}-01-01`);
  return `((period_type = 'month' and period_start in (${dateList(months)}))
    or (period_type = 'quarter' and period_start in (${dateList(quarters)}))
    or (period_type = 'year' and period_start in (${dateList(years)})))`;
}
