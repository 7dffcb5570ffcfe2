import {closeSync, copyFileSync, createReadStream, createWriteStream, linkSync, openSync, readSync} from "node:fs";
import {extname, join} from "node:path";
import {Transform, type TransformCallback} from "node:stream";
import {pipeline} from "node:stream/promises";
import {createInterface} from "node:readline";
import Papa from "papaparse";
import iconv from "iconv-lite";
import {listValue} from "@duckdb/node-api";
import type {Warehouse} from "../db.ts";
import {FeedError} from "../errors.ts";
import type {Contract} from "./contractSchema.ts";
import type {FaultPoint} from "../faultPoint.ts";
import {recognizeFeed} from "./matchHeaders.ts";
import {HEADER_SEARCH_ROWS} from "./rowRules.ts";
import {MAX_RECORD_BYTES, numberRecords} from "./numberRecords.ts";
import {sniffDelimiter} from "./sniffDelimiter.ts";
import type {Sniffed} from "./sniffFile.ts";
import {readXlsxToCsv} from "./xlsxToCsv.ts";
import type {SheetsRead} from "./workbookSheets.ts";
import {readHtmlToCsv} from "./htmlToCsv.ts";
import {readArrowToCsv} from "./arrowToCsv.ts";
import {cellsTrimmed, scanPlainCsv} from "./plainCsv.ts";
import {transcodeParallel} from "./transcodeParallel.ts";
import {lit} from "./sql.ts";

/** A file has at most this many columns; wider headers are refused before DuckDB sees them. */
const MAX_COLUMNS = 1000;

/** What staging a file produced: a temp view `raw` (c0…cN as text, `_line`) and how the file was read. */
export interface Staged {
  headers: string[];
  /** 1-based line (CSV) or sheet row (XLSX) of the header; 0 for formats with a schema (Parquet, Arrow, JSON). */
  headerLine: number;
  encoding: string | null;
  delimiter: string | null;
  /** Rows that could not be split into the header's columns (in temp table `reader_rejects`). */
  readerRejects: number;
  /** Data rows in the file: those staged in `raw` plus the reader's rejects. */
  rowsRead: number;
  /** Title lines above the header of a CSV (`2023年10月开办企业办件统计表`): reported, never read as rows. */
  titleLines?: Array<{line: number; text: string}>;
  /** The text above the header, any format (title lines, cells of title rows and tables): where `单位：万元` is said. */
  titles?: string[];
  /** Delimited text: the fields of the first record under the header, where a units row (（万元）) would be. */
  firstRow?: string[];
  /** XLSX only: the sheets loaded (with their hidden rows, not staged) and those skipped, with why. */
  sheets?: SheetsRead;
  /**
   * True when every staged cell is already the text the rules read: a plain CSV (no quote anywhere) where no cell
   * begins or ends with a space separator (plainCsv.ts `cellsTrimmed`). The checks then skip trimming.
   */
  cellsTrimmed?: boolean;
  /**
   * A plain CSV staged as a stream (`streamPlainCsv`): `raw` reads the file as it is read, `_line` NULL, each row's
   * line its position plus two. `restage` stages it in a temp table instead (or record by record, when DuckDB's
   * strict reader refuses a line), for checks that cannot number rows by position or when the stream failed.
   */
  streamed?: {restage: () => Promise<Staged>};
}

const TRANSCODE: Partial<Record<string, string>> = {gb18030: "gb18030", "utf-16le": "utf16le", "utf-16be": "utf16be"};

/**
 * Stage a file into the warehouse connection's temp tables, through DuckDB's own readers: delimited text by
 * `read_csv` (after a streaming transcode to UTF-8 when the file is GBK/GB18030 or UTF-16, and a pass that
 * numbers every record with the physical line it starts on and sets aside the records that do not split into the
 * header's columns), Parquet by `read_parquet`, JSON lines by `read_json`. XLSX, Arrow IPC and HTML tables, which
 * this DuckDB cannot read, are first streamed to a UTF-8 CSV carrying their row numbers. Every value is staged as text so
 * that the contract's rules, not the reader, decide what is wrong with it. Columns are addressed by position
 * (`c0`, `c1`, …): no header text of the file ever becomes SQL. Throws `FeedError` for a file that cannot be
 * read at all.
 */
