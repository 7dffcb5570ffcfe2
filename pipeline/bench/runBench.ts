import {spawnSync} from "node:child_process";
import {cpus, totalmem} from "node:os";
import {mkdirSync, mkdtempSync, rmSync} from "node:fs";
import {join} from "node:path";
import {tmpdir} from "node:os";
import {DuckDBInstance} from "@duckdb/node-api";
import {runScore} from "../score/runScore.ts";
import {loadPaths} from "../ingest/loadFiles.ts";
import {openWarehouse} from "../openWarehouse.ts";
import {projectRoot} from "../version.ts";
import {buildAndMeasurePages, PAGE_BYTES_NOTES, type PageBytes} from "./pageBytes.ts";
import {findPandasPython, PEERS_SKIPPED, runPandas, writePandasRules} from "./peers.ts";
import {writeCaseFile} from "./writeCaseFile.ts";

/**
 * `--peers`: bizenv's load (a whole `bizenv load` process into a new warehouse) against the pandas script with the
 * same rules (pipeline/bench/peers/pandas_load.py), on a case file with one row in `fault_every` broken, alternating
 * runs, medians. Both must reject the same rows for the same rules (`rejects_match`).
 */
export type PeersReport =
  | {skipped: string}
  | {
      python: string;
      rows: number;
      fault_every: number;
      runs: number;
      bizenv_load_s: number;
      pandas_s: number;
      /** bizenv's load time / the pandas script's (below 1: bizenv is faster; the goal is ≤ 0.5). */
      bizenv_vs_pandas: number;
      bizenv_rows_rejected: number;
      pandas_rows_rejected: number;
      bizenv_rejected_by_rule: Record<string, number>;
      pandas_rejected_by_rule: Record<string, number>;
      rejects_match: boolean;
    };

/** Everything `bizenv bench` measures; `--json` prints it under these names. */
export interface BenchReport {
  machine: {cores: number; memory_gib: number; node: string; platform: string};
  rows: number;
  file_mib: number;
  duckdb_read_csv_s: number;
  load_s: number;
  /** DuckDB's bare read_csv time / bizenv's full load time (1.0 = as fast as the bare reader). */
  load_vs_duckdb_read_csv: number;
  gbk_load_s: number;
  gbk_vs_duckdb_read_csv: number;
  /** Alternating runs of the bare read, the load and the GBK load; the three figures above are their medians. */
  runs: number;
  /** Each run's seconds, in order: how far apart the runs were. */
  samples: {duckdb_read_csv_s: number[]; load_s: number[]; gbk_load_s: number[]};
  memory_limit: string;
  /** Peak resident memory of a separate `bizenv load` process loading the file (node + DuckDB). */
  load_peak_rss_mib: number | null;
  incremental: {
    months: number;
    rows_per_month: number;
    one_more_month_s: number;
    full_rebuild_s: number;
    one_more_month_vs_rebuild: number;
    includes_score: boolean;
  } | null;
  score_s: number | null;
  /**
   * What each dashboard page downloads (pipeline/bench/pageBytes.ts), raw and gzip, by kind, with the site built from
   * the exports of the incremental warehouse (all the rows, scored); null with `pages: false` (`--no-pages`).
   */
  page_bytes: Record<string, PageBytes> | null;
  /** Seeding the Framework cache and building that site. */
  site_build_s: number | null;
  /** `--peers`: the pandas script beside the load; null when not asked for. */
  peers: PeersReport | null;
  notes: string[];
}

