import {closeSync, createReadStream, createWriteStream, openSync, readSync} from "node:fs";
import {join} from "node:path";
import {pipeline} from "node:stream/promises";
import Papa from "papaparse";
import iconv from "iconv-lite";
import type {Warehouse} from "../db.ts";
import {FeedError} from "../errors.ts";
import type {Contract} from "./contractSchema.ts";
import {recognizeFeed} from "./matchHeaders.ts";
import {sniffDelimiter, type Sniffed} from "./sniffFile.ts";
import {readXlsxToCsv} from "./xlsxToCsv.ts";
import {readArrowToCsv} from "./arrowToCsv.ts";
import {NormalizeNewlines} from "./normalizeNewlines.ts";

/** A file has at most this many columns; wider headers are refused before DuckDB sees them. */
export const MAX_COLUMNS = 1000;

/** What staging a file produced: a temp view `raw` (c0…cN as text, `_line`) and how the file was read. */
export interface Staged {
  headers: string[];
  /** 1-based line (CSV) or sheet row (XLSX) of the header; 0 for formats with a schema (Parquet, Arrow, JSON). */
  headerLine: number;
  encoding: string | null;
  delimiter: string | null;
  /** Rows DuckDB's reader could not split into the header's columns (in temp table `reader_rejects`). */
  readerRejects: number;
  /** Data rows in the file: those staged in `raw` plus the reader's rejects. */
  rowsRead: number;
}

const TRANSCODE: Partial<Record<string, string>> = {gb18030: "gb18030", "utf-16le": "utf16le", "utf-16be": "utf16be"};

/**
 * Stage a file into the warehouse connection's temp tables, through DuckDB's own readers: delimited text by
 * `read_csv` (after a streaming transcode to UTF-8 when the file is GBK/GB18030 or UTF-16), Parquet by
 * `read_parquet`, JSON lines by `read_json`. XLSX and Arrow IPC, which this DuckDB cannot read, are first
 * streamed to a UTF-8 CSV. Every value is staged as text so that the contract's rules, not the reader, decide
 * what is wrong with it. Throws `FeedError` for a file that cannot be read at all.
 */