export async function stageFile(
  warehouse: Warehouse,
  file: {path: string; shown: string; sniffed: Sniffed},
  tmpDir: string,
  contracts: Contract[],
  feed: string | undefined,
  fault?: FaultPoint,
): Promise<Staged> {
  const {shown, sniffed} = file;
  // DuckDB's readers expand globs (`[`, `*`, `?`, `{`): a file named `cases[1].csv` would read `cases1.csv`.
  const path = duckSafePath(file.path, tmpDir);
  await warehouse.run("drop view if exists raw; drop table if exists raw0; drop table if exists reader_rejects");
  if (sniffed.format === "jsonl") return stageJsonLines(warehouse, path, shown);
  if (sniffed.format === "parquet") {
    try {
      await warehouse.run("create temp table raw0 as select * from read_parquet($1)", [path]);
    } catch (error) {
      throw new FeedError(shown, `cannot read it as Parquet: ${duckMessage(error)}`);
    }
    const columns = await warehouse.all<{column_name: string; column_type: string}>(
      "select column_name, column_type from (describe raw0)",
    );
    const headers = columns.map((c) => c.column_name);
    if (headers.length > MAX_COLUMNS)
      throw new FeedError(shown, `it has ${headers.length} columns; a feed has at most ${MAX_COLUMNS}`);
    // Positional names: the alias's column list renames raw0's columns in order, whatever the file called them
    // (a header is never spliced into SQL); each column's text then follows its type.
    const names = headers.map((_, i) => `c${i}`);
    const texts = columns.map((c, i) => columnText(names[i]!, c.column_type)).join(", ");
    await warehouse.run(
      `create temp view raw(${names.join(", ")}, _line) as select ${texts}, rowid + 1 from raw0 as t(${names.join(", ")})`,
    );
    await warehouse.run(
      "create temp table reader_rejects (line bigint, column_name varchar, value varchar, message varchar)",
    );
    const [{n}] = (await warehouse.all<{n: number}>("select count(*) as n from raw0")) as [{n: number}];
    return {headers, headerLine: 0, encoding: null, delimiter: null, readerRejects: 0, rowsRead: n};
  }

  if (sniffed.format === "xls" || sniffed.format === "ods" || sniffed.format === "spreadsheetml")
    throw new Error(`${shown}: a legacy or OpenDocument workbook is converted to XLSX before staging`);
  if (sniffed.format === "html") {
    // An HTML table (a web system's ".xls"): its rows to a CSV of our own, numbered by table row, as for XLSX.
    const csvPath = join(tmpDir, "html.csv");
    const table = await readHtmlToCsv(path, shown, csvPath, (h) => recognizeFeed(h, contracts, feed));
    if (table.headers.length > MAX_COLUMNS)
      throw new FeedError(shown, `it has ${table.headers.length} columns; a feed has at most ${MAX_COLUMNS}`);
    const staged = await readNumberedCsv(warehouse, csvPath, ",", table.headers, shown);
    return {
      headers: table.headers,
      headerLine: table.headerRow,
      encoding: table.encoding,
      delimiter: null,
      ...staged,
      titles: table.titles,
    };
  }

  if (sniffed.format === "xlsx" || sniffed.format === "arrow") {
    // A CSV we write ourselves: always quoted, every row as wide as the header, its first column the row number.
    const csvPath = join(tmpDir, `${sniffed.format}.csv`);
    let headerLine = 0;
    let headers: string[];
    let sheets: SheetsRead | undefined;
    let titles: string[] = [];
    if (sniffed.format === "xlsx") {
      // The sheets after the first are read as the first one's feed.
      const sheet = await readXlsxToCsv(path, shown, csvPath, (h, f) => recognizeFeed(h, contracts, f ?? feed));
      headerLine = sheet.headerRow;
      headers = sheet.headers;
      sheets = sheet.sheets;
      titles = sheet.titles;
    } else {
      headers = await readArrowToCsv(path, shown, csvPath);
    }
    if (headers.length > MAX_COLUMNS)
      throw new FeedError(shown, `it has ${headers.length} columns; a feed has at most ${MAX_COLUMNS}`);
    const staged = await readNumberedCsv(warehouse, csvPath, ",", headers, shown);
    return {headers, headerLine, encoding: null, delimiter: null, ...staged, ...(sheets ? {sheets} : {}), titles};
  }

  // Delimited text: from the file itself, or from a UTF-8 copy of a GBK/GB18030 or UTF-16 file.
  let textPath = path;
  const encoding: string | null = sniffed.encoding ?? null;
  if (sniffed.encoding && TRANSCODE[sniffed.encoding]) {
    textPath = join(tmpDir, "utf8.csv");
    // GBK on every core (a large file), else one stream.
    const parallel =
      sniffed.encoding === "gb18030" &&
      (await transcodeParallel(path, "gb18030", textPath, {reached: () => fault?.("transcoding")}));
    if (!parallel)
      await pipeline(
        createReadStream(path),
        decodeStream(TRANSCODE[sniffed.encoding]!),
        new AfterFirstChunk(() => fault?.("transcoding")),
        createWriteStream(textPath),
      );
  }
  fault?.("reading");
  const top = readFirstRecords(textPath, shown);
  const header = findHeader(top, (h) => !("refuse" in recognizeFeed(h, contracts, feed)));
  const delimiter = header.delimiter;
  const fields = header.fields;
  // Title lines above the header (as XLSX sheets have them) are passed over and reported, never read as rows.
  const skip = header.index;
  const headerLine = top[skip]!.line;
  const titleLines = top
    .slice(0, skip)
    .filter((r) => r.text.trim() !== "")
    .map((r) => ({line: r.line, text: trimTrailingEmpty(parseFields(r.text, delimiter)).join(" ").trim()}));
  // The first record under the header, for the loader's look at a units row (（万元） under 费用), read here.
  const next = top.slice(skip + 1).find((r) => r.text.trim() !== "");
  const titles = {
    ...(skip > 0 ? {titleLines, titles: titleLines.map((t) => t.text)} : {}),
    ...(next ? {firstRow: parseFields(next.text, delimiter)} : {}),
  };
  if (fields.length > MAX_COLUMNS) {
    throw new FeedError(
      shown,
      `line ${headerLine} (the header) has ${fields.length} columns; a feed has at most ${MAX_COLUMNS}`,
    );
  }
  // Trailing delimiters after the last header are spreadsheet residue, not columns.
  const headers = trimTrailingEmpty(fields);
  if (headers.length === 0) throw new FeedError(shown, "line 1 is empty; expected a header row naming the columns");
  // Record by record: every record numbered with the line it starts on, those that do not split set aside.
  const byRecord = async (): Promise<Staged> => {
    const numbered = join(tmpDir, "numbered.csv");
    const malformed = join(tmpDir, "malformed.csv");
    const records = await numberRecords(
      createReadStream(textPath, {highWaterMark: 1 << 20}),
      {csv: numbered, rejects: malformed},
      {delimiter, headers, skip},
    );
    // The numbered copy is canonical: comma-delimited, every field quoted, whatever the file's delimiter.
    const staged = await readNumberedCsv(warehouse, numbered, ",", headers, shown);
    if (records.rejects > 0) {
      await warehouse.run(
        `insert into reader_rejects (line, column_name, value, message) select line, nullif(column_name, ''), value, message
         from read_csv($1, header = true, auto_detect = false, quote = '"', escape = '"', max_line_size = 16777216,
           columns = {'line': 'BIGINT', 'column_name': 'VARCHAR', 'value': 'VARCHAR', 'message': 'VARCHAR'})`,
        [malformed],
      );
    }
    return {
      headers,
      headerLine,
      encoding,
      delimiter,
      readerRejects: staged.readerRejects + records.rejects,
      rowsRead: staged.rowsRead + records.rejects,
      ...titles,
    };
  };
  if (fields.length === headers.length && skip === 0) {
    const plain = await streamPlainCsv(warehouse, textPath, delimiter, headers);
    if (plain) {
      const staged = {
        headers,
        headerLine: 1,
        encoding,
        delimiter,
        readerRejects: 0,
        rowsRead: plain.records,
        ...(plain.cellsTrimmed ? {cellsTrimmed: true} : {}),
        ...titles,
      };
      // When the checks cannot stream it: read into a temp table, or record by record if the strict reader fails.
      const restage = async (): Promise<Staged> => {
        await warehouse.run("drop view if exists raw; drop table if exists raw0; drop table if exists reader_rejects");
        return (await readPlainCsv(warehouse, plain.source, plain.records)) ? staged : await byRecord();
      };
      return {...staged, streamed: {restage}};
    }
  }
  return await byRecord();
}

