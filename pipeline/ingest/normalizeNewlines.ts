import {StringDecoder} from "node:string_decoder";
import {Transform, type TransformCallback} from "node:stream";

/**
 * A stream that turns CRLF and lone CR line ends into LF and writes UTF-8. Files concatenated from several
 * exports mix line ends, which DuckDB's strict CSV reader refuses; text passing through here reads as one kind.
 * Takes UTF-8 bytes or strings (decoded, so a character split across chunks survives); a CR at the end of a
 * chunk is held back until the next chunk tells whether an LF follows.
 */
export class NormalizeNewlines extends Transform {
  private pendingCr = false;
  private readonly decoder = new StringDecoder("utf8");

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    let text = (this.pendingCr ? "\r" : "") + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    this.pendingCr = text.endsWith("\r");
    if (this.pendingCr) text = text.slice(0, -1);
    callback(null, Buffer.from(text.replace(/\r\n?/g, "\n"), "utf8"));
  }

  override _flush(callback: TransformCallback): void {
    const rest = this.decoder.end() + (this.pendingCr ? "\n" : "");
    callback(null, Buffer.from(rest.replace(/\r\n?/g, "\n"), "utf8"));
  }
}
