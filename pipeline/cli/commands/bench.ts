import {existsSync} from "node:fs";
import {isAbsolute, join, resolve} from "node:path";
import {Command} from "commander";
import type {PageBytes} from "../../bench/pageBytes.ts";
import type {BenchReport} from "../../bench/runBench.ts";
import {exportsPath, memoryLimit} from "../../config.ts";
import {MissingDataError, UsageError} from "../../errors.ts";
import {colors, printJson, type Io} from "../io.ts";

/** The overview's goal: what it downloads stays under this (and the same at 1 M and 10 M rows). */
const OVERVIEW_GOAL_BYTES = 500_000;

/** Lines showing page_bytes: per page, total and by kind, raw / gzip in kB (1 kB = 1000 bytes). */
function pageBytesLines(pages: Record<string, PageBytes>, c: ReturnType<typeof colors>): string[] {
  const kB = (n: number) => (n / 1000).toFixed(1);
  const cell = (p: PageBytes, kind: "" | "html" | "js" | "css" | "data" | "wasm") =>
    ` ${kB(kind ? p[`${kind}_raw`] : p.raw)} / ${kB(kind ? p[`${kind}_gzip`] : p.gzip)}`.padStart(19);
  const entries = Object.entries(pages);
  const wasm = entries.some(([, p]) => p.wasm_raw > 0);
  const kinds = ["html", "js", "css", "data", ...(wasm ? ["wasm"] : [])] as ("html" | "js" | "css" | "data" | "wasm")[];
  const width = Math.max(6, ...entries.map(([page]) => page.length));
  const header = "    " + "page".padEnd(width) + ["total", ...kinds].map((k) => k.padStart(19)).join("");
  const lines = [
    "  what each page downloads, kB raw / gzip as served (1 kB = 1000 bytes; fonts apart)",
    c.dim(header),
    ...entries.map(([page, p]) => "    " + page.padEnd(width) + cell(p, "") + kinds.map((k) => cell(p, k)).join("")),
  ];
  const fonts = entries.filter(([, p]) => p.font_raw > 0);
  if (fonts.length > 0)
    lines.push(`    fonts, apart: ${fonts.map(([page, p]) => `${page} ${kB(p.font_raw)}`).join(", ")}`);
  const missing = entries.flatMap(([, p]) => p.missing);
  if (missing.length > 0) lines.push(c.yellow(`    not found in the site: ${[...new Set(missing)].join(", ")}`));
  const overview = pages["/"];
  if (overview) {
    const mark = (n: number) => (n < OVERVIEW_GOAL_BYTES ? c.green : c.red)(`${kB(n)} kB`);
    lines.push(
      `  overview (/)             ${mark(overview.raw)} raw, ${mark(overview.gzip)} gzip, of which data ${kB(overview.data_raw)} / ${kB(overview.data_gzip)} kB (goal: < 500 kB, the same at 1 M and 10 M rows)`,
    );
  }
  return lines;
}

/** Lines showing the peers of `--peers`: the pandas script's time and rejects beside bizenv's. */
function peersLines(peers: NonNullable<BenchReport["peers"]>, c: ReturnType<typeof colors>): string[] {
  if ("skipped" in peers) return [`  pandas peer              ${c.yellow(peers.skipped)}`];
  const rules = (byRule: Record<string, number>) =>
    Object.entries(byRule)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(", ");
  return [
    `  pandas peer (${peers.python}), ${peers.rows.toLocaleString("en")} rows, one in ${peers.fault_every} broken, medians of ${peers.runs} alternating runs`,
    `    bizenv load process    ${peers.bizenv_load_s.toFixed(2)} s   bizenv_vs_pandas ${(peers.bizenv_vs_pandas <= 0.5 ? c.green : c.red)(peers.bizenv_vs_pandas.toFixed(2))} (goal ≤ 0.5)`,
    `    pandas script          ${peers.pandas_s.toFixed(2)} s`,
    `    rows rejected          bizenv ${peers.bizenv_rows_rejected}, pandas ${peers.pandas_rows_rejected}: ${peers.rejects_match ? c.green("the same, rule by rule") : c.red("they differ")}`,
    ...(peers.rejects_match
      ? []
      : [
          `      bizenv: ${rules(peers.bizenv_rejected_by_rule)}`,
          `      pandas: ${rules(peers.pandas_rejected_by_rule)}`,
        ]),
  ];
}