/** A record's fields, split by `delimiter` with CSV quoting (BOM dropped). */
function parseFields(text: string, delimiter: string): string[] {
  return (Papa.parse<string[]>(text, {delimiter, quoteChar: '"'}).data[0] ?? []).map((h) => h.replace(/^\uFEFF/, ""));
}

/**
 * The header among a CSV's first records: the first record when it is a feed's header (the usual case, one parse),
 * else the first of the next HEADER_SEARCH_ROWS that is, so that a title and a blank line above the header load
 * like the same XLSX sheet; the first record when none is (the file is then refused for its first line's headers).
 */
function findHeader(
  top: Array<{line: number; text: string}>,
  isHeader: (headers: string[]) => boolean,
): {index: number; delimiter: string; fields: string[]} {
  const at = (index: number) => {
    const delimiter = sniffDelimiter(top[index]!.text);
    return {index, delimiter, fields: parseFields(top[index]!.text, delimiter)};
  };
  const first = at(0);
  // A first line too wide to be a header is refused as it is, before any matching (stageFile's MAX_COLUMNS).
  if (first.fields.length > MAX_COLUMNS || isHeader(trimTrailingEmpty(first.fields))) return first;
  for (let i = 1; i < top.length; i++) {
    if (top[i]!.text.trim() === "") continue;
    const candidate = at(i);
    if (candidate.fields.length <= MAX_COLUMNS && isHeader(trimTrailingEmpty(candidate.fields))) return candidate;
  }
  return first;
}

