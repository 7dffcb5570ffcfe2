import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative, resolve} from "node:path";
import {Command} from "commander";
import {warehousePath} from "../../config.ts";
import {DEFAULT_AS_OF, DEFAULT_SEED, DEMO_FIRST_MONTH, generateDemo, isDemoFolder} from "../../demo/generateDemo.ts";
import type {DemoManifest} from "../../demo/manifest.ts";
import {RefusedFilesError, UsageError} from "../../errors.ts";
import {chinaWallClock} from "../../calendar/chinaWallClock.ts";
import type {LoadResult} from "../../ingest/loadFile.ts";
import {loadPaths} from "../../ingest/loadFiles.ts";
import {parseLocalTimestamp} from "../../calendar/localTime.ts";
import {colors, printJson, type Io} from "../io.ts";

interface DemoCommandOptions {
  out?: string;
  scale: string;
  seed: string;
  asOf: string;
  json?: boolean;
}

/**
 * `bizenv demo [--out DIR] [--scale N] [--seed S] [--as-of DATE] [--json]`: SYNTHETIC feed files for Xining from
 * 2021-01 to the as-of date, one set per feed contract (`pipeline/demo/`). With `--out` the files are only written
 * (plus README.txt and manifest.json); without it they are written to a temporary folder, loaded into the warehouse
 * with the loader (`loadPaths`), and the folder is removed.
 * `--json` prints `{out, files: [{file, feed, rows, bad_rows}], seed, scale, as_of}`; without `--out`, `out` is null,
 * each file also has `status`, `rows_loaded`, `rows_rejected`, and `warehouse` names the warehouse loaded.
 */
export function demoCommand(io: Io): Command {
  return new Command("demo")
    .description("generate SYNTHETIC demo feeds for Xining (2021-01 to the as-of date) and load them, or write them")
    .option("--out <dir>", "only write the files (and README.txt, manifest.json) into this folder; do not load")
    .option(
      "--scale <n>",
      "multiply case volumes: 1 = a city of 2.5 million, 0.02 for a quick look, 30 to benchmark",
      "1",
    )
    .option(
      "--seed <s>",
      "seed of the generator: a whole number; the same seed gives the same bytes",
      String(DEFAULT_SEED),
    )
    .option("--as-of <date>", "last day of the data (YYYY-MM-DD)", DEFAULT_AS_OF)
    .option("--json", "print the files written (and loaded) as JSON")
    .addHelpText(
      "after",
      "\nEvery file and row is marked synthetic (column `synthetic` / 模拟数据 = true). About 1 % of rows are" +
        "\ndeliberately bad, one broken rule each, counted by rule in manifest.json. A few files imitate what offices" +
        "\nsend: GBK with CRLF, a UTF-8 BOM, tabs, Chinese headers and values, XLSX with a title row (see README.txt).",
    )
    .action(async (options: DemoCommandOptions) => {
      const settings = parseSettings(options);
      if (options.out !== undefined) {
        const out = resolve(io.cwd, options.out);
        if (!isDemoFolder(out)) {
          throw new UsageError(
            `--out ${options.out} is a folder with other files in it; the demo writes only into an empty folder or an earlier demo's`,
            "name a new folder",
          );
        }
        const manifest = await generateDemo({...settings, out, onFile: progress(io, options)});
        clearProgress(io, options);
        if (options.json) printJson(io, summaryJson(manifest, out));
        else printWritten(io, manifest, out);
        return;
      }
      if (settings.asOf > chinaWallClock(new Date()).slice(0, 10)) {
        throw new UsageError(
          `--as-of ${settings.asOf} is in the future; the loader rejects dates after today`,
          "give a past date, or write the files with --out",
        );
      }
      const tmp = mkdtempSync(join(tmpdir(), "bizenv-demo-load-"));
      try {
        const manifest = await generateDemo({...settings, out: tmp, onFile: progress(io, options)});
        const paths = manifest.files.map((f) => join(tmp, f.file)).sort();
        const showProgress = io.isTTY && !options.json;
        const results = await loadPaths(paths, {
          env: io.env,
          cwd: io.cwd,
          ...(showProgress
            ? {progress: (e) => io.stderr(`\r\x1b[K[${e.index + 1}/${e.total}] loading: ${e.phase}…`)}
            : {}),
        });
        clearProgress(io, options);
        const byFile = new Map(results.map((r) => [relative(tmp, resolve(io.cwd, r.file)).split("\\").join("/"), r]));
        const warehouse = warehousePath(io.env, io.cwd);
        if (options.json) printJson(io, {...summaryJson(manifest, null, byFile), warehouse});
        else printLoaded(io, manifest, results, warehouse);
        const refused = results.filter((r) => r.status === "refused");
        if (refused.length > 0) {
          throw new RefusedFilesError(
            `${refused.length} demo file${refused.length === 1 ? " was" : "s were"} refused by the loader: ${refused
              .map((r) => r.message)
              .join("; ")}`,
            options.json === true,
          );
        }
      } finally {
        rmSync(tmp, {recursive: true, force: true});
      }
    });
}

