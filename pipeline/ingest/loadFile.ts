import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join} from "node:path";
import type {Catalog} from "../catalog/index.ts";
import type {Warehouse} from "../db.ts";
import {FeedError} from "../errors.ts";
import {archive} from "./archive.ts";
import {
  checkSql,
  cutIdCheck,
  decimalEvidenceSql,
  wholeFileChecks,
  type Registries,
  type StagedColumns,
} from "./checkSql.ts";
import {decimalMark, type DecimalMark, type MarkEvidence, type MarkExample, type MarkReading} from "./decimalMark.ts";
import {convertToXlsx} from "./convertToXlsx.ts";
import {correctedLoad, type EarlierVersion} from "./correctedLoad.ts";
import type {Contract} from "./contractSchema.ts";
import type {FaultPoint} from "../faultPoint.ts";
import {ensureFeedTable} from "./feedTable.ts";
import {SOFFICE_HINT} from "./findSoffice.ts";
import {inspectFile, type Inspected} from "./inspectFile.ts";
import {insertRows} from "./insertRows.ts";
import {logLoad} from "./logLoad.ts";
import {recognizeFeed, type HeaderMatch} from "./matchHeaders.ts";
import {unitNoteRefusal, unitRowRefusal} from "./rowRules.ts";
import {readRegistries} from "./registries.ts";
import {rejectDuplicatesInFile, rejectDuplicatesLoaded} from "./rejectDuplicates.ts";
import {rejectReasons, type RejectReason} from "./rejectReasons.ts";
import {FOOTER_PATTERN} from "./personalData.ts";
import {
  sniffFile,
  spreadsheetMlAsUtf8,
  spreadsheetMlEncoding,
  type FileFormat,
  type Refusal,
  type Sniffed,
} from "./sniffFile.ts";
import {stageFile, type Staged} from "./stageFile.ts";
import {describeSheets, XLSX_SHEET_LINE_STRIDE, type SheetsRead} from "./workbookSheets.ts";
import {readHead, textProblems} from "./textProblems.ts";
import {chinaWallClock} from "../calendar/chinaWallClock.ts";

/** Why a legacy or OpenDocument workbook is refused where no LibreOffice can convert it, and the two ways out. */
const SPREADSHEETML_REFUSAL = `an Excel 2003 XML workbook (SpreadsheetML) and no LibreOffice here to convert it: open it and save it as .xlsx or as CSV and load that, or ${SOFFICE_HINT}`;
const ODS_REFUSAL = `an OpenDocument spreadsheet (.ods) and no LibreOffice here to convert it: save it as .xlsx or as CSV and load that, or ${SOFFICE_HINT}`;
const LEGACY_REFUSAL = `an old binary Excel 97–2003 or WPS workbook (.xls/.et) and no LibreOffice here to convert it: save it as .xlsx or as CSV and load that, or ${SOFFICE_HINT}`;

