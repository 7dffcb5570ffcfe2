import {readdirSync, statSync} from "node:fs";
import {basename, dirname, join, relative, resolve} from "node:path";
import {warehousePath} from "../config.ts";
import {FeedError} from "../errors.ts";
import {openWarehouse} from "../openWarehouse.ts";
import {loadContracts} from "./loadContracts.ts";
import {loadFile, type LoadResult} from "./loadFile.ts";

/** Extensions taken from a folder (a file named on the command line is always tried). */
const LOADABLE = /\.(csv|tsv|txt|xlsx|xlsm|parquet|arrow|arrows|feather|jsonl|ndjson)$/i;

/**
 * The files to load from the paths given: files as they are, folders walked (sorted, so loads happen in a
 * stable order), skipping hidden files, READMEs and files of other kinds. A path that does not exist is an error.
 */
export function expandPaths(paths: string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") || /^readme/i.test(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && LOADABLE.test(entry.name)) out.push(full);
    }
  };
  for (const p of paths) {
    const full = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      throw new FeedError(p, "no such file or folder");
    }
    if (stat.isDirectory()) walk(full);
    else out.push(full);
  }
  return out;
}

export interface LoadPathsOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  /** Name the feed instead of recognising it from the headers. */
  feed?: string;
  /** Load a corrected version of a file: supersede the rows of the last load of the same file name. */
  replace?: boolean;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** Told when each file starts and as it moves through its phases. */
  progress?: (event: {file: string; index: number; total: number; phase: string}) => void;
}

/**
 * Load files and folders into the warehouse ($BIZENV_DB or data/warehouse.duckdb): each file in its own
 * transaction, already-loaded content skipped, loaded files archived under data/archive/<sha256>.
 */
export async function loadPaths(paths: string[], options: LoadPathsOptions): Promise<LoadResult[]> {
  const files = expandPaths(paths, options.cwd);
  const {warehouse, catalog} = await openWarehouse({env: options.env, cwd: options.cwd});
  try {
    const contracts = loadContracts(catalog);
    const archiveDir = join(dirname(warehousePath(options.env, options.cwd)), "archive");
    const results: LoadResult[] = [];
    for (const [index, file] of files.entries()) {
      const shown = relative(options.cwd, file).startsWith("..") ? file : relative(options.cwd, file) || basename(file);
      const progress = (phase: string) => options.progress?.({file: shown, index, total: files.length, phase});
      progress("starting");
      results.push(
        await loadFile(
          {warehouse, catalog, contracts, archiveDir, now: options.now ?? (() => new Date()), progress},
          file,
          shown,
          {
            ...(options.feed === undefined ? {} : {feed: options.feed}),
            ...(options.replace === undefined ? {} : {replace: options.replace}),
          },
        ),
      );
    }
    return results;
  } finally {
    warehouse.close();
  }
}
