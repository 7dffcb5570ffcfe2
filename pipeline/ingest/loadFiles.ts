import {lstatSync, mkdtempSync, readdirSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, extname, join, relative, resolve} from "node:path";
import type {Catalog} from "../catalog/index.ts";
import {warehousePath} from "../config.ts";
import type {Warehouse} from "../db.ts";
import {FeedError, WarehouseError} from "../errors.ts";
import {openWarehouse} from "../openWarehouse.ts";
import {faultPointFromEnv} from "../faultPoint.ts";
import {findSoffice} from "./findSoffice.ts";
import {processGone} from "../replaceFolder.ts";
import {loadContracts} from "./loadContracts.ts";
import {loadFile, TEMP_PREFIX, type Learnt, type LoadResult} from "./loadFile.ts";
import type {DecimalMark} from "./decimalMark.ts";
import {isSpreadsheetMl} from "./sniffFile.ts";
import {readHead} from "./textProblems.ts";

/**
 * Extensions taken from a folder (a file named on the command line is always tried): text, XLSX, legacy .xls/.et
 * (converted, or read as the HTML table a web system saved under that name), OpenDocument .ods and Excel 2003 .xml
 * (converted; any other .xml is passed over), HTML, Parquet, Arrow, JSON lines.
 */
const LOADABLE = /\.(csv|tsv|txt|xlsx|xlsm|xls|et|ods|ots|xml|htm|html|parquet|arrow|arrows|feather|jsonl|ndjson)$/i;

/** What a folder holds that is not loaded, and why (said to the user; nothing of it is read). */
interface Passed {
  path: string;
  reason: string;
  /** A link is refused (the user must act on it); a file of another kind is only named as not loaded. */
  status: "refused" | "skipped";
}

/**
 * The files to load from the paths given: files as they are, folders walked (sorted, so loads happen in a
 * stable order), skipping hidden files and READMEs. A path that does not exist is an error. Inside a folder only
 * regular files of a loadable kind and real subfolders are taken; everything else is listed in `passed` with the
 * reason, so a load names every file of the folder it did not load: a symbolic link is never followed (it could
 * lead out of the inbox), and a file of another kind (.docx, .pdf, .zip …) is not read. A link named on the
 * command line is the user's choice and is followed.
 */
function expandPaths(paths: string[], cwd: string): string[] & {passed?: Passed[]} {
  const out: string[] & {passed?: Passed[]} = [];
  const passed: Passed[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") || /^readme/i.test(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        if (LOADABLE.test(entry.name) || isDirectory(full))
          passed.push({
            path: full,
            status: "refused",
            reason:
              "a symbolic link: bizenv loads only regular files inside a folder, not links that could point outside it; copy the file into the folder",
          });
      } else if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.xml$/i.test(entry.name) && !isSpreadsheetMl(readHead(full), entry.name))
        // An .xml among the feeds is a workbook only when it is an Excel 2003 one (not a manifest or a config).
        passed.push({
          path: full,
          status: "skipped",
          reason:
            "not loaded: an XML file that is no Excel 2003 XML workbook; name it on the command line to try it anyway",
        });
      else if (entry.isFile() && LOADABLE.test(entry.name)) out.push(full);
      else if (entry.isFile()) {
        const ext = extname(entry.name).toLowerCase();
        passed.push({
          path: full,
          status: "skipped",
          reason: `not loaded: ${ext ? `a ${ext} file` : "a file without an extension"} is no kind bizenv reads (CSV, TSV, TXT, XLSX, XLS, ET, ODS, Excel 2003 XML, HTML, Parquet, Arrow, JSON lines); name it on the command line to try it anyway`,
        });
      }
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
  if (passed.length > 0) out.passed = passed;
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface LoadPathsOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  /** Name the feed instead of recognising it from the headers. */
  feed?: string;
  /** Load a corrected version of a file: supersede the rows of the last load of the same file name. */
  replace?: boolean;
  /** The decimal mark of the delimited text files (`--decimal`); absent: decided from each file (decimalMark.ts). */
  decimal?: DecimalMark;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** Told when each file starts and as it moves through its phases. */
  progress?: (event: {file: string; index: number; total: number; phase: string; rows?: number}) => void;
  /** When another process holds the warehouse, wait up to this many seconds for it (default: stop at once). */
  waitSeconds?: number;
  /** Told once when the load starts waiting for a busy warehouse. */
  onWait?: (message: string) => void;
  /** The feed contracts' folder (default `sources/feeds`). */
  contractsDir?: string;
}

/**
 * Load files and folders into the warehouse ($BIZENV_DB or data/warehouse.duckdb): each file in its own
 * transaction, already-loaded content skipped, loaded files archived under data/archive/<sha256>. Symbolic links
 * found inside a folder are reported as refused, unread, and files of other kinds as skipped, unread. Legacy
 * .xls/.et workbooks are converted with LibreOffice when `findSoffice` finds it in `env`. Throws `WarehouseError` when the warehouse is busy (after
 * `waitSeconds`) or cannot be written; files loaded before a write failure stay loaded.
 */
