import {resolveAsOf} from "../asOf.ts";
import {assessmentsIndex} from "../assess/assessmentsIndex.ts";
import {listEditions} from "../assess/editionStore.ts";
import {recoverEditionFolders} from "../assess/stagedFiles.ts";
import {exportsPath} from "../config.ts";
import {faultPointFromEnv} from "../faultPoint.ts";
import {loadContracts} from "../ingest/loadContracts.ts";
import {calendarSource} from "../models/calendar/refreshCalendar.ts";
import {runModels, type RunModelsReport} from "../models/runModels.ts";
import {openWarehouse} from "../openWarehouse.ts";
import {readBenchmarks} from "../scoring/readBenchmarks.ts";
import {projectRoot} from "../version.ts";
import {collectExports} from "../export/collectExports.ts";
import type {ExportManifest} from "../export/exportsContract.ts";
import {writeExports} from "../export/writeExports.ts";

export interface ScoreOptions {
  /** Evaluate as of this date (default: the warehouse's as-of, else today). */
  asOf?: string;
  /** Rebuild every model even if its inputs did not change. */
  force?: boolean;
}

export interface ScoreDeps {
  /** `$BIZENV_DB`, `$BIZENV_EXPORTS`, `$BIZENV_FAULT` and the working directory the warehouse path is taken from. */
  io: {env: Record<string, string | undefined>; cwd: string};
  /** The clock: the exports' `generated_at`. */
  now: () => Date;
}

/** What a run did, for the command's output. */
export interface ScoreRun {
  run_id: number;
  as_of: string;
  /** The folder the exports were written to (`exportsPath`). */
  dir: string;
  models: RunModelsReport;
  manifest: ExportManifest;
  synthetic: boolean;
  seconds: number;
}

/** ISO time to the second, UTC: `2023-07-01T02:00:00Z`. */
const isoSecond = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * `bizenv score`: migrate, rebuild the marts whose inputs changed (pipeline/models/, in one transaction, data tests
 * beside each model), score them (pipeline/scoring/) and export what the dashboards read (docs/exports.md)
 * atomically to `exportsPath`. Every run is recorded in `score_runs`, failed ones with their message. A failing data
 * test throws (exit 7, naming the model, the test and sample rows); the previous marts and exports stay as they were.
 * It lives in export/ rather than scoring/ because it is IO from end to end (warehouse in, files out), while scoring/
 * stays pure.
 */
export async function runScore(options: ScoreOptions, deps: ScoreDeps): Promise<ScoreRun> {
  const {io} = deps;
  const started = performance.now();
  const fault = faultPointFromEnv(io.env); // the crash tests' seam; a misspelt BIZENV_FAULT stops here
  const {warehouse, catalog} = await openWarehouse({env: io.env, cwd: io.cwd});
  let runId: number | undefined;
  try {
    const asOf = await resolveAsOf(warehouse, options.asOf, io.env);
    const contracts = loadContracts(catalog);
    const benchmarks = readBenchmarks(catalog);
    const [run] = await warehouse.all<{run_id: number}>(
      "insert into score_runs (started_at, as_of, status) values (now(), $1::date, 'running') returning run_id",
      [asOf],
    );
    runId = run!.run_id;
    const models = await runModels(warehouse, {
      asOf,
      contracts,
      catalogSha256: catalog.sha256,
      runId,
      force: options.force === true,
    });
    const collected = await collectExports(warehouse, {catalog, contracts, benchmarks, asOf});
    const source = calendarSource();
    const dir = exportsPath(io.env);
    // The editions `assess --final` froze: the folder is replaced whole, so their list is written with it. An
    // edition committed by a --final killed before its folder was renamed into place is finished first, so the
    // list never names a folder that is not there.
    const editions = await listEditions(warehouse);
    recoverEditionFolders(editions);
    const generatedAt = isoSecond(deps.now());
    const manifest = writeExports(
      dir,
      {
        tables: collected.tables,
        indicators: collected.indicators,
        manifest: {
          generated_at: generatedAt,
          as_of: asOf,
          catalog_version: catalog.plan.catalog_version,
          catalog_sha256: catalog.sha256,
          calendar:
            `${source.citation}; office hours ${source.office_hours} (1 workday = ${source.minutes_per_workday} min)` +
            (collected.provisionalCalendar
              ? `; some durations reach years after ${source.last_official_year}, counted with their statutory ` +
                "holidays and days in lieu but no make-up days (provisional)"
              : ""),
          synthetic: collected.synthetic,
          loads: collected.loads,
        },
        ...(editions.length > 0 ? {assessments: assessmentsIndex(editions, projectRoot, generatedAt)} : {}),
      },
      {fault},
    );
    const seconds = (performance.now() - started) / 1000;
    await warehouse.run(
      `update score_runs set finished_at = now(), inputs_sha256 = $1, models_built = $2, models_skipped = $3,
         tests_run = $4, exports_dir = $5, status = 'ok' where run_id = $6`,
      [`${models.inputsSha256}:${benchmarks.sha256}`, models.built, models.skipped, models.testsRun, dir, runId],
    );
    return {run_id: runId, as_of: asOf, dir, models, manifest, synthetic: collected.synthetic, seconds};
  } catch (error) {
    if (runId !== undefined) {
      const message = error instanceof Error ? error.message : String(error);
      await warehouse
        .run("update score_runs set finished_at = now(), status = 'failed', message = $1 where run_id = $2", [
          message.slice(0, 4000),
          runId,
        ])
        .catch(() => {});
    }
    throw error;
  } finally {
    warehouse.close();
  }
}
