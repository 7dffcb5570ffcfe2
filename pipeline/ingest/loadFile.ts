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
import {currentView, ensureFeedTable, feedTable} from "./feedTable.ts";
import {inspectFile} from "./inspectFile.ts";
import {recognizeFeed} from "./matchHeaders.ts";
import {sniffFile} from "./sniffFile.ts";
import {ident, lit} from "./sql.ts";
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
  const fault = ctx.fault;
  const startedAt = ctx.now();
  const bytes = statSync(path).size;
  const head = readHead(path);
  let sniffed = sniffFile(head, bytes, basename(path));
  ctx.progress?.("hashing");
  fault?.("hashing");
  const inspected = await inspectFile(path, "refuse" in sniffed ? undefined : sniffed.encoding);
  const sha256 = inspected.sha256;
  const base = {file: shown, sha256, rows_read: 0, rows_loaded: 0, rows_rejected: 0, load_id: null};

  const already = await warehouse.all<{load_id: number; feed: string; status: string}>(
    "select load_id, feed, status from load_log where sha256 = $1 and status in ('loaded', 'superseded') order by load_id limit 1",
    [sha256],
  );
  if (already[0]) {
    const a = already[0];
    return {
      ...base,
      feed: a.feed,
      status: "skipped",
      message: `same content already loaded (load ${a.load_id}${a.status === "superseded" ? ", since superseded" : ""})`,
    };
  }

  const tmp = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  let staged: Staged | undefined;
  let contract: Contract | undefined;
  try {
    if ("refuse" in sniffed) throw new FeedError(shown, sniffed.refuse);
    sniffed = textProblems(path, shown, sniffed, inspected);
    ctx.progress?.(sniffed.encoding === "gb18030" ? "transcoding GBK and reading" : "reading");
    fault?.("reading");
    staged = await stageFile(warehouse, {path, shown, sniffed}, tmp, ctx.contracts, options.feed, fault);
    const match = recognizeFeed(staged.headers, ctx.contracts, options.feed);
    if ("refuse" in match) throw new FeedError(shown, match.refuse);
    const chosen = match.contract;
    contract = chosen;
    if (staged.rowsRead === 0) {
      const where =
        staged.headerLine > 0
          ? ` below the header (${sniffed.format === "xlsx" ? "row" : "line"} ${staged.headerLine})`
          : "";
      throw new FeedError(shown, `the file has a header but no data rows${where}; expected rows of ${chosen.feed}`);
    }
    const rowsRead = staged.rowsRead;
    const format = sniffed.format;

    ctx.progress?.("validating");
    const result = await warehouse.transaction(async () => {
      // Inside the load's transaction: a feed's first load creates its table, and a crash takes that back too.
      await ensureFeedTable(warehouse, chosen);
      const now = chinaWallClock(ctx.now());
      const byColumn = new Map([...match.byColumn].map(([column, index]) => [column, `c${index}`]));
      const sql = checkSql(
        chosen,
        {byColumn, synthetic: match.synthetic === undefined ? undefined : `c${match.synthetic}`},
        now,
      );
      await warehouse.run(sql.checked);
      fault?.("validating");
      // The message pass reads the staged rows again: only when some row broke a rule.
      const [{bad}] = (await warehouse.all<{bad: boolean}>(
        "select exists (select 1 from checked where _bad) as bad",
      )) as [{bad: boolean}];
      await warehouse.run(
        bad
          ? sql.errors
          : "create or replace temp table row_errors as select * from (values (0::bigint, ''::varchar, ''::varchar, ''::varchar, ''::varchar)) t(_line, column_name, value, rule, message) where false",
      );

      const replaced = options.replace
        ? ((
            await warehouse.all<{load_id: number}>(
              "select load_id from load_log where feed = $1 and file_name = $2 and status = 'loaded' order by load_id desc limit 1",
              [chosen.feed, basename(path)],
            )
          )[0]?.load_id ?? null)
        : null;
      const keys = chosen.key.map(ident);
      const keyOn = (a: string, b: string) => keys.map((k) => `${a}.${k} = ${b}.${k}`).join(" and ");
      const keyText = (a: string) =>
        `concat_ws(', ', ${chosen.key.map((k) => `${lit(k)} || '=' || ${a}.${ident(k)}::varchar`).join(", ")})`;
      // Keys seen twice first (one grouping of the key columns), then only their rows are looked at.
      await warehouse.run(`create or replace temp table dup_keys as
        select ${keys.join(", ")}, min(_line) as first_line from checked where not _bad
        group by ${keys.join(", ")} having count(*) > 1`);
      await warehouse.run(`create or replace temp table dup_rejects as
        select c._line, ${keyText("c")} as key_text, 'duplicate_key' as rule,
               'duplicate key (' || ${keyText("c")} || '): line ' || k.first_line || ' of this file has it already' as message
        from checked c join dup_keys k on ${keyOn("c", "k")}
        where not c._bad and c._line <> k.first_line`);
      await warehouse.run(
        `insert into dup_rejects
        select c._line, ${keyText("c")}, 'duplicate_loaded',
               'duplicate key (' || ${keyText("c")} || '): already loaded from ' || l.file_name || ' line ' || f._line || ' (load ' || f._load_id || ')'
        from checked c join ${currentView(chosen)} f on ${keyOn("c", "f")} join load_log l on l.load_id = f._load_id
        where not c._bad and f._load_id is distinct from $1
          and not exists (select 1 from dup_rejects d where d._line = c._line)`,
        [replaced],
      );

      ctx.progress?.("committing");
      const archived = archive(path, sha256, ctx.archiveDir);
      fault?.("committing");
      const [{id}] = (await warehouse.all<{id: number}>("select nextval('load_id_seq')::integer as id")) as [
        {id: number},
      ];
      await warehouse.run(
        `insert into load_rejects
         select $1, _line, column_name, value, rule, message from row_errors
         union all select $1, _line, ${lit(chosen.key.join(","))}, key_text, rule, message from dup_rejects
         union all select $1, line, column_name, left(value, 500), 'malformed', message from reader_rejects`,
        [id],
      );
      const columns = chosen.columns.map((c) => ident(c.name)).join(", ");
      // Rows with a duplicate key are marked bad first (usually none): an anti-join in the insert itself doubled
      // its time on a million rows, even against an empty table.
      await warehouse.run("update checked set _bad = true where _line in (select _line from dup_rejects)");
      await warehouse.run(
        `insert into ${feedTable(chosen)} (_load_id, _line, _is_synthetic, ${columns})
         select $1, _line, _is_synthetic, ${columns} from checked where not _bad`,
        [id],
      );
      const asOf = ident(chosen.as_of_column);
      const [counts] = (await warehouse.all<{
        loaded: number;
        rejected: number;
        synthetic: number;
        data_from: string | null;
        data_to: string | null;
      }>(
        `select (select count(*) from ${feedTable(chosen)} where _load_id = $1) as loaded,
                (select count(distinct line) from load_rejects where load_id = $1) as rejected,
                (select count(*) from ${feedTable(chosen)} where _load_id = $1 and _is_synthetic) as synthetic,
                (select min(${asOf})::date from ${feedTable(chosen)} where _load_id = $1) as data_from,
                (select max(${asOf})::date from ${feedTable(chosen)} where _load_id = $1) as data_to`,
        [id],
      )) as [{loaded: number; rejected: number; synthetic: number; data_from: string | null; data_to: string | null}];
      if (counts.loaded + counts.rejected !== rowsRead) {
        throw new Error(
          `row accounting failed for ${shown}: read ${rowsRead}, loaded ${counts.loaded}, rejected ${counts.rejected}`,
        );
      }
      if (replaced !== null)
        await warehouse.run("update load_log set status = 'superseded' where load_id = $1", [replaced]);
      const message =
        (counts.rejected ? `${counts.rejected} row${counts.rejected === 1 ? "" : "s"} rejected` : "all rows valid") +
        (replaced !== null
          ? `; supersedes load ${replaced}`
          : options.replace
            ? "; nothing to replace (no earlier load of this file name)"
            : "");
      await logLoad(warehouse, {
        id,
        feed: chosen.feed,
        path,
        archived,
        sha256,
        bytes,
        staged: staged!,
        sniffedFormat: format,
        contract: chosen,
        loaded: counts.loaded,
        rejected: counts.rejected,
        status: "loaded",
        message,
        replaces: replaced,
        synthetic: counts.synthetic > 0,
        dataFrom: counts.data_from,
        dataTo: counts.data_to,
        startedAt,
        finishedAt: ctx.now(),
      });
      fault?.("commit");
      return {
        ...base,
        feed: chosen.feed,
        status: "loaded" as const,
        rows_read: rowsRead,
        rows_loaded: counts.loaded,
        rows_rejected: counts.rejected,
        message,
        load_id: id,
      };
    });
    fault?.("committed");
    return result;
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    await warehouse.transaction(async () => {
      const [{id}] = (await warehouse.all<{id: number}>("select nextval('load_id_seq')::integer as id")) as [
        {id: number},
      ];
      await logLoad(warehouse, {
        id,
        feed: contract?.feed ?? null,
        path,
        archived: null,
        sha256,
        bytes,
        staged: staged ?? null,
        sniffedFormat: null,
        contract: contract ?? null,
        loaded: 0,
        rejected: 0,
        status: "refused",
        message: error.message,
        replaces: null,
        synthetic: false,
        dataFrom: null,
        dataTo: null,
        startedAt,
        finishedAt: ctx.now(),
      });
    });
    return {
      ...base,
      feed: contract?.feed ?? null,
      status: "refused",
      rows_read: staged?.rowsRead ?? 0,
      message: error.message,
    };
  } finally {
    rmSync(tmp, {recursive: true, force: true});
    await warehouse
      .run(
        "drop view if exists raw; drop table if exists raw0; drop table if exists reader_rejects; drop table if exists checked; drop table if exists row_errors; drop table if exists dup_keys; drop table if exists dup_rejects",
      )
      .catch(() => {});
  }
}

