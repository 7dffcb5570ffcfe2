import {Command} from "commander";
import {colors, printJson, type Io} from "../io.ts";

/**
 * `bizenv score [--as-of DATE] [--force] [--json]`: the arguments and the printing around `runScore`
 * (pipeline/score/runScore.ts), which rebuilds the marts, scores them and exports what the dashboards read.
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
      const {runScore} = await import("../../score/runScore.ts");
      const run = await runScore(
        {...(options.asOf !== undefined ? {asOf: options.asOf} : {}), force: options.force === true},
        {io, now: () => new Date()},
      );
      const {models, manifest, dir, seconds} = run;
      const rows = Object.fromEntries(
        manifest.files.filter((f) => !f.name.startsWith("explore/")).map((f) => [f.name, f.rows]),
      );
      if (options.json) {
        printJson(io, {
          run_id: run.run_id,
          as_of: run.as_of,
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
          synthetic: run.synthetic,
          seconds: Math.round(seconds * 100) / 100,
        });
        return;
      }
      const c = colors(io);
      io.stdout(
        `${c.bold("scored")} as of ${run.as_of}${run.synthetic ? c.magenta(" SYNTHETIC") : ""}: ` +
          `${models.built} models built, ${models.refreshed} refreshed for new loads, ${models.skipped} unchanged, ` +
          `${models.testsRun} data tests passed\n`,
      );
      for (const [name, n] of Object.entries(rows)) io.stdout(`  ${name.padEnd(22)} ${String(n).padStart(8)} rows\n`);
      io.stdout(c.dim(`exported to ${dir} in ${seconds.toFixed(1)} s\n`));
    });
}