/** `bizenv bench`: hold bizenv to DuckDB's own speed on a generated case file. */
export function benchCommand(io: Io): Command {
  return new Command("bench")
    .description(
      "benchmark loading against DuckDB's bare read_csv, GBK, memory, incremental refresh and dashboard page bytes",
    )
    .option("--rows <n>", "case rows in the generated file", "1000000")
    .option("--runs <n>", "alternating runs of the bare read and the two loads; medians are reported", "3")
    .option("--no-pages", "skip building the site and measuring what each dashboard page downloads")
    .option("--pages-only", "only measure what each page downloads, on --exports or --dist (no load benchmarks)")
    .option(
      "--exports <dir>",
      "with --pages-only: build the site from these exports (default: $BIZENV_EXPORTS or data/exports/)",
    )
    .option("--dist <dir>", "with --pages-only: measure this already built site instead of building one")
    .option("--peers", "also run the same rules in a pandas script beside the load (needs python3 with pandas)")
    .option(
      "--python <path>",
      "with --peers: the Python to run it with (default: $BIZENV_PYTHON, python3, /usr/bin/python3)",
    )
    .option("--keep", "keep the generated files, warehouses and built site (their folder is printed)")
    .option("--json", "print the figures as JSON")
    .addHelpText(
      "after",
      "\nMemory: a load's DuckDB limit is $BIZENV_MEMORY_LIMIT (default 1.2GB for loads). Figures go to docs/performance.md." +
        "\nPage bytes: the site is built offline into a temporary folder (dist/ is left alone).",
    )
    .action(
      async (options: {
        rows: string;
        runs: string;
        pages: boolean;
        pagesOnly?: boolean;
        exports?: string;
        dist?: string;
        keep?: boolean;
        json?: boolean;
        peers?: boolean;
        python?: string;
      }) => {
        const c = colors(io);
        // The benchmark's code (and esbuild, Framework's build) loads only when it runs: see bin/cliBundle.mjs.
        const {buildAndMeasurePages, measurePageBytes, PAGE_BYTES_NOTES} = await import("../../bench/pageBytes.ts");
        const {runBench} = await import("../../bench/runBench.ts");
        const log = options.json ? () => {} : (line: string) => io.stderr(c.dim(`… ${line}\n`));
        if ((options.exports || options.dist) && !options.pagesOnly)
          throw new UsageError("--exports and --dist go with --pages-only");
        if (options.pagesOnly) {
          if (options.exports && options.dist) throw new UsageError("give --exports or --dist, not both");
          const at = (dir: string) => (isAbsolute(dir) ? dir : resolve(io.cwd, dir));
          let result: {page_bytes: Record<string, PageBytes>; site_build_s: number | null; built_from: string};
          if (options.dist) {
            const dist = at(options.dist);
            if (!existsSync(join(dist, "index.html")))
              throw new MissingDataError(`${dist} has no built site (index.html)`);
            result = {page_bytes: await measurePageBytes(dist), site_build_s: null, built_from: dist};
          } else {
            const exportsDir = options.exports ? at(options.exports) : exportsPath(io.env);
            if (!existsSync(join(exportsDir, "manifest.json")))
              throw new MissingDataError(
                `no exports in ${exportsDir} (manifest.json missing): run \`bizenv score\` first`,
              );
            log(`building the site from ${exportsDir}`);
            const measured = await buildAndMeasurePages({exportsDir, log, ...(options.keep ? {keep: true} : {})});
            result = {...measured, built_from: exportsDir};
          }
          if (options.json) printJson(io, {...result, notes: PAGE_BYTES_NOTES});
          else
            io.stdout(
              [
                `${result.built_from}${result.site_build_s === null ? "" : ` (site built in ${result.site_build_s.toFixed(1)} s)`}`,
                ...pageBytesLines(result.page_bytes, c),
                ...PAGE_BYTES_NOTES.map((n) => c.yellow(`  note: ${n}`)),
              ].join("\n") + "\n",
            );
          return;
        }
        const rows = Number(options.rows.replaceAll("_", ""));
        if (!Number.isInteger(rows) || rows < 100)
          throw new UsageError(`--rows expects a whole number of at least 100, found ${JSON.stringify(options.rows)}`);
        const runs = Number(options.runs);
        if (!Number.isInteger(runs) || runs < 1 || runs > 50)
          throw new UsageError(`--runs expects a whole number from 1 to 50, found ${JSON.stringify(options.runs)}`);
        const report = await runBench({
          rows,
          runs,
          memoryLimit: memoryLimit(io.env, "load"),
          pages: options.pages,
          ...(options.peers ? {peers: true} : {}),
          ...(options.python ? {python: options.python} : {}),
          ...(options.keep ? {keep: true} : {}),
          ...(options.json ? {} : {log}),
        });
        if (options.json) {
          printJson(io, report);
          return;
        }
        const ratio = (x: number, goal: number) => (x >= goal ? c.green : c.red)(x.toFixed(2));
        io.stdout(
          [
            `${report.rows.toLocaleString("en")} rows (${report.file_mib} MiB) on ${report.machine.cores} cores, ${report.machine.memory_gib} GiB`,
            `  medians of ${report.runs} alternating run${report.runs === 1 ? "" : "s"} (each: ${report.samples.load_s.map((x) => x.toFixed(2)).join(", ")} s for the load)`,
            `  DuckDB read_csv          ${report.duckdb_read_csv_s.toFixed(2)} s`,
            `  bizenv load              ${report.load_s.toFixed(2)} s   load_vs_duckdb_read_csv ${ratio(report.load_vs_duckdb_read_csv, 0.7)} (goal ≥ 0.7)`,
            `  bizenv load, GBK         ${report.gbk_load_s.toFixed(2)} s   gbk_vs_duckdb_read_csv ${ratio(report.gbk_vs_duckdb_read_csv, 0.4)} (goal ≥ 0.4)`,
            `  peak memory of a load    ${report.load_peak_rss_mib ?? "?"} MiB (DuckDB limit ${report.memory_limit})`,
            report.incremental
              ? `  one more month           ${report.incremental.one_more_month_s.toFixed(2)} s vs full rebuild ${report.incremental.full_rebuild_s.toFixed(2)} s = ${ratio(1 - report.incremental.one_more_month_vs_rebuild, 0.9)} saved (goal: ≤ 10 % of a rebuild)`
              : "",
            report.score_s === null ? "" : `  bizenv score             ${report.score_s.toFixed(2)} s`,
            report.site_build_s === null
              ? ""
              : `  site build (seed, build) ${report.site_build_s.toFixed(2)} s (for page bytes)`,
            ...(report.peers ? peersLines(report.peers, c) : []),
            ...(report.page_bytes ? pageBytesLines(report.page_bytes, c) : []),
            ...report.notes.map((n) => c.yellow(`  note: ${n}`)),
          ]
            .filter(Boolean)
            .join("\n") + "\n",
        );
      },
    );
}