async function logLoad(
  warehouse: Warehouse,
  e: {
    id: number;
    feed: string | null;
    path: string;
    archived: string | null;
    sha256: string;
    bytes: number;
    staged: Staged | null;
    sniffedFormat: string | null;
    contract: Contract | null;
    loaded: number;
    rejected: number;
    status: "loaded" | "refused";
    message: string;
    replaces: number | null;
    synthetic: boolean;
    dataFrom: string | null;
    dataTo: string | null;
    startedAt: Date;
    finishedAt: Date;
  },
): Promise<void> {
  await warehouse.run(
    `insert into load_log (load_id, feed, file_name, file_path, archived_path, sha256, bytes, format, encoding, delimiter, header_line,
       contract_version, contract_sha256, rows_read, rows_loaded, rows_rejected, status, message, replaces_load_id, is_synthetic,
       data_from, data_to, started_at, finished_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)`,
    [
      e.id,
      e.feed,
      basename(e.path),
      e.path,
      e.archived,
      e.sha256,
      e.bytes,
      e.sniffedFormat,
      e.staged?.encoding ?? null,
      e.staged?.delimiter ?? null,
      e.staged?.headerLine ?? null,
      e.contract?.version ?? null,
      e.contract?.sha256 ?? null,
      e.status === "loaded" ? e.loaded + e.rejected : (e.staged?.rowsRead ?? 0),
      e.loaded,
      e.rejected,
      e.status,
      e.message,
      e.replaces,
      e.synthetic,
      e.dataFrom,
      e.dataTo,
      e.startedAt.toISOString(),
      e.finishedAt.toISOString(),
    ],
  );
}