export async function stageFile(
  warehouse: Warehouse,
  file: {path: string; shown: string; sniffed: Sniffed},
  tmpDir: string,
  contracts: Contract[],
  feed: string | undefined,
): Promise<Staged> {
  const {path, shown, sniffed} = file;
  await warehouse.run("drop view if exists raw; drop table if exists raw0; drop table if exists reader_rejects");
  if (sniffed.format === "parquet" || sniffed.format === "jsonl") {
    const reader =
      sniffed.format === "parquet"
        ? "read_parquet($1)"
        : "read_json($1, format = 'newline_delimited', maximum_object_size = 16777216)";
    try {
      await warehouse.run(`create temp table raw0 as select * from ${reader}`, [path]);
    } catch (error) {
      throw new FeedError(
        shown,
        `cannot read it as ${sniffed.format === "parquet" ? "Parquet" : "JSON lines"}: ${duckMessage(error)}`,
      );
    }
    const columns = await warehouse.all<{column_name: string}>("select column_name from (describe raw0)");
    const headers = columns.map((c) => c.column_name);
    const casts = headers.map((h, i) => `cast("${h.replaceAll('"', '""')}" as varchar) as c${i}`);
    await warehouse.run(`create temp view raw as select ${casts.join(", ")}, rowid + 1 as _line from raw0`);
    await warehouse.run(
      "create temp table reader_rejects (line bigint, column_name varchar, value varchar, message varchar)",
    );
    const [{n}] = (await warehouse.all<{n: number}>("select count(*) as n from raw0")) as [{n: number}];
    return {headers, headerLine: 0, encoding: null, delimiter: null, readerRejects: 0, rowsRead: n};
  }

  // Delimited text: from the file itself, a transcoded copy, or a CSV written from XLSX or Arrow.
  let csvPath = path;
  let encoding: string | null = sniffed.encoding ?? null;
  let rowColumn = false; // the CSV's first column carries the source's row numbers (XLSX sheet rows, Arrow rows)
  let headerLine = 1;
  if (sniffed.format === "xlsx") {
    csvPath = join(tmpDir, "sheet.csv");
    const sheet = await readXlsxToCsv(path, shown, csvPath, (headers) => recognizeFeed(headers, contracts, feed));
    headerLine = sheet.headerRow;
    encoding = null;
    rowColumn = true;
  } else if (sniffed.format === "arrow") {
    csvPath = join(tmpDir, "arrow.csv");
    await readArrowToCsv(path, shown, csvPath);
    headerLine = 0;
    encoding = null;
    rowColumn = true;
  } else if (sniffed.encoding && TRANSCODE[sniffed.encoding]) {
    csvPath = join(tmpDir, "utf8.csv");
    await pipeline(
      createReadStream(path),
      iconv.decodeStream(TRANSCODE[sniffed.encoding]!),
      new NormalizeNewlines(),
      createWriteStream(csvPath),
    );
  }

  const firstRecord = readFirstRecord(csvPath, shown);
  const delimiter = rowColumn ? "," : sniffDelimiter(firstRecord.line);
  const fields = (Papa.parse<string[]>(firstRecord.line, {delimiter, quoteChar: '"'}).data[0] ?? []).map((h) =>
    h.replace(/^\uFEFF/, ""),
  );
  if (fields.length > MAX_COLUMNS + (rowColumn ? 1 : 0)) {
    throw new FeedError(shown, `the header has ${fields.length} columns; a feed has at most ${MAX_COLUMNS}`);
  }
  const headers = rowColumn ? fields.slice(1) : fields;
  if (headers.every((h) => h.trim() === ""))
    throw new FeedError(shown, "line 1 is empty; expected a header row naming the columns");
  const columns = fields.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const delim = delimiter === "\t" ? "\\t" : delimiter;
  const readCsv = (from: string) =>
    warehouse.run(
      `create or replace temp table raw0 as select * from read_csv($1, header = false, skip = 1, delim = '${delim}', quote = '"', escape = '"',
         columns = {${columns}}, auto_detect = false, null_padding = false, strict_mode = true, max_line_size = 4194304,
         store_rejects = true, rejects_table = 'reader_rejects_raw', rejects_scan = 'reader_scans')`,
      [from],
    );
  try {
    await readCsv(csvPath);
  } catch (error) {
    // Mixed line ends (CRLF and LF in one file) stop DuckDB's strict reader; read them again with one kind.
    // Strict mode stays on: without it a line with too many fields would lose them silently.
    if (!/state machine reached an invalid state/.test(duckMessage(error))) {
      throw new FeedError(shown, `cannot read it as delimited text: ${duckMessage(error)}`);
    }
    const normalized = join(tmpDir, "lf.csv");
    await pipeline(createReadStream(csvPath), new NormalizeNewlines(), createWriteStream(normalized));
    try {
      await warehouse.run("drop table if exists reader_rejects_raw; drop table if exists reader_scans");
      await readCsv(normalized);
    } catch (retry) {
      throw new FeedError(shown, `cannot read it as delimited text: ${duckMessage(retry)}`);
    }
  }
  await warehouse.run(`create temp table reader_rejects as
    select line, 'c' || any_value(column_idx) as column_name, any_value(csv_line) as value,
           string_agg(distinct error_type || ': ' || error_message, '; ') as message
    from reader_rejects_raw group by line`);
  await warehouse.run("drop table if exists reader_rejects_raw; drop table if exists reader_scans");
  // Name the column where a line broke by the file's own header (bound: headers are the file's text).
  for (const {column_name} of await warehouse.all<{column_name: string}>(
    "select distinct column_name from reader_rejects",
  )) {
    const index = Number(column_name.slice(1)) - (rowColumn ? 1 : 0);
    const header =
      index >= 0 && index < fields.length - (rowColumn ? 1 : 0)
        ? rowColumn
          ? fields[index + 1]
          : fields[index]
        : `column ${index + 1}`;
    await warehouse.run("update reader_rejects set column_name = $1 where column_name = $2", [
      header ?? `column ${index + 1}`,
      column_name,
    ]);
  }
  const [{rejects}] = (await warehouse.all<{rejects: number}>("select count(*) as rejects from reader_rejects")) as [
    {rejects: number},
  ];
  const cols = fields.map((_, i) => `c${i}`).slice(rowColumn ? 1 : 0);
  const renamed = cols.map((c, i) => `${c} as c${i}`).join(", ");
  if (rowColumn) {
    await warehouse.run(`create temp view raw as select ${renamed}, cast(c0 as bigint) as _line from raw0`);
  } else if (rejects === 0) {
    await warehouse.run(`create temp view raw as select ${renamed}, rowid + 2 as _line from raw0`);
  } else {
    // DuckDB numbers a rejected record by its line (header = 1). Staged row n (1-based) sits after every
    // rejected record j whose count of good rows before it, (line_j - 1) - j, is below n: add that many.
    await warehouse.run(`create temp table reject_steps as
      select max(j) as j, adj from (select row_number() over (order by line) as j, line - 1 - row_number() over (order by line) as adj
      from reader_rejects) group by adj`);
    await warehouse.run(`create temp view raw as select ${renamed}, r.rowid + 2 + coalesce(s.j, 0) as _line
      from raw0 r asof left join reject_steps s on r.rowid + 1 > s.adj`);
  }
  const [{n}] = (await warehouse.all<{n: number}>("select count(*) as n from raw0")) as [{n: number}];
  return {
    headers,
    headerLine,
    encoding,
    delimiter: rowColumn ? null : delimiter,
    readerRejects: rejects,
    rowsRead: n + rejects,
  };
}

/** The first record of a delimited file (the header), read from at most 4 MiB. */
function readFirstRecord(path: string, shown: string): {line: string} {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(4 * 1024 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, read)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === "\n" || ch === "\r")) return {line: text.slice(0, i)};
    }
    if (read < buffer.length) return {line: text};
    throw new FeedError(shown, "the first line is longer than 4 MiB; expected a header row naming the columns");
  } finally {
    closeSync(fd);
  }
}

/** DuckDB's message without its internal prefix and without the reader's long hint text. */
export function duckMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.replace(/^(Invalid Input|Conversion|IO|Binder|Parser) Error: /, "");
}
