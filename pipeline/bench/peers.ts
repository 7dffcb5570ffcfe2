import {spawnSync} from "node:child_process";
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {loadCatalog} from "../catalog/index.ts";
import {loadContracts} from "../ingest/loadContracts.ts";
import {referencesFromCatalog} from "../ingest/rowRules.ts";
import {projectRoot} from "../version.ts";

/** The pandas peer: the same rules as the start-up contract, in the script an analyst would write. */
const PANDAS_SCRIPT = join(projectRoot, "pipeline", "bench", "peers", "pandas_load.py");

/** Why the peers were not run, as `bizenv bench --peers` reports it. */
export const PEERS_SKIPPED = "skipped: python3 with pandas not found";

/** What the pandas script prints. */
export interface PandasSummary {
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rejected_by_rule: Record<string, number>;
}

/**
 * The first Python that imports pandas: `python` if given (or $BIZENV_PYTHON), else `python3` on the PATH, else
 * Debian's /usr/bin/python3 (where python3-pandas installs, when a pyenv or venv python3 comes first on the PATH).
 */
export function findPandasPython(python?: string): string | null {
  const candidates = python
    ? [python]
    : process.env.BIZENV_PYTHON
      ? [process.env.BIZENV_PYTHON]
      : ["python3", "/usr/bin/python3"];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ["-c", "import pandas"], {encoding: "utf8", timeout: 60_000});
    if (probe.status === 0) return candidate;
  }
  return null;
}

/**
 * The rules the pandas script checks, written from the contract and the catalog (never restated by hand): its
 * columns with their types, required flags, value aliases, allowed values, ranges and date order, the key, the
 * earliest date, the area names the catalog accepts, and the load's `now` (China's wall clock, as the loader's).
 */
export function writePandasRules(path: string, feed: string, now: Date): void {
  const catalog = loadCatalog();
  const contract = loadContracts(catalog).find((c) => c.feed === feed);
  if (!contract) throw new Error(`no contract for feed ${feed}`);
  const china = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
  writeFileSync(
    path,
    JSON.stringify({
      feed,
      key: contract.key,
      earliest_date: contract.earliest_date ?? null,
      now: china,
      areas: referencesFromCatalog(catalog).area,
      columns: contract.columns.map((c) => ({
        name: c.name,
        type: c.type,
        required: c.required ?? false,
        aliases: c.aliases ?? [],
        ...(c.unit ? {unit: c.unit} : {}),
        ...(c.references ? {references: c.references} : {}),
        ...(c.allowed ? {allowed: c.allowed} : {}),
        ...(c.value_aliases ? {value_aliases: c.value_aliases} : {}),
        ...(c.min !== undefined ? {min: c.min} : {}),
        ...(c.max !== undefined ? {max: c.max} : {}),
        ...(c.at_least ? {at_least: c.at_least} : {}),
        ...(c.at_most ? {at_most: c.at_most} : {}),
      })),
    }),
  );
}

/** Run the pandas script on a case file; returns its wall time (the whole process) and its summary. */
export function runPandas(
  python: string,
  file: string,
  rules: string,
  rejects: string,
): {seconds: number; summary: PandasSummary} {
  const start = performance.now();
  const child = spawnSync(python, [PANDAS_SCRIPT, file, rules, rejects], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`pandas peer failed (${child.status}): ${child.stderr.slice(-800)}`);
  return {seconds, summary: JSON.parse(child.stdout) as PandasSummary};
}
