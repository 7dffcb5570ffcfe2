import {isAbsolute, join, resolve} from "node:path";
import {Command} from "commander";
import {resolveAsOf} from "../../asOf.ts";
import {loadContracts} from "../../ingest/loadContracts.ts";
import {collectExports} from "../../export/collectExports.ts";
import {writeExports} from "../../export/writeExports.ts";
import {faultPointFromEnv} from "../../faultPoint.ts";
import {assessmentsIndex} from "../../assess/assessmentsIndex.ts";
import {listEditions} from "../../assess/editionStore.ts";
import {recoverEditionFolders} from "../../assess/stagedFiles.ts";
import {calendarSource} from "../../models/calendar/refreshCalendar.ts";
import {runModels} from "../../models/runModels.ts";
import {openWarehouse} from "../../openWarehouse.ts";
import {readBenchmarks} from "../../scoring/readBenchmarks.ts";
import {projectRoot} from "../../version.ts";
import {colors, printJson, type Io} from "../io.ts";

/** Where `bizenv score` exports: `$BIZENV_EXPORTS` (relative to the working directory) or `data/exports/`. */
export function exportsPath(env: Record<string, string | undefined>, cwd: string): string {
  const given = env.BIZENV_EXPORTS?.trim();
  if (given) return isAbsolute(given) ? given : resolve(cwd, given);
  return join(projectRoot, "data", "exports");
}

/**
 * `bizenv score [--as-of DATE] [--force] [--json]`: migrate, rebuild the marts whose inputs changed (pipeline/models/,
 * in one transaction, data tests beside each model), score them (pipeline/scoring/) and export what the dashboards
 * read (docs/exports.md) atomically. Every run is recorded in `score_runs`. A failing data test exits 7 and names
 * the model, the test and sample rows; the previous marts and exports stay as they were.
 */
export function scoreCommand(io: Io): Command {
  return new Command("score")
    .description(
      "rebuild the marts, score targets, forecasts, tiers, tasks and units, and export them for the dashboards",
    )
    .option("--as-of <date>", "evaluate as of this date (default: the warehouse's as-of, else today)")
    .option("--force", "rebuild every model even if its inputs did not change")
    .option("--json", "print a summary as JSON: models run, rows per export, seconds")
    .action(async (options: {asOf?: string; force?: boolean; json?: boolean}) => {
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
        const dir = exportsPath(io.env, io.cwd);
        // The editions `assess --final` froze: the folder is replaced whole, so their list is written with it. An
        // edition committed by a --final killed before its folder was renamed into place is finished first, so the
        // list never names a folder that is not there.
        const editions = await listEditions(warehouse);
        recoverEditionFolders(editions);
        const generatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
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
                    "holidays but no make-up days (provisional)"
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
        const rows = Object.fromEntries(
          manifest.files.filter((f) => !f.name.startsWith("explore/")).map((f) => [f.name, f.rows]),
        );
        if (options.json) {
          printJson(io, {
            run_id: runId,
            as_of: asOf,
            exports: dir,
            models: {
              built: models.built,
              refreshed: models.refreshed,
              skipped: models.skipped,
              tests: models.testsRun,
              run: models.models.filter((m) => m.status === "built").map((m) => m.name),
              refreshed_models: models.models.filter((m) => m.status === "refreshed").map((m) => m.name),
            },
            rows,
            synthetic: collected.synthetic,
            seconds: Math.round(seconds * 100) / 100,
          });
          return;
        }
        const c = colors(io);
        io.stdout(
          `${c.bold("scored")} as of ${asOf}${collected.synthetic ? c.magenta(" SYNTHETIC") : ""}: ` +
            `${models.built} models built, ${models.refreshed} refreshed for new loads, ${models.skipped} unchanged, ` +
            `${models.testsRun} data tests passed\n`,
        );
        for (const [name, n] of Object.entries(rows)) io.stdout(`  ${name.padEnd(22)} ${String(n).padStart(8)} rows\n`);
        io.stdout(c.dim(`exported to ${dir} in ${seconds.toFixed(1)} s\n`));
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
    });
}