/** The first non-blank line of a JSON-lines file that does not parse, with why; null when every line parses. */
async function firstBadJsonLine(path: string): Promise<{line: number; text: string; reason: string} | null> {
  const lines = createInterface({input: createReadStream(path, {encoding: "utf8"}), crlfDelay: Infinity});
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    try {
      JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (error) {
      lines.close();
      return {line, text, reason: error instanceof Error ? error.message : String(error)};
    }
  }
  return null;
}

/**
 * JSON lines staged as the text each value is written with, never typed by DuckDB's reader: `read_json` typed a
 * column of zoned times (`2023-03-01T09:30:00+08:00`) as TIMESTAMP and gave it back in UTC, 8 hours early (a date one
 * day early), and a column mixing `"J2"` and `20230003` as JSON, whose text kept the quotes (`"J2"`, a key no other
 * load matches). Each line's object is read whole (`read_ndjson_objects`); its keys, in the order they first appear,
 * are the header; each value is the string's text, or a number's or `true`'s as written (`json_extract_string`), a
 * nested object or array as its JSON. A line that is not an object is rejected as `malformed`, saying what it is.
 */
async function stageJsonLines(warehouse: Warehouse, path: string, shown: string): Promise<Staged> {
  try {
    await warehouse.run(
      "create temp table json0 as select json, ordinality as _line from read_ndjson_objects($1, maximum_object_size = 16777216) with ordinality",
      [path],
    );
  } catch (error) {
    // DuckDB's message names its own line count (one off after some lines) and the temp path: find the line here.
    const bad = await firstBadJsonLine(path);
    throw new FeedError(
      shown,
      bad === null
        ? `cannot read it as JSON lines: ${duckMessage(error)}`
        : `cannot read it as JSON lines: line ${bad.line} is not JSON (${bad.reason}): ${JSON.stringify(bad.text.slice(0, 80))}`,
    );
  }
  try {
    const keys = (
      await warehouse.all<{k: string}>(
        `select k from (select _line, unnest(json_keys(json)) as k, generate_subscripts(json_keys(json), 1) as p
           from json0 where json_type(json) = 'OBJECT') group by k order by min(_line), min_by(p, _line)`,
      )
    ).map((r) => r.k);
    if (keys.length > MAX_COLUMNS)
      throw new FeedError(shown, `it has ${keys.length} keys; a feed has at most ${MAX_COLUMNS} columns`);
    if (keys.length === 0) throw new FeedError(shown, "no line of it is a JSON object ({…}): there are no columns");
    await warehouse.run(
      "create temp table reader_rejects (line bigint, column_name varchar, value varchar, message varchar)",
    );
    await warehouse.run(
      `insert into reader_rejects select _line, null, left(json::varchar, 500),
         'expected a JSON object ({"key": value, …}) on the line, found ' || lower(json_type(json)) from json0
         where json_type(json) is distinct from 'OBJECT'`,
    );
    // Keys as JSON pointers (`/key`, `~` and `/` escaped), bound as a list: no key of the file becomes SQL.
    const pointers = keys.map((k) => `/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`);
    await warehouse.run(
      "create temp table raw0 as select json_extract_string(json, $1::varchar[]) as v, _line from json0 where json_type(json) = 'OBJECT'",
      [listValue(pointers)],
    );
    const names = keys.map((_, i) => `c${i}`);
    await warehouse.run(
      `create temp view raw(${names.join(", ")}, _line) as select ${names.map((n, i) => `v[${i + 1}]`).join(", ")}, _line from raw0`,
    );
    const [{n, rejects}] = (await warehouse.all<{n: number; rejects: number}>(
      "select (select count(*) from raw0) as n, (select count(*) from reader_rejects) as rejects",
    )) as [{n: number; rejects: number}];
    return {
      headers: keys,
      headerLine: 0,
      encoding: null,
      delimiter: null,
      readerRejects: Number(rejects),
      rowsRead: Number(n) + Number(rejects),
    };
  } finally {
    await warehouse.run("drop table if exists json0");
  }
}