/** The formats LibreOffice converts to XLSX: the name its copy is converted from, and the refusal without it. */
const CONVERTED: Partial<Record<FileFormat, {input: "xls" | "ods" | "xml"; refusal: string}>> = {
  xls: {input: "xls", refusal: LEGACY_REFUSAL},
  ods: {input: "ods", refusal: ODS_REFUSAL},
  spreadsheetml: {input: "xml", refusal: SPREADSHEETML_REFUSAL},
};

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
  /** The earlier load a `--replace` superseded (the same file name, or a corrected version's). */
  replaces?: {load_id: number; file: string};
  /** A loaded file's top reasons for rejected rows (empty when none was rejected). */
  reject_reasons?: RejectReason[];
  /** A loaded file's footer lines (sign-off rows below the table, 填报人 …): skipped, neither loaded nor rejected. */
  footer_lines?: number[];
  /** Which header of the file was read for which column of the feed (column → header), for a loaded file. */
  columns?: Record<string, string>;
  /** Headers of the file that match no column of the feed: their values were not loaded. */
  unmatched_headers?: string[];
  /** XLSX: the sheets read and those skipped (hidden, very hidden, no header of the feed), hidden rows left out. */
  sheets?: SheetsRead;
  /**
   * A delimited text file's decimal mark, as its numbers were read (decimalMark.ts): `comma` for `1.234,5`;
   * `ambiguous` (with `why`) where the file did not tell it, its `1,500`-like numbers rejected.
   */
  decimal_mark?: MarkReading;
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
  /** Called as a file moves through its phases (for the progress display), with its data rows once they are known. */
  progress?: (phase: string, rows?: number) => void;
  /** The crash tests' fault-injection seam (`BIZENV_FAULT`); absent in normal runs. */
  fault?: FaultPoint;
  /**
   * LibreOffice, the environment to run it in and the profile folder it keeps for this load, to convert legacy
   * .xls/.et workbooks; absent: they are refused.
   */
  converter?: {soffice: string; env: Record<string, string | undefined>; profileDir: string};
  /** Shared by the files of one run of loads (`Learnt`); absent: each file asks again. */
  learnt?: Learnt;
  /** The decimal mark of the delimited text files loaded (`--decimal`); absent: decided from each file. */
  decimal?: DecimalMark;
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
  const skipped = await sameContentLoaded(warehouse, file.sha256, {
    ...(ctx.decimal === undefined ? {} : {stated: ctx.decimal}),
    replace: options.replace === true,
  });
  if (skipped) return {...resultBase(file), ...skipped};

  const tmp = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  const known: Known = {};
  try {
    const read = await stageAndRecognize(ctx, file, tmp, options.feed, known);
    const {contract} = read.match;
    ctx.progress?.("validating", read.staged.rowsRead);
    // Checked before the transaction: the checks write only temp tables, and rows a transaction wrote are kept in
    // its own storage until it commits, where grouping the keys and copying the rows out took 0.7 s longer at 1 M
    // rows (docs/performance.md, 2026-12-06 evening).
    const footers = await checkRows(ctx, read, known);
    await rejectDuplicatesInFile(warehouse, contract);
    const result = await warehouse.transaction(async () => {
      // Inside the load's transaction: a feed's first load creates its table, and a crash takes that back too.
      await ensureFeedTable(warehouse, contract);
      const correction = await correctedLoad(warehouse, contract, basename(path), options.replace === true);
      if ("refuse" in correction) throw new FeedError(shown, correction.refuse);
      await rejectDuplicatesLoaded(warehouse, contract, correction.replaces?.load_id ?? null);
      return await recordLoad(ctx, file, read, correction.replaces, correction.note, footers);
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
  /** How the file's numbers were read (decimalMark.ts): with a point for every file but a delimited text one. */
  mark?: MarkReading;
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

/**
 * A file whose very bytes are already loaded (or were, and were superseded since) is skipped: how it is reported. Not
 * when the load states a decimal mark (`--decimal` with `--replace`) other than the one the load in force read it with.
 */
async function sameContentLoaded(
  warehouse: Warehouse,
  sha256: string,
  decimal: {stated?: DecimalMark; replace: boolean},
): Promise<Pick<LoadResult, "feed" | "status" | "message"> | null> {
  const [a] = await warehouse.all<{load_id: number; feed: string; status: string; decimal_mark: string | null}>(
    "select load_id, feed, status, decimal_mark from load_log where sha256 = $1 and status in ('loaded', 'superseded') order by status = 'loaded' desc, load_id desc limit 1",
    [sha256],
  );
  if (!a) return null;
  // Read again with the mark the load states (`--decimal` with `--replace`): the load in force read it otherwise.
  const otherMark =
    decimal.stated !== undefined &&
    a.status === "loaded" &&
    a.decimal_mark !== null &&
    a.decimal_mark !== decimal.stated;
  if (otherMark && decimal.replace) return null;
  return {
    feed: a.feed,
    status: "skipped",
    message:
      `same content already loaded (load ${a.load_id}${a.status === "superseded" ? ", since superseded" : ""})` +
      (otherMark ? `; to read it again with --decimal ${decimal.stated}, add --replace` : ""),
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
  const {shown} = file;
  if ("refuse" in file.sniffed) throw new FeedError(shown, file.sniffed.refuse);
  let sniffed = textProblems(file.path, shown, file.sniffed, file.inspected);
  let path = file.path;
  const converted = CONVERTED[sniffed.format];
  if (converted) {
    // A legacy, OpenDocument or 2003 XML workbook is read as the XLSX LibreOffice makes of it: the same sheet rows.
    if (!ctx.converter) throw new FeedError(shown, converted.refusal);
    ctx.progress?.("converting with LibreOffice");
    let source = file.path;
    // An Excel 2003 XML workbook in another encoding than UTF-8 is made UTF-8 first (read whole only then).
    const encoding = sniffed.format === "spreadsheetml" ? spreadsheetMlEncoding(readHead(file.path)) : "utf-8";
    if (encoding !== "utf-8") {
      let utf8: Buffer;
      try {
        utf8 = spreadsheetMlAsUtf8(readFileSync(file.path), encoding);
      } catch (error) {
        throw new FeedError(shown, (error as Error).message);
      }
      writeFileSync((source = join(tmp, "workbook-utf8.xml")), utf8);
    }
    path = await convertToXlsx(ctx.converter.soffice, source, shown, tmp, ctx.converter, converted.input);
    sniffed = {format: "xlsx"};
  }
  ctx.progress?.(sniffed.encoding === "gb18030" ? "transcoding GBK and reading" : "reading");
  ctx.fault?.("reading");
  const staged = await stageFile(ctx.warehouse, {path, shown, sniffed}, tmp, ctx.contracts, feed, ctx.fault);
  known.staged = staged;
  const match = recognizeFeed(staged.headers, ctx.contracts, feed);
  if ("refuse" in match) throw new FeedError(shown, match.refuse);
  known.contract = match.contract;
  // A unit said above the header (单位：万元) that is not the columns' unit: their values would be stored as if it were.
  const unitNote = unitNoteRefusal(staged.titles ?? [], staged.headers, match);
  if (unitNote) throw new FeedError(shown, unitNote);
  // Units in a row under the header (（万元） under 费用): held to the columns' units the same way. Delimited text:
  // its first record, read with the header; a workbook's or a table's: its first staged row.
  let firstRow = staged.firstRow;
  if (firstRow === undefined && staged.delimiter === null && staged.headerLine > 0 && staged.rowsRead > 0) {
    const names = staged.headers.map((_, i) => `c${i}`);
    const [first] = await ctx.warehouse.all<Record<string, string | null>>(
      `select ${names.join(", ")} from raw order by _line limit 1`,
    );
    firstRow = first && names.map((n) => first[n] ?? "");
  }
  const unitRow = firstRow && unitRowRefusal(firstRow, staged.headers, match);
  if (unitRow) throw new FeedError(shown, unitRow);
  if (staged.rowsRead === 0) {
    const where =
      staged.headerLine > 0
        ? ` below the header (${sniffed.format === "xlsx" ? "row" : file.sniffed.format === "html" ? "table row" : "line"} ${staged.headerLine})`
        : "";
    throw new FeedError(
      shown,
      `the file has a header but no data rows${where}; expected rows of ${match.contract.feed}`,
    );
  }
  return {format: file.sniffed.format, staged, match};
}

/**
 * Checks every rule of the contract on every staged row, as of now in China: temp table `checked` (the rows, typed,
 * `_bad` on those that broke a rule) and `row_errors` (one row per broken rule, with its message). A streamed file
 * (`Staged.streamed`) is checked as DuckDB reads it, its rows numbered by their position in `checked`; when that
 * cannot be (the strict reader refused a line, or a check must read the whole file first) it is staged again the
 * other way (`read.staged` and `known.staged` then say how) and checked from there.
 */
async function checkRows(ctx: LoadContext, read: ReadFile, known: Known): Promise<number[]> {
  const {warehouse} = ctx;
  const {contract} = read.match;
  const now = chinaWallClock(ctx.now());
  const learnt: Learnt = ctx.learnt ?? {ordered: new Map()};
  learnt.registries ??= await readRegistries(warehouse);
  const registries = learnt.registries;
  const restage = async () => {
    read.staged = await read.staged.streamed!.restage();
    known.staged = read.staged;
  };
  // The checks of a streamed file, numbered: false when the reader failed or read other rows than the scan counted.
  const runChecked = async (sql: string, streamed: boolean): Promise<boolean> => {
    if (!streamed) {
      await warehouse.run(sql);
      return true;
    }
    // Rows are numbered by their position only where DuckDB keeps the reader's order: a plan writing in the order of
    // its source (a join, such as DuckDB makes of a long IN list, is not one; one thread always is).
    // Asked once per statement and thread count in a run of loads (as long as the statement takes for a small file).
    const [{threads}] = (await warehouse.all<{threads: number}>(
      "select current_setting('threads')::integer as threads",
    )) as [{threads: number}];
    // The load's clock is in the text (the future-date rule) but not in the plan.
    const key = `${threads}\n${sql.replaceAll(now, "").replaceAll(now.slice(0, 16), "")}`;
    let ordered = learnt.ordered.get(key);
    if (ordered === undefined) {
      const plan = await warehouse.all<{explain_value: string}>(`explain ${sql}`);
      ordered = threads === 1 || plan.some((r) => r.explain_value.includes("BATCH_CREATE_TABLE_AS"));
      learnt.ordered.set(key, ordered);
    }
    if (!ordered) return false;
    try {
      await warehouse.run(sql);
    } catch {
      return false;
    }
    const [{n}] = (await warehouse.all<{n: number}>("select count(*) as n from checked")) as [{n: number}];
    if (n !== read.staged.rowsRead) return false;
    // A projection of the reader keeps the file's order (as a parallel read into a table does): line 1 is the header.
    await warehouse.run("update checked set _line = rowid + 2");
    return true;
  };
  // The file's decimal mark (decimalMark.ts): stated by the load, or decided once from the file's cells below.
  // Whether the file is read whole for its mark (decideDecimalMark), known before a streamed file is staged again.
  let markRead = false;
  let mark: MarkReading | undefined =
    read.staged.delimiter === null
      ? {mark: "point"}
      : ctx.decimal === undefined
        ? undefined
        : decimalMark({}, read.staged.delimiter, ctx.decimal);
  for (;;) {
    const staged: StagedColumns = {...stagedColumns(read), ...(mark === undefined ? {} : {mark})};
    const streamed = staged.streamed === true;
    // A file separated by semicolons is read for its decimal mark (decideDecimalMark) from numbered lines.
    if (mark === undefined && streamed && read.staged.delimiter === ";") {
      await restage();
      continue;
    }
    // Identifier columns are first taken as kept as text (no second read of the file), then checked (cutIdCheck).
    const cuts = cutIdCheck(contract, staged);
    const assumed = Object.fromEntries(cuts.map((c) => [c.column, true]));
    // An identifier column with value aliases reads the whole file in a subquery: not a projection of the stream.
    if (streamed && wholeFileChecks(contract, staged, assumed)) {
      await restage();
      continue;
    }
    let sql = checkSql(contract, staged, now, registries, assumed);
    if (!(await runChecked(sql.checked, streamed))) {
      await restage();
      continue;
    }
    const kept: Record<string, boolean> = {};
    let again = false;
    for (const cut of cuts) {
      const [r] = (await warehouse.all<{suspect: boolean; kept: boolean}>(cut.query)) as [
        {suspect: boolean; kept: boolean},
      ];
      kept[cut.column] = r.kept;
      if (r.suspect && !r.kept) again = true;
    }
    if (again) {
      sql = checkSql(contract, staged, now, registries, kept);
      if (!(await runChecked(sql.checked, streamed))) {
        await restage();
        continue;
      }
    }
    // The message pass reads the staged rows again: only when some row broke a rule.
    const [{bad}] = (await warehouse.all<{bad: boolean}>(
      "select exists (select 1 from checked where _bad) as bad",
    )) as [{bad: boolean}];
    if (mark === undefined) {
      const decided = await decideDecimalMark(ctx, read, staged, markRead ? "read whole" : bad);
      if (decided === "restage") {
        // Its rejected rows showed a decimal comma: read whole for the evidence, from numbered lines.
        markRead = true;
        await restage();
        continue;
      }
      mark = decided;
      // Read again: the first pass read the file's numbers with a point, and took `1,500` for 1500.
      if (mark.mark !== "point") continue;
    }
    read.mark = mark;
    const footers = await setAsideFooters(warehouse);
    ctx.fault?.("validating");
    // A streamed file's broken rows kept their staged cells: the message pass reads them there, not the file.
    if (bad && streamed) await warehouse.run(`create or replace temp view raw as ${keptCells(read)}`);
    await warehouse.run(
      bad
        ? sql.errors
        : "create or replace temp table row_errors as select * from (values (0::bigint, ''::varchar, ''::varchar, ''::varchar, ''::varchar)) t(_line, column_name, value, rule, message) where false",
    );
    // The staged text is not read again: its memory goes back before the duplicate keys and the insert.
    await warehouse.run("drop view if exists raw; drop table if exists raw0");
    return footers;
  }
}

/** A streamed file's rejected rows as `checked` kept their staged cells (checkSql `_cells`): c0 … and `_line`. */
function keptCells(read: ReadFile): string {
  const cells = read.staged.headers.map((_, i) => `nullif(split[${i + 1}], '') as c${i}`).join(", ");
  return `select ${cells}, _line from (select string_split(_cells, chr(10)) as split, _line from checked where _bad)`;
}

/**
 * The decimal mark of a delimited text file whose load did not state one (decimalMark.ts), from the cells of its
 * number columns, or `ambiguous` where they do not tell it. Most files cost nothing here: only a file
 * separated by semicolons, or one with a rejected row whose number a decimal comma could have written, is read for
 * the evidence, from numbered lines (`restage` asks for a streamed file to be staged so first; `read whole`: its
 * rejected rows were asked already).
 */
async function decideDecimalMark(
  ctx: LoadContext,
  read: ReadFile,
  staged: StagedColumns,
  bad: boolean | "read whole",
): Promise<MarkReading | "restage"> {
  const {warehouse} = ctx;
  const {contract} = read.match;
  const evidence = async (source: string) => {
    const sql = decimalEvidenceSql(contract, staged, source);
    if (sql === null) return {};
    const rows = await warehouse.all<{
      kind: MarkEvidence;
      line: number;
      column_name: string;
      value: string;
      count: number;
    }>(sql);
    return Object.fromEntries(
      rows.map((r) => [r.kind, {line: Number(r.line), column: r.column_name, value: r.value, count: Number(r.count)}]),
    ) as Partial<Record<MarkEvidence, MarkExample>>;
  };
  const semicolon = read.staged.delimiter === ";";
  if (!semicolon && bad !== "read whole") {
    if (!bad) return {mark: "point"};
    // The rejected rows' cells: a streamed file's are kept in `checked` (checkSql), another's are in `raw`.
    const badRows = staged.streamed
      ? `(${keptCells(read)})`
      : "(select * from raw where _line in (select _line from checked where _bad))";
    if ((await evidence(badRows)).comma === undefined) return {mark: "point"};
  }
  if (staged.streamed) return "restage";
  // A sign-off or totals line below the table (合计 …) is no row of the feed: no evidence either (as rowRules skips it).
  return decimalMark(
    await evidence("(select * from raw where _line not in (select _line from checked where _footer))"),
    read.staged.delimiter,
  );
}

/**
 * What the checks learn once in a run of loads into one warehouse (`LoadContext.learnt`): the warehouse's registries,
 * and whether a checks statement is written in its reader's order (by statement text and thread count).
 */
export interface Learnt {
  registries?: Registries;
  ordered: Map<string, boolean>;
}

/** Where the checks find each contract column among the staged cells, and how the file was staged. */
function stagedColumns(read: ReadFile): StagedColumns {
  const {match, staged} = read;
  return {
    byColumn: new Map([...match.byColumn].map(([column, index]) => [column, `c${index}`])),
    timeOf: new Map([...match.timeOf].map(([column, index]) => [column, `c${index}`])),
    synthetic: match.synthetic === undefined ? undefined : `c${match.synthetic}`,
    width: staged.headers.length,
    cellsTrimmed: staged.cellsTrimmed === true,
    streamed: staged.streamed !== undefined,
  };
}

/**
 * Takes the footer lines (填报人：张三 联系电话：…, see personalData.ts) out of the rows to load and out of the reader's
 * rejects (a footer line with fewer fields than the header), so that their text is never stored as a rejected row.
 * Returns their lines: they are not data rows, and the load reports them as skipped.
 */
async function setAsideFooters(warehouse: Warehouse): Promise<number[]> {
  // A malformed line's value is its raw text: the label may follow delimiters of empty cells or a quote.
  await warehouse.run(
    `create or replace temp table footer_lines as
       select _line as line from checked where _footer
       union all select line from reader_rejects where regexp_matches(value, '^[\\s,;|"]*' || $1)`,
    [FOOTER_PATTERN.slice(1)],
  );
  const lines = (await warehouse.all<{line: number}>("select line from footer_lines order by line")).map((r) =>
    Number(r.line),
  );
  if (lines.length > 0) {
    await warehouse.run("delete from checked where _footer");
    await warehouse.run("delete from reader_rejects where line in (select line from footer_lines)");
  }
  return lines;
}

/**
 * The end of the load's transaction: archives the file, writes its rejected and good rows (insertRows), fails unless
 * rows_read = rows_loaded + rows_rejected, supersedes the load it replaces, and logs the load.
 */
async function recordLoad(
  ctx: LoadContext,
  file: FileAtHand,
  read: ReadFile,
  replaced: EarlierVersion | null,
  note: string,
  footers: number[],
): Promise<LoadResult> {
  const {warehouse} = ctx;
  const {contract} = read.match;
  // Footer lines are not data rows: rows_read = rows_loaded + rows_rejected holds for the rows of the table.
  const rowsRead = read.staged.rowsRead - footers.length;
  ctx.progress?.("committing", rowsRead);
  // The copy is kept while the rows are written; both must be done before the load is logged and committed.
  const archiving = archive(file.path, file.sha256, ctx.archiveDir);
  archiving.catch(() => {}); // awaited below; a failure of the insert must not leave it unhandled
  ctx.fault?.("committing");
  const id = await nextLoadId(warehouse);
  // When both fail (a full disk), the archive's error is the one that says so, with what to do.
  const counts = await insertRows(warehouse, contract, id).catch(async (error: unknown) => {
    await archiving;
    throw error;
  });
  const archived = await archiving;
  if (counts.loaded + counts.rejected !== rowsRead) {
    throw new Error(
      `row accounting failed for ${file.shown}: read ${rowsRead}, loaded ${counts.loaded}, rejected ${counts.rejected}`,
    );
  }
  if (read.staged.sheets) await placeRejectsInSheets(warehouse, id, read.staged.sheets);
  if (replaced !== null)
    await warehouse.run("update load_log set status = 'superseded' where load_id = $1", [replaced.load_id]);
  const {columns, unmatched} = columnsUsed(read);
  const message =
    (counts.rejected ? `${counts.rejected} row${counts.rejected === 1 ? "" : "s"} rejected` : "all rows valid") +
    (unmatched.length ? `; columns not loaded (no column of ${contract.feed}): ${unmatched.join(", ")}` : "") +
    (read.staged.titleLines?.length
      ? `; title lines above the header (line ${read.staged.headerLine}), not rows: ${read.staged.titleLines.map((t) => `line ${t.line} "${t.text.slice(0, 60)}"`).join(", ")}`
      : "") +
    (note ? `; ${note}` : "") +
    (footers.length
      ? `; ${footers.length} footer line${footers.length === 1 ? "" : "s"} skipped (${footers.length === 1 ? "line" : "lines"} ${footers.slice(0, 5).join(", ")}${footers.length > 5 ? ", …" : ""})`
      : "") +
    (read.staged.sheets && describeSheets(read.staged.sheets) ? `; ${describeSheets(read.staged.sheets)}` : "");
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
    replaces: replaced?.load_id ?? null,
    synthetic: counts.synthetic > 0,
    dataFrom: counts.data_from,
    dataTo: counts.data_to,
    decimalMark: read.staged.delimiter === null ? null : (read.mark?.mark ?? null),
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
    ...(replaced === null ? {} : {replaces: {load_id: replaced.load_id, file: replaced.file_name}}),
    reject_reasons: counts.rejected ? await rejectReasons(warehouse, id) : [],
    footer_lines: footers,
    columns,
    unmatched_headers: unmatched,
    ...(read.staged.sheets ? {sheets: read.staged.sheets} : {}),
    ...(read.staged.delimiter === null || read.mark === undefined ? {} : {decimal_mark: read.mark}),
  };
}

/**
 * Which file header fed which column, and the headers that fed none (blank ones aside): said for every load so
 * that a column read from the wrong header (序号 for a task number) or a column dropped is never silent. A date
 * completed by a time-of-day column of its own (time_aliases) names both headers: `受理日期 + 受理时间`.
 */
function columnsUsed(read: ReadFile): {columns: Record<string, string>; unmatched: string[]} {
  const {headers} = read.staged;
  const columns = Object.fromEntries(
    [...read.match.byColumn].map(([column, i]) => {
      const time = read.match.timeOf.get(column);
      return [column, headers[i]!.trim() + (time === undefined ? "" : ` + ${headers[time]!.trim()}`)];
    }),
  );
  return {columns, unmatched: read.match.extra.map((h) => h.trim()).filter((h) => h !== "")};
}

/** Names each rejected row's sheet and row in it (its line encodes both: see XLSX_SHEET_LINE_STRIDE). */
async function placeRejectsInSheets(warehouse: Warehouse, id: number, sheets: SheetsRead): Promise<void> {
  for (const [ordinal, sheet] of sheets.read.entries()) {
    const from = ordinal * XLSX_SHEET_LINE_STRIDE;
    await warehouse.run(
      "update load_rejects set sheet = $2, sheet_row = line - $3 where load_id = $1 and line >= $3 and line < $3 + $4",
      [id, sheet.name, from, XLSX_SHEET_LINE_STRIDE],
    );
  }
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
      decimalMark: null,
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
    ...(known.staged?.sheets ? {sheets: known.staged.sheets} : {}),
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
      "drop view if exists raw; drop table if exists raw0; drop table if exists reader_rejects; drop table if exists checked; drop table if exists row_errors; drop table if exists dup_keys; drop table if exists dup_rejects; drop table if exists footer_lines",
    )
    .catch(() => {});
}