export async function loadPaths(paths: string[], options: LoadPathsOptions): Promise<LoadResult[]> {
  const files = expandPaths(paths, options.cwd);
  const fault = faultPointFromEnv(options.env);
  const {warehouse, catalog} = await openWaiting(options);
  let failed = false;
  let profileDir: string | undefined;
  try {
    const contracts = loadContracts(catalog, options.contractsDir);
    const archiveDir = join(dirname(warehousePath(options.env, options.cwd)), "archive");
    sweepLeftovers(archiveDir);
    const soffice = findSoffice(options.env);
    // LibreOffice's profile for this load's conversions, named like the loads' temp folders so that one a killed
    // load leaves behind is swept the same way.
    if (soffice !== undefined) profileDir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
    const results: LoadResult[] = [];
    const learnt: Learnt = {ordered: new Map()};
    for (const [index, file] of files.entries()) {
      const shown = relative(options.cwd, file).startsWith("..") ? file : relative(options.cwd, file) || basename(file);
      const progress = (phase: string, rows?: number) =>
        options.progress?.({file: shown, index, total: files.length, phase, ...(rows === undefined ? {} : {rows})});
      progress("starting");
      results.push(
        await loadFile(
          {
            warehouse,
            catalog,
            contracts,
            archiveDir,
            ...(soffice === undefined || profileDir === undefined
              ? {}
              : {converter: {soffice, env: options.env, profileDir}}),
            now: options.now ?? (() => new Date()),
            progress,
            learnt,
            ...(options.decimal === undefined ? {} : {decimal: options.decimal}),
            ...(fault === undefined ? {} : {fault}),
          },
          file,
          shown,
          {
            ...(options.feed === undefined ? {} : {feed: options.feed}),
            ...(options.replace === undefined ? {} : {replace: options.replace}),
          },
        ),
      );
    }
    for (const other of files.passed ?? []) {
      const shown = relative(options.cwd, other.path).startsWith("..") ? other.path : relative(options.cwd, other.path);
      results.push({
        file: shown,
        feed: null,
        sha256: "",
        status: other.status,
        rows_read: 0,
        rows_loaded: 0,
        rows_rejected: 0,
        message: other.status === "refused" ? `${shown}: ${other.reason}` : other.reason,
        load_id: null,
      });
    }
    return results;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    if (profileDir !== undefined) rmSync(profileDir, {recursive: true, force: true});
    try {
      warehouse.close();
    } catch (error) {
      // After a failed write DuckDB may refuse to close cleanly; the failure already on its way says more. After a
      // good load, a close that fails (the checkpoint) is the error to report.
      // eslint-disable-next-line no-unsafe-finally
      if (!failed) throw error;
    }
  }
}

/** Open the warehouse, waiting up to `waitSeconds` while another process holds it. */
async function openWaiting(options: LoadPathsOptions): Promise<{warehouse: Warehouse; catalog: Catalog}> {
  const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
  let told = false;
  for (;;) {
    try {
      return await openWarehouse({env: options.env, cwd: options.cwd, use: "load"});
    } catch (error) {
      const busy = error instanceof WarehouseError && error.code === "warehouse_busy";
      if (!busy || !options.waitSeconds) throw error;
      if (!told) options.onWait?.(`${error.message}; waiting up to ${options.waitSeconds} s…`);
      told = true;
      if (Date.now() >= deadline) {
        throw new WarehouseError(`${error.message}; still busy after waiting ${options.waitSeconds} s`, {
          code: "warehouse_busy",
          hint: "wait for that load or score to finish, or give --wait more seconds",
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Remove what killed loads left behind: their temp folders (`<tmpdir>/bizenv-load-<pid>-*`) and half-copied
 * archive files (`<sha256>.<ext>.partial-<pid>`), for processes that no longer exist. Never anything of a live one.
 */
function sweepLeftovers(archiveDir: string): void {
  const sweep = (dir: string, pattern: RegExp) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const pid = pattern.exec(name)?.[1];
      if (pid === undefined || !processGone(Number(pid))) continue;
      const full = join(dir, name);
      // Only our own kind of entry: a real folder or file, never a link.
      if (lstatSync(full).isSymbolicLink()) continue;
      rmSync(full, {recursive: true, force: true});
    }
  };
  sweep(tmpdir(), new RegExp(`^${TEMP_PREFIX}(\\d+)-[A-Za-z0-9]{6}$`));
  sweep(archiveDir, /^[0-9a-f]{64}(?:\.[a-z0-9]{1,8})?\.partial-(\d+)(?:-\d+)?$/);
}