/**
 * The text of a Parquet or JSON column's value, as the checks read every cell. A floating-point number is written as
 * a spreadsheet's is (cellFormat.ts `numberText`): a whole one without DuckDB's `.0` (pandas stores an integer
 * column with a missing value as DOUBLE, and its ids must read 12, not 12.0); one beyond what the type holds to the
 * unit (2^53 for a DOUBLE, 2^24 for a FLOAT) in scientific notation when it has more significant digits than the
 * type keeps (15, 7), so an identifier column rejects it rather than store digits the file never had, and in full
 * otherwise (630102199001011000: rejected as cut, its digits withheld as an identity number's).
 */
export function columnText(column: string, type: string): string {
  if (type === "DOUBLE") return floatText(column, 9007199254740991, 15);
  if (type === "FLOAT") return floatText(column, 16777215, 7);
  return `${column}::varchar`;
}

/** `columnText` of a floating-point column: `exact` the largest integer it holds to the unit, `digits` it keeps. */
function floatText(x: string, exact: number, digits: number): string {
  // DuckDB writes the shortest digits that read back the same number: 9123456789012344.0 below 1e16,
  // 1.1010119900307e+17 from there on.
  const shown = `${x}::varchar`;
  const significant = `rtrim(replace(regexp_extract(${shown}, '^-?([0-9.]+)', 1), '.', ''), '0')`;
  const exponent = `(case when contains(${shown}, 'e') then cast(regexp_extract(${shown}, 'e[+]?([0-9]+)$', 1) as integer) else length(regexp_extract(${shown}, '^-?([0-9]+)', 1)) - 1 end)`;
  const sign = `(case when ${x} < 0 then '-' else '' end)`;
  const scientific = `${sign} || left(${significant}, 1) || (case when length(${significant}) > 1 then '.' || substr(${significant}, 2) else '' end) || 'e+' || ${exponent}::varchar`;
  const full = `${sign} || ${significant} || repeat('0', ${exponent} + 1 - length(${significant}))`;
  return `(case when not isfinite(${x}) or ${x} <> trunc(${x}) then ${shown}
    when abs(${x}) <= ${exact} then ${x}::bigint::varchar
    when abs(${x}) >= 1e21 or length(${significant}) > ${digits} then ${scientific}
    else ${full} end)`;
}

