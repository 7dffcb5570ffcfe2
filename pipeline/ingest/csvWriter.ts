import {createWriteStream, type WriteStream} from "node:fs";

/** Quote one CSV field the way read_csv reads it back: always quoted, quotes doubled. */
function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** A buffered UTF-8 CSV writer that respects back-pressure. */
export class CsvWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, {encoding: "utf8"});
  }

  async row(fields: string[]): Promise<void> {
    const line = fields.map(csvField).join(",") + "\n";
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