function parseSettings(options: DemoCommandOptions): {seed: number; scale: number; asOf: string} {
  const scale = Number(options.scale);
  if (!/^\d+(\.\d+)?$/.test(options.scale.trim()) || !(scale > 0 && scale <= 100)) {
    throw new UsageError(`--scale must be a number above 0 and at most 100, found "${options.scale}"`);
  }
  const seed = Number(options.seed);
  if (!/^\d+$/.test(options.seed.trim()) || !Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed must be a whole number ≥ 0, found "${options.seed}"`);
  }
  const asOf = options.asOf.trim();
  try {
    const parsed = parseLocalTimestamp(asOf);
    if (parsed.minute !== null) throw new RangeError("give a date without a time");
  } catch (error) {
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, found "${options.asOf}" (${(error as Error).message})`);
  }
  if (asOf < `${DEMO_FIRST_MONTH}-01`) {
    throw new UsageError(
      `--as-of must be ${DEMO_FIRST_MONTH}-01 or later: the demo starts with the 2021 baseline year`,
    );
  }
  return {seed, scale, asOf};
}

function progress(io: Io, options: DemoCommandOptions) {
  if (!io.isTTY || options.json) return undefined;
  return (file: {file: string}, index: number) => io.stderr(`\r\x1b[K[${index + 1}] writing ${file.file}`);
}

function clearProgress(io: Io, options: DemoCommandOptions): void {
  if (io.isTTY && !options.json) io.stderr("\r\x1b[K");
}

function summaryJson(manifest: DemoManifest, out: string | null, loads?: Map<string, LoadResult>) {
  return {
    out,
    files: manifest.files.map((f) => {
      const base = {file: f.file, feed: f.feed, rows: f.rows, bad_rows: f.bad_rows};
      const load = loads?.get(f.file);
      if (!loads) return base;
      return {
        ...base,
        status: load?.status ?? "not_loaded",
        rows_loaded: load?.rows_loaded ?? 0,
        rows_rejected: load?.rows_rejected ?? 0,
      };
    }),
    seed: manifest.generator.seed,
    scale: manifest.generator.scale,
    as_of: manifest.generator.as_of,
  };
}

function printWritten(io: Io, m: DemoManifest, out: string): void {
  const c = colors(io);
  const g = m.generator;
  const lines = [
    `${c.magenta("SYNTHETIC")} demo feeds written to ${out} ` +
      c.dim(`(seed ${g.seed}, scale ${g.scale}, ${g.first_month} to ${g.as_of})`),
    ...m.feeds.map(
      (f) =>
        `  ${f.feed.padEnd(28)} ${String(f.files).padStart(3)} files ${f.rows.toLocaleString("en").padStart(10)} rows ` +
        c.dim(`${f.bad_rows.toLocaleString("en").padStart(6)} bad`),
    ),
    `${m.totals.files} files · ${m.totals.rows.toLocaleString("en")} rows (${m.totals.bad_rows.toLocaleString("en")} ` +
      `deliberately bad) · ${(m.totals.bytes / 1e6).toFixed(1)} MB · described in README.txt and manifest.json`,
    c.dim(`load them with: bizenv load ${out}`),
  ];
  io.stdout(lines.join("\n") + "\n");
}

function printLoaded(io: Io, m: DemoManifest, results: LoadResult[], warehouse: string): void {
  const c = colors(io);
  const g = m.generator;
  const count = (s: LoadResult["status"]) => results.filter((r) => r.status === s).length;
  const total = (k: "rows_read" | "rows_loaded" | "rows_rejected") => results.reduce((a, r) => a + r[k], 0);
  const lines = [
    `${c.magenta("SYNTHETIC")} demo feeds generated ` +
      c.dim(`(seed ${g.seed}, scale ${g.scale}, ${g.first_month} to ${g.as_of})`) +
      ` and loaded into ${warehouse}`,
    `  ${results.length} files: ${count("loaded")} loaded, ${count("skipped")} skipped (already loaded), ${count("refused")} refused`,
    `  ${total("rows_read").toLocaleString("en")} rows read = ${total("rows_loaded").toLocaleString("en")} loaded + ` +
      `${total("rows_rejected").toLocaleString("en")} rejected (${m.totals.bad_rows.toLocaleString("en")} planted as bad)`,
  ];
  if (count("skipped") === 0 && total("rows_rejected") !== m.totals.bad_rows) {
    lines.push(
      c.yellow(
        "  the warehouse rejected a different number of rows than were planted: it already held rows with the same keys",
      ),
    );
  }
  for (const r of results.filter((x) => x.status === "refused")) lines.push(`  ${c.red("refused")} ${r.message}`);
  io.stdout(lines.join("\n") + "\n");
}