/**
 * The fast path for a plain file (see `scanPlainCsv`: one record per line, no quotes, no blank lines): the temp view
 * `raw` streams it through DuckDB's strict reader, `_line` NULL, and the checks read it straight from the file,
 * numbering each row by its position (line = position + 2; loadFile.ts `checkRows`), with no copy of its text in
 * the warehouse. Returns the reader, the scan's record count and whether the cells need trimming; undefined for a file
 * that is not plain.
 */
async function streamPlainCsv(
  warehouse: Warehouse,
  textPath: string,
  delimiter: string,
  headers: string[],
): Promise<{source: string; records: number; cellsTrimmed: boolean} | undefined> {
  const scan = await scanPlainCsv(textPath, delimiter);
  if (!scan.plain) return undefined;
  // A view cannot take parameters: the path goes in as a literal (`duckSafePath` made it one `lit` quotes).
  const columns = headers.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const delim = delimiter === "\t" ? "\\t" : delimiter; // one of sniffDelimiter's: , \t ; |
  const source = `read_csv(${lit(textPath)}, header = false, skip = 1, delim = '${delim}', quote = '"', escape = '"',
    columns = {${columns}}, auto_detect = false, null_padding = false, strict_mode = true, max_line_size = ${MAX_RECORD_BYTES})`;
  // Whether the cells need trimming, found before the read, not beside it: a JavaScript pass beside the read
  // slowed it by more than it took (0.41–0.53 s → 0.68–0.78 s at 1 M rows; docs/performance.md, 2026-12-07 II).
  const trimmed = await cellsTrimmed(textPath, delimiter);
  await warehouse.run(`create temp view raw as select *, null::bigint as _line from ${source}`);
  await warehouse.run(
    "create temp table reader_rejects (line bigint, column_name varchar, value varchar, message varchar)",
  );
  return {source, records: scan.records, cellsTrimmed: trimmed};
}

/**
 * A plain file read into a temp table by `source` (streamPlainCsv's reader), for checks that cannot stream it: its
 * rowid is the record's position. False when the strict reader does not read exactly the scan's `records` with every
 * line splitting into the header's columns (a short or long line, a line too long): the caller numbers the file
 * record by record then, which names each broken line.
 */
async function readPlainCsv(warehouse: Warehouse, source: string, records: number): Promise<boolean> {
  // Read once, in parallel, into a temp table: its rowid is the record's position in the file (DuckDB keeps the
  // insertion order of a parallel read). A view numbering the reader's rows with row_number() over () read the
  // file on one thread and made every pass over it single-threaded: the checks took 3.0 s at 1 M rows, against
  // 0.7 s for this read and 0.9 s for the checks over the table (docs/performance.md, 2026-12-06 evening).
  try {
    await warehouse.run(`create temp table raw0 as select * from ${source}`);
    const [{n}] = (await warehouse.all<{n: number}>("select count(*) as n from raw0")) as [{n: number}];
    if (n !== records) {
      await warehouse.run("drop table raw0");
      return false;
    }
  } catch {
    await warehouse.run("drop table if exists raw0");
    return false;
  }
  // Line 1 is the header: the first record (rowid 0) is line 2.
  await warehouse.run("create temp view raw as select *, rowid + 2 as _line from raw0");
  await warehouse.run(
    "create temp table reader_rejects (line bigint, column_name varchar, value varchar, message varchar)",
  );
  return true;
}

