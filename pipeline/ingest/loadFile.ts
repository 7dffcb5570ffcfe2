import {mkdtempSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join} from "node:path";
import type {Catalog} from "../catalog/index.ts";
import type {Warehouse} from "../db.ts";
import {FeedError} from "../errors.ts";
import {archive} from "./archive.ts";
import {checkSql} from "./checkSql.ts";
import type {Contract} from "./contractSchema.ts";
import type {FaultPoint} from "./faultPoint.ts";
import {ensureFeedTable} from "./feedTable.ts";
import {inspectFile, type Inspected} from "./inspectFile.ts";
import {insertRows} from "./insertRows.ts";
import {logLoad} from "./logLoad.ts";
import {recognizeFeed, type HeaderMatch} from "./matchHeaders.ts";
import {rejectDuplicates} from "./rejectDuplicates.ts";
import {sniffFile, type FileFormat, type Refusal, type Sniffed} from "./sniffFile.ts";
import {stageFile, type Staged} from "./stageFile.ts";
import {readHead, textProblems} from "./textProblems.ts";
import {chinaWallClock} from "./chinaWallClock.ts";

export {chinaWallClock};

/** Temp folders of a load are `<tmpdir>/bizenv-load-<pid>-XXXXXX`: a later load removes those of dead processes. */
export const TEMP_PREFIX = "bizenv-load-";

/** What happened to one file, as `bizenv load --json` reports it. */
export interface LoadResult {
  file: string;
  feed: string | null;
  sha256: string;
  status: "loaded" | "skipped" | "refused";
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  message: string;
  load_id: number | null;
  /** Which header of the file was read for which column of the feed (column → header), for a loaded file. */
  columns?: Record<string, string>;
  /** Headers of the file that match no column of the feed: their values were not loaded. */
  unmatched_headers?: string[];
}

/** What loading needs besides the file: the open warehouse, the catalog and contracts, a clock, places. */
export interface LoadContext {
  warehouse: Warehouse;
  catalog: Catalog;
  contracts: Contract[];
  /** Where loaded files are kept, named by their sha256. */
  archiveDir: string;
  /** The clock: dates after it are "in the future". Injected so tests are reproducible. */
  now: () => Date;
  /** Called as a file moves through its phases (for the progress display). */
  progress?: (phase: string) => void;
  /** The crash tests' fault-injection seam (`BIZENV_FAULT`); absent in normal runs. */
  fault?: FaultPoint;
}

/**
 * Load one file: recognise its feed, stage it through DuckDB, check every rule, and in ONE transaction create the
 * feed's table if needed, record the load, its rejected rows and its good rows (and supersede the version it
 * replaces with `replace`). Killed at any point before COMMIT, the warehouse is as it was before the file.
 * A file that cannot be this feed is refused whole and nothing of it is kept but the refusal in the load log.
 * Every row is accounted for: rows_read = rows_loaded + rows_rejected, or the load fails.
 * Throws `WarehouseError` when the warehouse or the archive cannot be written (nothing of the file is kept then).
 */
export async function loadFile(
  ctx: LoadContext,
  path: string,
  shown: string,
  options: {feed?: string; replace?: boolean} = {},
): Promise<LoadResult> {
  const {warehouse} = ctx;
  const startedAt = ctx.now();
  const file: FileAtHand = {path, shown, startedAt, ...(await hashFile(ctx, path))};
  const skipped = await sameContentLoaded(warehouse, file.sha256);
  if (skipped) return {...resultBase(file), ...skipped};

  const tmp = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  const known: Known = {};
  try {
    const read = await stageAndRecognize(ctx, file, tmp, options.feed, known);
    const {contract} = read.match;
    ctx.progress?.("validating");
    const result = await warehouse.transaction(async () => {
      // Inside the load's transaction: a feed's first load creates its table, and a crash takes that back too.
      await ensureFeedTable(warehouse, contract);
      await checkRows(ctx, read.match);
      const replaced = options.replace ? await loadToReplace(warehouse, contract, basename(path)) : null;
      await rejectDuplicates(warehouse, contract, replaced);
      return await recordLoad(ctx, file, read, replaced, options.replace);
    });
    ctx.fault?.("committed");
    return result;
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    return await recordRefusal(ctx, file, known, error);
  } finally {
    rmSync(tmp, {recursive: true, force: true});
    await dropTempTables(warehouse);
  }
}

/** The file being loaded, as every phase after hashing knows it. */
interface FileAtHand {
  path: string;
  /** The path as the user named it, for messages. */
  shown: string;
  startedAt: Date;
  bytes: number;
  sha256: string;
  sniffed: Sniffed | Refusal;
  inspected: Inspected;
}

/** The file once staged (temp view `raw`) and recognised as a feed. */
interface ReadFile {
  format: FileFormat;
  staged: Staged;
  match: HeaderMatch;
}

/** What a refused file's load-log row can say: how far staging and recognising it got before the refusal. */
interface Known {
  staged?: Staged;
  contract?: Contract;
}

