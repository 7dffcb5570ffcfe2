import {createWriteStream, type WriteStream} from "node:fs";
import {MAX_RECORD_BYTES, RecordScanner, type NumberedRecords} from "./recordScanner.ts";

export {MAX_RECORD_BYTES, type NumberedRecords};

/**
 * Split UTF-8 delimited text into records and write them again in one canonical form that DuckDB's strict reader
 * cannot read two ways: comma-delimited, every field quoted (inner quotes doubled), LF line ends.
 * - `paths.csv`: a line `__line`, then every well-formed data record, its first field the physical line it starts
 *   on. Every row knows its line, however many quoted line breaks, blank lines or broken records came before it.
 * - `paths.rejects`: `line,column_name,value,message` for every record that does not split into the header's
 *   columns (too few or too many fields, a quote never closed, text after a closing quote, longer than
 *   `MAX_RECORD_BYTES`), with the column where it broke and the first 500 characters of the record.
 * The grammar is RFC 4180's: a quote is special only as a field's first character (then the field runs to the
 * closing quote, a doubled quote is one quote, and blanks may follow the closing quote); a quote elsewhere is an
 * ordinary character; CRLF, LF or a lone CR end a record outside quotes. The first record (after `skip` records of
 * title lines) is the header and is not written. Trailing fields beyond the header that are all empty (the trailing delimiters spreadsheet exports add)
 * are dropped; blank records (nothing but blanks, delimiters and empty quotes) are skipped. Streams: memory is
 * about one chunk plus one record (a record past the limit is counted, not kept).
 */
export async function numberRecords(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  paths: {csv: string; rejects: string},
  options: {delimiter: string; headers: string[]; skip?: number},
): Promise<NumberedRecords> {
  const scanner = new RecordScanner(options.delimiter, options.headers, options.skip);
  const out = createWriteStream(paths.csv);
  const rejects = new TextOut(paths.rejects);
  rejects.put("line,column_name,value,message\n");
  for await (const data of source) {
    const chunk = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    scanner.scan(chunk);
    const done = scanner.take();
    if (done.length > 0 && !out.write(done)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    rejects.put(scanner.takeRejects());
    await rejects.flush();
  }
  scanner.end();
  rejects.put(scanner.takeRejects());
  await new Promise<void>((resolve, reject) =>
    out.end(scanner.take(), (error?: Error | null) => (error ? reject(error) : resolve())),
  );
  await rejects.close();
  return scanner.counts;
}

/** Text gathered in memory and written between input chunks, respecting back-pressure. */
class TextOut {
  private readonly stream: WriteStream;
  private pending: string[] = [];

  constructor(path: string) {
    this.stream = createWriteStream(path, {encoding: "utf8"});
  }

  put(text: string): void {
    if (text) this.pending.push(text);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join("");
    this.pending = [];
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
