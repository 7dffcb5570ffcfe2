import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Warehouse} from "../../pipeline/db.ts";
import {loadPaths, type LoadPathsOptions} from "../../pipeline/ingest/loadFiles.ts";
import type {LoadResult} from "../../pipeline/ingest/loadFile.ts";

/** The clock every ingest test runs at: 2023-07-01 00:00 in China. */
export const TEST_NOW = new Date("2023-06-30T16:00:00Z");

/** A throwaway warehouse and folder, with helpers to load files into it and look inside. */
export interface TempWarehouse {
  dir: string;
  env: Record<string, string>;
  load(paths: string[], options?: Partial<Omit<LoadPathsOptions, "env" | "cwd">>): Promise<LoadResult[]>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Row counts of every table the loader writes: what "nothing else changed" compares. */
  snapshot(): Promise<Record<string, number>>;
  remove(): void;
}

export function tempWarehouse(): TempWarehouse {
  const dir = mkdtempSync(join(tmpdir(), "bizenv-test-"));
  const env = {BIZENV_DB: join(dir, "warehouse.duckdb")};
  const query = async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
    const warehouse = await Warehouse.open(env.BIZENV_DB);
    try {
      return await warehouse.all<T>(sql, params as never);
    } finally {
      warehouse.close();
    }
  };
  return {
    dir,
    env,
    load: (paths, options = {}) => loadPaths(paths, {env, cwd: dir, now: () => TEST_NOW, ...options}),
    query,
    async snapshot() {
      const tables = await query<{table_name: string}>(
        "select table_name from duckdb_tables() where table_name like 'feed_%' or table_name in ('load_log', 'load_rejects') order by 1",
      );
      const counts: Record<string, number> = {};
      for (const {table_name} of tables) {
        const [row] = await query<{n: number}>(`select count(*) as n from "${table_name}"`);
        counts[table_name] = row!.n;
      }
      return counts;
    },
    remove: () => rmSync(dir, {recursive: true, force: true}),
  };
}
