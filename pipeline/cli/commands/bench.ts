import {Command} from "commander";
import {runBench} from "../../bench/runBench.ts";
import {memoryLimit} from "../../config.ts";
import {UsageError} from "../../errors.ts";
import {colors, printJson, type Io} from "../io.ts";

/** `bizenv bench`: hold bizenv to DuckDB's own speed on a generated case file. */
export function benchCommand(io: Io): Command {
  return new Command("bench")
    .description("benchmark loading against DuckDB's bare read_csv, GBK, memory and incremental refresh")
    .option("--rows <n>", "case rows in the generated file", "1000000")
    .option("--keep", "keep the generated files and warehouses (their folder is printed)")
    .option("--json", "print the figures as JSON")
    .addHelpText(
      "after",
      "\nMemory: DuckDB's limit is $BIZENV_MEMORY_LIMIT (default 2GB). Figures go to docs/performance.md.",
    )
    .action(async (options: {rows: string; keep?: boolean; json?: boolean}) => {
      const rows = Number(options.rows.replaceAll("_", ""));
      if (!Number.isInteger(rows) || rows < 100)
        throw new UsageError(`--rows expects a whole number of at least 100, found ${JSON.stringify(options.rows)}`);
      const c = colors(io);
      const report = await runBench({
        rows,
        memoryLimit: memoryLimit(io.env),
        ...(options.keep ? {keep: true} : {}),
        ...(options.json ? {} : {log: (line: string) => io.stderr(c.dim(`… ${line}\n`))}),
      });
      if (options.json) {
        printJson(io, report);
        return;
      }
      const ratio = (x: number, goal: number) => (x >= goal ? c.green : c.red)(x.toFixed(2));
      io.stdout(
        [
          `${report.rows.toLocaleString("en")} rows (${report.file_mib} MiB) on ${report.machine.cores} cores, ${report.machine.memory_gib} GiB`,
          `  DuckDB read_csv          ${report.duckdb_read_csv_s.toFixed(2)} s`,
          `  bizenv load              ${report.load_s.toFixed(2)} s   load_vs_duckdb_read_csv ${ratio(report.load_vs_duckdb_read_csv, 0.7)} (goal ≥ 0.7)`,
          `  bizenv load, GBK         ${report.gbk_load_s.toFixed(2)} s   gbk_vs_duckdb_read_csv ${ratio(report.gbk_vs_duckdb_read_csv, 0.4)} (goal ≥ 0.4)`,
          `  peak memory of a load    ${report.load_peak_rss_mib ?? "?"} MiB (DuckDB limit ${report.memory_limit})`,
          report.incremental
            ? `  one more month           ${report.incremental.one_more_month_s.toFixed(2)} s vs full rebuild ${report.incremental.full_rebuild_s.toFixed(2)} s = ${ratio(1 - report.incremental.one_more_month_vs_rebuild, 0.9)} saved (goal: ≤ 10 % of a rebuild)`
            : "",
          report.score_s === null ? "" : `  bizenv score             ${report.score_s.toFixed(2)} s`,
          ...report.notes.map((n) => c.yellow(`  note: ${n}`)),
        ]
          .filter(Boolean)
          .join("\n") + "\n",
      );
    });
}
