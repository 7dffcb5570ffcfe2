import {createHash, type Hash} from "node:crypto";
import {createWriteStream, type WriteStream} from "node:fs";
import iconv from "iconv-lite";
import type {FileStyle} from "../fileStyle.ts";

/** Text is handed to the stream in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 18;

/** What was written: size and sha256 of the file's bytes (as they are on disk, after encoding). */
export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/**
 * A delimited text file written as a stream in the file's style: UTF-8 (with or without BOM) or GBK, comma or tab,
 * LF or CRLF. Fields are quoted only when they must be (delimiter, quote, line break, edge spaces), as Excel does.
 * Back-pressure is respected: `add` returns a promise only when the buffer was flushed and the disk is behind.
 */
export class TextFileWriter {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash("sha256");
  private readonly newline: string;
  private buffer: string[] = [];
  private chars = 0;
  private bytes = 0;

  constructor(
    path: string,
    private readonly style: FileStyle,
  ) {
    this.stream = createWriteStream(path);
    this.newline = style.lineEnding === "crlf" ? "\r\n" : "\n";
    if (style.encoding === "utf-8-bom") this.emit(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  /** Queue one record; resolves once buffered data is on its way (await it to respect back-pressure). */
  add(fields: string[]): Promise<void> | undefined {
    const line = fields.map((f) => this.quote(f)).join(this.style.delimiter) + this.newline;
    this.buffer.push(line);
    this.chars += line.length;
    return this.chars >= CHUNK_CHARS ? this.flush() : undefined;
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return {bytes: this.bytes, sha256: this.hash.digest("hex")};
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join("");
    this.buffer = [];
    this.chars = 0;
    const data = this.style.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
    if (!this.emit(data)) await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }

  private emit(data: Buffer): boolean {
    this.hash.update(data);
    this.bytes += data.length;
    return this.stream.write(data);
  }

  private quote(field: string): string {
    const needs =
      field.includes(this.style.delimiter) ||
      field.includes('"') ||
      field.includes("\n") ||
      field.includes("\r") ||
      field !== field.trim();
    return needs ? `"${field.replaceAll('"', '""')}"` : field;
  }
}