/**
 * Read a CSV whose first column is each row's line (or sheet row) and the rest the file's columns, into `raw0`,
 * the view `raw` (c0… renamed to the file's positions, `_line`) and `reader_rejects` (rows DuckDB's strict
 * reader could not split, placed by the line number they carry).
 */
async function readNumberedCsv(
  warehouse: Warehouse,
  csvPath: string,
  delimiter: string,
  headers: string[],
  shown: string,
): Promise<{readerRejects: number; rowsRead: number}> {
  const columns = ["c0", ...headers.map((_, i) => `c${i + 1}`)].map((c) => `'${c}': 'VARCHAR'`).join(", ");
  const delim = delimiter === "\t" ? "\\t" : delimiter;
  try {
    await warehouse.run(
      `create or replace temp table raw0 as select * from read_csv($1, header = false, skip = 1, delim = '${delim}', quote = '"', escape = '"',
         columns = {${columns}}, auto_detect = false, null_padding = false, strict_mode = true, max_line_size = ${2 * MAX_RECORD_BYTES},
         store_rejects = true, rejects_table = 'reader_rejects_raw', rejects_scan = 'reader_scans')`,
      [csvPath],
    );
  } catch (error) {
    throw new FeedError(shown, `cannot read it as delimited text: ${duckMessage(error)}`);
  }
  // The line is the first field of the rejected text (quoted in the CSVs written from XLSX and Arrow).
  await warehouse.run(
    `create temp table reader_rejects as
     select try_cast(regexp_extract(any_value(csv_line), '^"?([0-9]+)', 1) as bigint) as line,
            any_value(column_idx) as column_idx,
            regexp_replace(any_value(csv_line), '^"?[0-9]+"?' || $1, '') as value,
            'the line does not split into the header''s columns: ' || string_agg(distinct error_type || ': ' || error_message, '; ') as message
     from reader_rejects_raw group by line`,
    [delimiter],
  );
  await warehouse.run("drop table if exists reader_rejects_raw; drop table if exists reader_scans");
  await warehouse.run("alter table reader_rejects add column column_name varchar");
  // Name the column where a line broke by the file's own header (bound: headers are the file's text).
  for (const {column_idx} of await warehouse.all<{column_idx: number | null}>(
    "select distinct column_idx from reader_rejects",
  )) {
    const index = (column_idx ?? 1) - 1;
    const header = index >= 0 && index < headers.length ? headers[index]! : `column ${index + 1}`;
    await warehouse.run("update reader_rejects set column_name = $1 where column_idx is not distinct from $2", [
      header,
      column_idx,
    ]);
  }
  await warehouse.run("alter table reader_rejects drop column column_idx");
  const renamed = headers.map((_, i) => `c${i + 1} as c${i}`).join(", ");
  await warehouse.run(`create temp view raw as select ${renamed}, cast(c0 as bigint) as _line from raw0`);
  const [{n, rejects}] = (await warehouse.all<{n: number; rejects: number}>(
    "select (select count(*) from raw0) as n, (select count(*) from reader_rejects) as rejects",
  )) as [{n: number; rejects: number}];
  return {readerRejects: rejects, rowsRead: n + rejects};
}

/**
 * A path DuckDB reads as exactly this file. DuckDB's readers treat `*`, `?`, `[…]` and `{…}` as a glob, so a file
 * whose path has them (or a backslash or control character, which SQL literals here refuse) is reached through a
 * hard link in the load's temp folder (a copy when the temp folder is on another device). Same bytes, same sha256.
 */
function duckSafePath(path: string, tmpDir: string): string {
  if (!/[*?[\]{}\\\u0000-\u001f]/.test(path)) return path;
  const safe = join(tmpDir, `input${extname(path).replace(/[^.A-Za-z0-9]/g, "")}`);
  try {
    linkSync(path, safe);
  } catch {
    copyFileSync(path, safe);
  }
  return safe;
}

/**
 * A stream decoding `encoding` to UTF-8 bytes: Node's own WHATWG decoder (ICU, in C++) where this Node has it,
 * which transcodes GBK about 1.5× as fast as `iconv-lite` (0.81 s against 1.25 s for 85 MB) and decodes exactly
 * as the browser's file check does, malformed bytes included; `iconv-lite` on a Node built without it. Valid text
 * decodes the same either way (tests/ingest/decodeStream.test.ts).
 */
