import {isAbsolute, join, resolve} from "node:path";
import {projectRoot} from "./version.ts";

/**
 * Where the warehouse lives: `$BIZENV_DB` (relative to the working directory) or `data/warehouse.duckdb`
 * in the project. Everything that writes the warehouse resolves it here, so one variable moves it all.
 */
export function warehousePath(env: Record<string, string | undefined>, cwd: string): string {
  const fromEnv = env.BIZENV_DB?.trim();
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(cwd, fromEnv);
  return join(projectRoot, "data", "warehouse.duckdb");
}

/**
 * Where `bizenv score` writes the exports and everything else reads them (the data loaders, `observablehq.config.ts`,
 * `bizenv assess`, `bizenv bench`, `npm start`): `$BIZENV_EXPORTS`, a relative path taken from the project root, else
 * `data/exports/`. The project root, not the working directory, because the readers do not share one: Framework runs
 * the data loaders in whatever folder `npm run` or scripts/start.mjs started it (npm always uses the project root),
 * while the CLI runs wherever it is typed; anchored at the root, one setting names one folder for all of them.
 * (`--exports DIR` arguments stay relative to the working directory, like any path typed on a command line.)
 */
export function exportsPath(env: Record<string, string | undefined>): string {
  const fromEnv = env.BIZENV_EXPORTS?.trim();
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(projectRoot, fromEnv);
  return join(projectRoot, "data", "exports");
}

/**
 * Loads' default memory for DuckDB: a load stages a file's text and its checked rows as temp tables, which DuckDB
 * keeps in memory up to its limit before spilling them to its temp folder. With 2GB a 10 M-row load peaked at 2.3 GB
 * (the process), with 1.2GB at 1.5 GB and no slower (25.3 s against 25.1 s, docs/performance.md, 2026-12-06).
 */
export const LOAD_MEMORY_LIMIT = "1.2GB";

/**
 * The memory DuckDB may use (`$BIZENV_MEMORY_LIMIT`, DuckDB syntax such as `2GB`): by default 2GB, and
 * LOAD_MEMORY_LIMIT for a process that loads files.
 */
export function memoryLimit(env: Record<string, string | undefined>, use: "load" | "default" = "default"): string {
  const value = env.BIZENV_MEMORY_LIMIT?.trim() || (use === "load" ? LOAD_MEMORY_LIMIT : "2GB");
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value)) {
    throw new Error(`BIZENV_MEMORY_LIMIT must look like 512MB or 2GB, found ${JSON.stringify(value)}`);
  }
  return value;
}
