import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

/** Where the SQL models live: `staging/`, `intermediate/`, `marts/`, in the order they build. */
const MODELS_DIR = fileURLToPath(new URL(".", import.meta.url));
const LAYERS = ["staging", "intermediate", "marts"] as const;
export type Layer = (typeof LAYERS)[number];

/** One data test: a query returning the offending rows (zero rows = pass). */
export interface ModelTest {
  name: string;
  sql: string;
}

/**
 * One SQL model: `<layer>/<name>.sql` holds a single `select` (dbt style: import CTEs, logic CTEs,
 * `select * from final`) that the runner materialises as the table `<name>`; `<name>.test.sql` beside it holds its
 * data tests, each introduced by a line `-- test: <name>`.
 */
export interface Model {
  name: string;
  layer: Layer;
  sql: string;
  tests: ModelTest[];
  /** Models this one or its tests read (found by name in their SQL), in name order. */
  depends: string[];
  /** Feeds it reads through their `current_<feed>` views. */
  feeds: string[];
  /** Whether it reads `score_context` (the as-of date), so a new as-of date rebuilds it. */
  readsContext: boolean;
  /** How new loads refresh it without a rebuild, from its `-- incremental:` header line (see `parseIncremental`). */
  incremental?: Incremental;
}

/**
 * A model's incremental refresh, declared in its SQL by a header line:
 * - `-- incremental: by load`: one row per feed row, with the feed's `load_id`; rows of loads that left are deleted,
 *   rows of new loads inserted (the model's SQL filtered on `load_id`);
 * - `-- incremental: by month of observed_on`: rows are placed by `observed_on`, each made from upstream rows of
 *   its own month; the months the new or removed rows fall in are deleted and made again;
 * - `-- incremental: by period`: aggregates keyed by `period_type` (`month`, `quarter`, `year`) and `period_start`;
 *   the periods containing those months are deleted and made again.
 * An optional `-- full rebuild if: <SQL boolean>` line may read the temp table `dirty_months(month date)`: when true,
 * the model is rebuilt whole (e.g. a baseline year changed, which moves rows of every month).
 */
interface Incremental {
  by: "load" | "month" | "period";
  fullRebuildIf?: string;
}

/** The `-- incremental:` and `-- full rebuild if:` header lines of a model, if any. Throws on an unknown kind. */
function parseIncremental(sql: string, file: string): Incremental | undefined {
  const line = /^--\s*incremental:\s*(.+?)\s*$/m.exec(sql)?.[1];
  const fullRebuildIf = /^--\s*full rebuild if:\s*(.+?)\s*$/m.exec(sql)?.[1];
  if (line === undefined) {
    if (fullRebuildIf !== undefined) throw new Error(`${file}: "-- full rebuild if:" without "-- incremental:"`);
    return undefined;
  }
  const by = ({"by load": "load", "by month of observed_on": "month", "by period": "period"} as const)[line];
  if (by === undefined)
    throw new Error(
      `${file}: unknown "-- incremental: ${line}"; expected by load, by month of observed_on or by period`,
    );
  return fullRebuildIf === undefined ? {by} : {by, fullRebuildIf};
}

/** Every model under `dir`, in build order (dependencies first). Throws on a cycle or a missing `select`. */
export function listModels(dir: string = MODELS_DIR): Model[] {
  const files: Array<{name: string; layer: Layer; sql: string; tests: ModelTest[]}> = [];
  for (const layer of LAYERS) {
    const folder = join(dir, layer);
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      continue;
    }
    for (const file of entries.sort()) {
      if (!/^[a-z][a-z0-9_]*\.sql$/.test(file) || file.endsWith(".test.sql")) continue;
      const name = file.slice(0, -4);
      const sql = readFileSync(join(folder, file), "utf8");
      if (!/\bselect\b/i.test(stripComments(sql))) throw new Error(`model ${layer}/${file} holds no select`);
      let testText = "";
      try {
        testText = readFileSync(join(folder, `${name}.test.sql`), "utf8");
      } catch {
        // a model without tests is allowed; the runner reports how many tests it ran
      }
      files.push({name, layer, sql, tests: parseTests(testText, `${layer}/${name}.test.sql`)});
    }
  }
  const names = new Set(files.map((f) => f.name));
  const models: Model[] = files.map((f) => {
    // A model's tests may read other models too: they must be built first.
    const code = stripComments([f.sql, ...f.tests.map((t) => t.sql)].join("\n"));
    const words = new Set(code.match(/\b[a-z_][a-z0-9_]*\b/g) ?? []);
    return {
      ...f,
      depends: [...names].filter((n) => n !== f.name && words.has(n)).sort(),
      feeds: [...new Set([...code.matchAll(/\bcurrent_([a-z0-9_]+)\b/g)].map((m) => m[1]!))].sort(),
      readsContext: words.has("score_context"),
      ...optional("incremental", parseIncremental(f.sql, `${f.layer}/${f.name}.sql`)),
    };
  });
  return orderModels(models);
}

/** Dependencies first, otherwise layer then name; a cycle is an error naming the models in it. */
export function orderModels(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const rank = (m: Model) => `${LAYERS.indexOf(m.layer)}:${m.name}`;
  const sorted = [...models].sort((a, b) => rank(a).localeCompare(rank(b)));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Model[] = [];
  const visit = (m: Model, path: string[]) => {
    if (done.has(m.name)) return;
    if (visiting.has(m.name))
      throw new Error(`models depend on each other in a cycle: ${[...path, m.name].join(" → ")}`);
    visiting.add(m.name);
    for (const d of m.depends) visit(byName.get(d)!, [...path, m.name]);
    visiting.delete(m.name);
    done.add(m.name);
    out.push(m);
  };
  for (const m of sorted) visit(m, []);
  return out;
}

/** Split a `.test.sql` file into named queries at lines `-- test: <name>`. */
export function parseTests(text: string, file: string): ModelTest[] {
  const tests: ModelTest[] = [];
  let current: ModelTest | null = null;
  for (const line of text.split(/\r?\n/)) {
    const header = /^--\s*test:\s*([a-z0-9_]+)\s*$/.exec(line);
    if (header) {
      current = {name: header[1]!, sql: ""};
      tests.push(current);
    } else if (current) {
      current.sql += `${line}\n`;
    } else if (line.trim() !== "" && !line.trim().startsWith("--")) {
      throw new Error(`${file}: SQL before the first "-- test: <name>" line`);
    }
  }
  for (const t of tests) {
    t.sql = t.sql.trim().replace(/;\s*$/, "");
    if (!/\bselect\b/i.test(stripComments(t.sql))) throw new Error(`${file}: test ${t.name} holds no select`);
  }
  return tests;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "");
}

function optional<K extends string, V>(key: K, value: V | undefined): {[k in K]?: V} {
  return (value === undefined ? {} : {[key]: value}) as {[k in K]?: V};
}