/** The result fields every outcome starts from; the outcome fills in the rest. */
function resultBase(file: FileAtHand) {
  return {file: file.shown, sha256: file.sha256, rows_read: 0, rows_loaded: 0, rows_rejected: 0, load_id: null};
}

/**
 * Sniffs the file's format and encoding from its head, then reads it whole once for its sha256 and the whole-file
 * text checks (inspectFile). A file sniffing refused is still hashed: its refusal is logged under its sha256.
 */
async function hashFile(ctx: LoadContext, path: string) {
  const bytes = statSync(path).size;
  const head = readHead(path);
  const sniffed = sniffFile(head, bytes, basename(path));
  ctx.progress?.("hashing");
  ctx.fault?.("hashing");
  const inspected = await inspectFile(path, "refuse" in sniffed ? undefined : sniffed.encoding);
  return {bytes, sniffed, inspected, sha256: inspected.sha256};
}

/** A file whose very bytes are already loaded (or were, and were superseded since) is skipped: how it is reported. */
async function sameContentLoaded(
  warehouse: Warehouse,
  sha256: string,
): Promise<Pick<LoadResult, "feed" | "status" | "message"> | null> {
  const [a] = await warehouse.all<{load_id: number; feed: string; status: string}>(
    "select load_id, feed, status from load_log where sha256 = $1 and status in ('loaded', 'superseded') order by load_id limit 1",
    [sha256],
  );
  if (!a) return null;
  return {
    feed: a.feed,
    status: "skipped",
    message: `same content already loaded (load ${a.load_id}${a.status === "superseded" ? ", since superseded" : ""})`,
  };
}

/**
 * Stages the file through DuckDB's readers (stageFile) and recognises its feed from its headers. Throws `FeedError`
 * for a file refused by sniffing or the text checks, one no reader can read, one that is no feed's, and one with a
 * header but no data rows; `known` keeps what was learnt before the refusal.
 */
async function stageAndRecognize(
  ctx: LoadContext,
  file: FileAtHand,
  tmp: string,
  feed: string | undefined,
  known: Known,
): Promise<ReadFile> {
  const {path, shown} = file;
  if ("refuse" in file.sniffed) throw new FeedError(shown, file.sniffed.refuse);
  const sniffed = textProblems(path, shown, file.sniffed, file.inspected);
  ctx.progress?.(sniffed.encoding === "gb18030" ? "transcoding GBK and reading" : "reading");
  ctx.fault?.("reading");
  const staged = await stageFile(ctx.warehouse, {path, shown, sniffed}, tmp, ctx.contracts, feed, ctx.fault);
  known.staged = staged;
  const match = recognizeFeed(staged.headers, ctx.contracts, feed);
  if ("refuse" in match) throw new FeedError(shown, match.refuse);
  known.contract = match.contract;
  if (staged.rowsRead === 0) {
    const where =
      staged.headerLine > 0
        ? ` below the header (${sniffed.format === "xlsx" ? "row" : "line"} ${staged.headerLine})`
        : "";
    throw new FeedError(
      shown,
      `the file has a header but no data rows${where}; expected rows of ${match.contract.feed}`,
    );
  }
  return {format: sniffed.format, staged, match};
}

/**
 * Checks every rule of the contract on every staged row, as of now in China: temp table `checked` (the rows, typed,
 * `_bad` on those that broke a rule) and `row_errors` (one row per broken rule, with its message).
 */
async function checkRows(ctx: LoadContext, match: HeaderMatch): Promise<void> {
  const {warehouse} = ctx;
  const now = chinaWallClock(ctx.now());
  const byColumn = new Map([...match.byColumn].map(([column, index]) => [column, `c${index}`]));
  const sql = checkSql(
    match.contract,
    {byColumn, synthetic: match.synthetic === undefined ? undefined : `c${match.synthetic}`},
    now,
  );
  await warehouse.run(sql.checked);
  ctx.fault?.("validating");
  // The message pass reads the staged rows again: only when some row broke a rule.
  const [{bad}] = (await warehouse.all<{bad: boolean}>("select exists (select 1 from checked where _bad) as bad")) as [
    {bad: boolean},
  ];
  await warehouse.run(
    bad
      ? sql.errors
      : "create or replace temp table row_errors as select * from (values (0::bigint, ''::varchar, ''::varchar, ''::varchar, ''::varchar)) t(_line, column_name, value, rule, message) where false",
  );
}

/** The load `--replace` supersedes: the latest still loaded of this feed under this file name, or null. */
async function loadToReplace(warehouse: Warehouse, contract: Contract, fileName: string): Promise<number | null> {
  const [latest] = await warehouse.all<{load_id: number}>(
    "select load_id from load_log where feed = $1 and file_name = $2 and status = 'loaded' order by load_id desc limit 1",
    [contract.feed, fileName],
  );
  return latest?.load_id ?? null;
}

