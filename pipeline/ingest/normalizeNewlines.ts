import {Transform, type TransformCallback} from "node:stream";

/**
 * A stream that turns CRLF and lone CR line ends into LF. Files that were concatenated from several exports
 * mix line ends, which DuckDB's strict CSV reader refuses; text passing through here reads as one kind.
 * A CR at the end of a chunk is held back until the next chunk tells whether an LF follows.
 */
export class NormalizeNewlines extends Transform {
  private pendingCr = false;

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    let text = (this.pendingCr ? "\r" : "") + chunk.toString();
    this.pendingCr = text.endsWith("\r");
    if (this.pendingCr) text = text.slice(0, -1);
    callback(null, text.replace(/\r\n?/g, "\n"));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.pendingCr ? "\n" : "");
  }
}