const seconds = (start: number) => (performance.now() - start) / 1000;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Time DuckDB's own CSV reader loading a file into a table of a fresh database file (no validation). */
async function timeBareReadCsv(file: string, dir: string): Promise<number> {
  mkdirSync(dir, {recursive: true});
  const instance = await DuckDBInstance.create(join(dir, "bare.duckdb"));
  const connection = await instance.connect();
  try {
    const start = performance.now();
    await connection.run("create table cases as select * from read_csv($1)", [file]);
    // As durable as a load's commit (a few ms: the rows of a large CREATE TABLE AS are written as they come).
    await connection.run("checkpoint");
    return seconds(start);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * A fresh, migrated warehouse with the catalog loaded, so a timed load measures only the load. Its `bizenv score`
 * exports to its own folder beside it (never the project's data/exports/).
 */
async function freshWarehouse(dir: string, name: string): Promise<Record<string, string>> {
  const env = {
    ...process.env,
    BIZENV_DB: join(dir, name, "warehouse.duckdb"),
    BIZENV_EXPORTS: join(dir, name, "exports"),
  } as Record<string, string>;
  const {warehouse} = await openWarehouse({env, cwd: dir});
  warehouse.close();
  return env;
}

async function timeLoad(files: string[], env: Record<string, string>, dir: string): Promise<number> {
  const start = performance.now();
  const results = await loadPaths(files, {env, cwd: dir});
  const elapsed = seconds(start);
  const bad = results.find((r) => r.status !== "loaded" || r.rows_rejected > 0);
  if (bad) throw new Error(`benchmark load of ${bad.file} did not load cleanly: ${bad.status} ${bad.message}`);
  return elapsed;
}

/** Run a bizenv command in its own process; returns its wall time, its JSON output and its peak memory. */
function runCli(
  args: string[],
  env: Record<string, string>,
): {seconds: number; peakRssMib: number | null; stdout: string} {
  const start = performance.now();
  const child = spawnSync(process.execPath, [join(projectRoot, "bin", "bizenv.mjs"), ...args], {
    env: {...env, BIZENV_REPORT_PEAK_RSS: "1"},
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const elapsed = seconds(start);
  if (child.status !== 0)
    throw new Error(`bizenv ${args.join(" ")} failed (${child.status}): ${child.stderr.slice(-500)}`);
  const peak = /bizenv-peak-rss-kib=(\d+)/.exec(child.stderr)?.[1];
  return {seconds: elapsed, peakRssMib: peak ? Number(peak) / 1024 : null, stdout: child.stdout};
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Rejected lines by rule in a warehouse's load_rejects (a line breaking two rules counts under both). */
async function rejectedByRule(db: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(db, {access_mode: "READ_ONLY"});
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      "select rule, count(distinct line)::integer as n from load_rejects group by rule order by rule",
    );
    return Object.fromEntries(reader.getRowObjects().map((r) => [String(r.rule), Number(r.n)]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The peers of `--peers`, on their own file with planted faults, alternating bizenv and pandas `runs` times. */
export async function runPeers(
  dir: string,
  rows: number,
  options: {python?: string; runs: number; log: (line: string) => void},
): Promise<PeersReport> {
  const python = findPandasPython(options.python);
  if (python === null) return {skipped: PEERS_SKIPPED};
  const faultEvery = Math.max(10, Math.min(1000, Math.floor(rows / 30)));
  const file = join(dir, "peers", "startup_cases.csv");
  mkdirSync(join(dir, "peers"));
  options.log(`peers: writing ${rows.toLocaleString("en")} rows, one in ${faultEvery} broken`);
  await writeCaseFile(file, {rows, faultEvery});
  const rules = join(dir, "peers", "rules.json");
  writePandasRules(rules, "startup_cases", new Date());
  const bizenv: number[] = [];
  const pandas: number[] = [];
  let bizenvRejected = 0;
  let bizenvByRule: Record<string, number> = {};
  let pandasSummary: ReturnType<typeof runPandas>["summary"] | undefined;
  // The first start after a change of the sources builds the CLI's bundle (bin/cliBundle.mjs): not part of a load.
  runCli(["--version"], process.env as Record<string, string>);
  for (let run = 0; run < options.runs; run++) {
    options.log(`peers: run ${run + 1} of ${options.runs}, bizenv load then pandas`);
    const env = await freshWarehouse(dir, `peers-${run}`);
    const load = runCli(["load", file, "--feed", "startup_cases", "--json"], env);
    bizenv.push(load.seconds);
    const result = (JSON.parse(load.stdout) as {files: Array<{status: string; rows_rejected: number}>}).files[0]!;
    if (result.status !== "loaded") throw new Error(`peers: bizenv load of ${file} ended ${result.status}`);
    bizenvRejected = result.rows_rejected;
    bizenvByRule = await rejectedByRule(env.BIZENV_DB!);
    const peer = runPandas(python, file, rules, join(dir, "peers", `pandas_rejects_${run}.csv`));
    pandas.push(peer.seconds);
    pandasSummary = peer.summary;
  }
  const bizenvSeconds = median(bizenv);
  const pandasSeconds = median(pandas);
  return {
    python,
    rows,
    fault_every: faultEvery,
    runs: options.runs,
    bizenv_load_s: round(bizenvSeconds),
    pandas_s: round(pandasSeconds),
    bizenv_vs_pandas: round(bizenvSeconds / pandasSeconds),
    bizenv_rows_rejected: bizenvRejected,
    pandas_rows_rejected: pandasSummary!.rows_rejected,
    bizenv_rejected_by_rule: bizenvByRule,
    pandas_rejected_by_rule: pandasSummary!.rejected_by_rule,
    rejects_match:
      bizenvRejected === pandasSummary!.rows_rejected &&
      JSON.stringify(bizenvByRule) === JSON.stringify(pandasSummary!.rejected_by_rule),
  };
}

/** `bizenv score` through its core, in this process like the timed loads; returns its wall time. */
async function timeScore(env: Record<string, string>, dir: string): Promise<number> {
  const start = performance.now();
  await runScore({}, {io: {env, cwd: dir}, now: () => new Date()});
  return seconds(start);
}

/**
 * The benchmark: on one generated case file, DuckDB's bare `read_csv` against bizenv's full load (every rule
 * on), the same file in GBK, the peak memory of a load process, and an incremental refresh (30 monthly files
 * loaded, then one more month) against a full rebuild; then, unless `pages` is false, the bytes each dashboard page
 * downloads with the site built from the incremental warehouse's exports. Temporary files are removed unless `keep`.
 */
export async function runBench(options: {
  rows: number;
  memoryLimit: string;
  keep?: boolean;
  /** Build the site and measure page_bytes (default true; slow: a full site build). */
  pages?: boolean;
  /** Run the pandas peer beside the load (`--peers`); reported as skipped when no python3 imports pandas. */
  peers?: boolean;
  /** The Python to run the peer with (default: $BIZENV_PYTHON, python3, /usr/bin/python3, the first with pandas). */
  python?: string;
  /** Alternating bizenv/pandas runs for the peers' medians (default 3). */
  peerRuns?: number;
  /** Alternating runs of the bare read, the load and the GBK load, for their medians (default 3). */
  runs?: number;
  log?: (line: string) => void;
}): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "bizenv-bench-"));
  const notes: string[] = [];
  try {
    const file = join(dir, "startup_cases.csv");
    log(`writing ${options.rows.toLocaleString("en")} rows`);
    const bytes = await writeCaseFile(file, {rows: options.rows});
    const gbk = join(dir, "startup_cases_gbk.csv");
    await writeCaseFile(gbk, {rows: options.rows, encoding: "gbk"});

    // Alternating runs, medians: on a shared or virtual machine one run of each can differ by half from the next.
    const runs = Math.max(1, options.runs ?? 3);
    const samples = {duckdb_read_csv_s: [] as number[], load_s: [] as number[], gbk_load_s: [] as number[]};
    for (let run = 1; run <= runs; run++) {
      log(`run ${run} of ${runs}: DuckDB read_csv (floor), bizenv load, bizenv load (GBK)`);
      samples.duckdb_read_csv_s.push(await timeBareReadCsv(file, join(dir, `bare-${run}`)));
      samples.load_s.push(await timeLoad([file], await freshWarehouse(dir, `utf8-${run}`), dir));
      samples.gbk_load_s.push(await timeLoad([gbk], await freshWarehouse(dir, `gbk-${run}`), dir));
      for (const used of ["bare", "utf8", "gbk"]) rmSync(join(dir, `${used}-${run}`), {recursive: true, force: true});
    }
    const bare = median(samples.duckdb_read_csv_s);
    const load = median(samples.load_s);
    const gbkLoad = median(samples.gbk_load_s);

    log("peak memory of a load process");
    const memEnv = await freshWarehouse(dir, "memory");
    const memory = runCli(["load", file, "--json"], {...memEnv, BIZENV_MEMORY_LIMIT: options.memoryLimit});

    log("incremental refresh: 30 months, then one more");
    const months = 30;
    const perMonth = Math.max(1, Math.floor(options.rows / months));
    const monthDir = join(dir, "months");
    mkdirSync(monthDir);
    const monthFiles: string[] = [];
    for (let m = 0; m <= months; m++) {
      const year = 2021 + Math.floor(m / 12);
      const month = (m % 12) + 1;
      const path = join(monthDir, `startup_cases_${year}-${String(month).padStart(2, "0")}.csv`);
      await writeCaseFile(path, {rows: perMonth, firstRow: m * perMonth, month: {year, month}});
      monthFiles.push(path);
    }
    const incEnv = await freshWarehouse(dir, "incremental");
    await timeLoad(monthFiles.slice(0, months), incEnv, dir);
    await timeScore(incEnv, dir);
    const oneMore = performance.now();
    await timeLoad([monthFiles[months]!], incEnv, dir);
    const scoreSeconds = await timeScore(incEnv, dir);
    const oneMoreSeconds = seconds(oneMore);
    const rebuildEnv = await freshWarehouse(dir, "rebuild");
    const rebuild = performance.now();
    await timeLoad(monthFiles, rebuildEnv, dir);
    await timeScore(rebuildEnv, dir);
    const rebuildSeconds = seconds(rebuild);

    let peers: PeersReport | null = null;
    if (options.peers) {
      log("peers: the pandas script beside the load");
      peers = await runPeers(dir, options.rows, {
        runs: options.peerRuns ?? 3,
        log,
        ...(options.python ? {python: options.python} : {}),
      });
    }

    // After every timed figure, so the build does not share the machine with them.
    let pages: Awaited<ReturnType<typeof buildAndMeasurePages>> | null = null;
    if (options.pages !== false) {
      log("building the site from the incremental warehouse's exports, then measuring each page (--no-pages skips)");
      pages = await buildAndMeasurePages({
        exportsDir: incEnv.BIZENV_EXPORTS!,
        workDir: dir,
        log,
        ...(options.keep ? {keep: true} : {}),
      });
      notes.push(...PAGE_BYTES_NOTES);
    }

    return {
      machine: {
        cores: cpus().length,
        memory_gib: round(totalmem() / 1024 ** 3, 1),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
      },
      rows: options.rows,
      file_mib: round(bytes / 1024 ** 2, 1),
      duckdb_read_csv_s: round(bare),
      load_s: round(load),
      load_vs_duckdb_read_csv: round(bare / load),
      gbk_load_s: round(gbkLoad),
      gbk_vs_duckdb_read_csv: round(bare / gbkLoad),
      runs,
      samples: {
        duckdb_read_csv_s: samples.duckdb_read_csv_s.map((x) => round(x)),
        load_s: samples.load_s.map((x) => round(x)),
        gbk_load_s: samples.gbk_load_s.map((x) => round(x)),
      },
      memory_limit: options.memoryLimit,
      load_peak_rss_mib: memory.peakRssMib === null ? null : round(memory.peakRssMib, 0),
      incremental: {
        months,
        rows_per_month: perMonth,
        one_more_month_s: round(oneMoreSeconds),
        full_rebuild_s: round(rebuildSeconds),
        one_more_month_vs_rebuild: round(oneMoreSeconds / rebuildSeconds),
        includes_score: true,
      },
      score_s: round(scoreSeconds),
      page_bytes: pages?.page_bytes ?? null,
      site_build_s: pages?.site_build_s ?? null,
      peers,
      notes,
    };
  } finally {
    if (!options.keep) rmSync(dir, {recursive: true, force: true});
    else log(`kept ${dir}`);
  }
}