/**
 * The end of the load's transaction: archives the file, writes its rejected and good rows (insertRows), fails unless
 * rows_read = rows_loaded + rows_rejected, supersedes the load it replaces, and logs the load.
 */
async function recordLoad(
  ctx: LoadContext,
  file: FileAtHand,
  read: ReadFile,
  replaced: number | null,
  replace: boolean | undefined,
): Promise<LoadResult> {
  const {warehouse} = ctx;
  const {contract} = read.match;
  const rowsRead = read.staged.rowsRead;
  ctx.progress?.("committing");
  const archived = archive(file.path, file.sha256, ctx.archiveDir);
  ctx.fault?.("committing");
  const id = await nextLoadId(warehouse);
  const counts = await insertRows(warehouse, contract, id);
  if (counts.loaded + counts.rejected !== rowsRead) {
    throw new Error(
      `row accounting failed for ${file.shown}: read ${rowsRead}, loaded ${counts.loaded}, rejected ${counts.rejected}`,
    );
  }
  if (replaced !== null)
    await warehouse.run("update load_log set status = 'superseded' where load_id = $1", [replaced]);
  const {columns, unmatched} = columnsUsed(read);
  const message =
    (counts.rejected ? `${counts.rejected} row${counts.rejected === 1 ? "" : "s"} rejected` : "all rows valid") +
    (unmatched.length ? `; columns not loaded (no column of ${contract.feed}): ${unmatched.join(", ")}` : "") +
    (read.staged.titleLines?.length
      ? `; title lines above the header (line ${read.staged.headerLine}), not rows: ${read.staged.titleLines.map((t) => `line ${t.line} "${t.text.slice(0, 60)}"`).join(", ")}`
      : "") +
    (replaced !== null
      ? `; supersedes load ${replaced}`
      : replace
        ? "; nothing to replace (no earlier load of this file name)"
        : "");
  await logLoad(warehouse, {
    id,
    feed: contract.feed,
    path: file.path,
    archived,
    sha256: file.sha256,
    bytes: file.bytes,
    staged: read.staged,
    sniffedFormat: read.format,
    contract,
    loaded: counts.loaded,
    rejected: counts.rejected,
    status: "loaded",
    message,
    replaces: replaced,
    synthetic: counts.synthetic > 0,
    dataFrom: counts.data_from,
    dataTo: counts.data_to,
    startedAt: file.startedAt,
    finishedAt: ctx.now(),
  });
  ctx.fault?.("commit");
  return {
    ...resultBase(file),
    feed: contract.feed,
    status: "loaded" as const,
    rows_read: rowsRead,
    rows_loaded: counts.loaded,
    rows_rejected: counts.rejected,
    message,
    load_id: id,
    columns,
    unmatched_headers: unmatched,
  };
}

/**
 * Which file header fed which column, and the headers that fed none (blank ones aside): said for every load so
 * that a column read from the wrong header (序号 for a task number) or a column dropped is never silent.
 */
function columnsUsed(read: ReadFile): {columns: Record<string, string>; unmatched: string[]} {
  const {headers} = read.staged;
  const columns = Object.fromEntries([...read.match.byColumn].map(([column, i]) => [column, headers[i]!.trim()]));
  return {columns, unmatched: read.match.extra.map((h) => h.trim()).filter((h) => h !== "")};
}

/** Logs a refused file in a transaction of its own (nothing else of it is kept) and reports it. */
async function recordRefusal(ctx: LoadContext, file: FileAtHand, known: Known, error: FeedError): Promise<LoadResult> {
  const {warehouse} = ctx;
  await warehouse.transaction(async () => {
    const id = await nextLoadId(warehouse);
    await logLoad(warehouse, {
      id,
      feed: known.contract?.feed ?? null,
      path: file.path,
      archived: null,
      sha256: file.sha256,
      bytes: file.bytes,
      staged: known.staged ?? null,
      sniffedFormat: null,
      contract: known.contract ?? null,
      loaded: 0,
      rejected: 0,
      status: "refused",
      message: error.message,
      replaces: null,
      synthetic: false,
      dataFrom: null,
      dataTo: null,
      startedAt: file.startedAt,
      finishedAt: ctx.now(),
    });
  });
  return {
    ...resultBase(file),
    feed: known.contract?.feed ?? null,
    status: "refused",
    rows_read: known.staged?.rowsRead ?? 0,
    message: error.message,
  };
}

async function nextLoadId(warehouse: Warehouse): Promise<number> {
  const [{id}] = (await warehouse.all<{id: number}>("select nextval('load_id_seq')::integer as id")) as [{id: number}];
  return id;
}

/** Drops what a load stages on the connection; a failure here is ignored so it cannot hide the load's own outcome. */
async function dropTempTables(warehouse: Warehouse): Promise<void> {
  await warehouse
    .run(
      "drop view if exists raw; drop table if exists raw0; drop table if exists reader_rejects; drop table if exists checked; drop table if exists row_errors; drop table if exists dup_keys; drop table if exists dup_rejects",
    )
    .catch(() => {});
}