export function decodeStream(encoding: string): Transform {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding === "utf16le" ? "utf-16le" : encoding === "utf16be" ? "utf-16be" : encoding);
  } catch {
    return iconv.decodeStream(encoding) as unknown as Transform;
  }
  if (encoding !== "gb18030")
    return new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        callback(null, Buffer.from(decoder.decode(chunk, {stream: true}), "utf8"));
      },
      flush(callback) {
        const rest = decoder.decode();
        callback(null, rest ? Buffer.from(rest, "utf8") : undefined);
      },
    });
  // GB18030: each decode call ends just after a line feed (never part of a character), where the decoder holds
  // nothing. Node 20's decoder throws on a call that starts inside a broken sequence held over from the call before
  // (81 30, then a chunk of the line feed alone); a line longer than 16 MiB is decoded as it comes.
  let carry = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const lf = bytes.lastIndexOf(10);
      const cut = lf !== -1 ? lf + 1 : bytes.length > 16 << 20 ? bytes.length : 0;
      carry = Buffer.from(bytes.subarray(cut));
      callback(null, cut > 0 ? Buffer.from(decoder.decode(bytes.subarray(0, cut), {stream: true}), "utf8") : undefined);
    },
    flush(callback) {
      const rest = decoder.decode(carry);
      callback(null, rest ? Buffer.from(rest, "utf8") : undefined);
    },
  });
}

/** Passes a stream through unchanged and calls `reached` once the first chunk has gone on. */
class AfterFirstChunk extends Transform {
  private chunks = 0;
  constructor(private readonly reached: () => void) {
    super();
  }
  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (++this.chunks === 2) this.reached();
    callback(null, chunk);
  }
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.trim() === "") end--;
  return cells.slice(0, end);
}

/**
 * The first HEADER_SEARCH_ROWS records of a delimited file (where its header is looked for), each with the line it
 * starts on, read from at most 4 MiB. A record is cut at a line end outside quotes (CRLF is one); blank lines are
 * records, as the record scanner counts them.
 */
function readFirstRecords(path: string, shown: string): Array<{line: number; text: string}> {
  // 64 KiB holds the first records of almost every file; 4 MiB only when it does not (very long lines).
  return firstRecords(path, shown, 64 * 1024, false) ?? firstRecords(path, shown, 4 * 1024 * 1024, true)!;
}

/**
 * `readFirstRecords` from the first `size` bytes. Not `last`: undefined when they hold fewer records than wanted
 * and the file goes on (a longer read is tried).
 */
function firstRecords(
  path: string,
  shown: string,
  size: number,
  last: boolean,
): Array<{line: number; text: string}> | undefined {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(size);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const whole = read < buffer.length;
    const text = buffer
      .subarray(0, read)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const records: Array<{line: number; text: string}> = [];
    let quoted = false;
    let start = 0;
    let line = 1;
    let startLine = 1;
    for (let i = 0; i < text.length && records.length < HEADER_SEARCH_ROWS; i++) {
      const ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        line++;
        if (quoted) continue;
        records.push({line: startLine, text: text.slice(start, ch === "\r" && text[i] === "\n" ? i - 1 : i)});
        start = i + 1;
        startLine = line;
      }
    }
    if (records.length < HEADER_SEARCH_ROWS && !whole && !last) return undefined;
    if (records.length < HEADER_SEARCH_ROWS && start < text.length) {
      if (!whole && records.length === 0)
        throw new FeedError(shown, "line 1 is longer than 4 MiB; expected a header row naming the columns");
      if (whole) records.push({line: startLine, text: text.slice(start)});
    }
    if (records.length === 0) records.push({line: 1, text: ""});
    return records;
  } finally {
    closeSync(fd);
  }
}

/** DuckDB's message without its internal prefix and without the reader's long hint text. */
function duckMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.replace(/^(Invalid Input|Conversion|IO|Binder|Parser) Error: /, "");
}
