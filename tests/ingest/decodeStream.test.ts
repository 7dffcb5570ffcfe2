import {Readable} from "node:stream";
import iconv from "iconv-lite";
import {describe, expect, it} from "vitest";
import {decodeStream} from "../../pipeline/ingest/stageFile.ts";
import {createRng} from "../../pipeline/demo/prng.ts";

/** Decode `bytes` through `decodeStream`, fed in chunks cut at the given offsets. */
async function decodeInChunks(bytes: Buffer, encoding: string, cuts: number[]): Promise<string> {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts.sort((a, b) => a - b), bytes.length]) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  const out: Buffer[] = [];
  for await (const piece of Readable.from(chunks).pipe(decodeStream(encoding))) out.push(piece as Buffer);
  return Buffer.concat(out).toString("utf8");
}

describe("decodeStream: the transcoder in front of DuckDB's reader", () => {
  const text = "办件编号,区县,申请时间\nSU-1,城东区,2022年3月5日\nSU-2,湟中区,𠀀㐀€\n".repeat(50);

  it("reads GB18030 (four-byte sequences included) exactly as iconv-lite does, wherever the chunks are cut", async () => {
    const bytes = iconv.encode(text, "gb18030");
    const rng = createRng("decodeStream", 7);
    const random = () => rng.next();
    for (let round = 0; round < 20; round++) {
      const cuts = Array.from({length: 30}, () => Math.floor(random() * bytes.length));
      expect(await decodeInChunks(bytes, "gb18030", cuts)).toBe(text);
    }
  });

  it("decodes a broken four-byte start and then a chunk of one line feed as one decoder does", async () => {
    // Node 20's GB18030 decoder, fed 81 30 and then 0A alone, throws; the stream decodes up to line feeds only.
    const bytes = Buffer.from([0x61, 0x81, 0x30, 0x0a, 0x62, 0x0a, 0x81]);
    for (const cuts of [[3], [3, 4], [1, 2, 3, 4, 5, 6]])
      expect(await decodeInChunks(bytes, "gb18030", cuts)).toBe(new TextDecoder("gb18030").decode(bytes));
  });

  it("reads UTF-16 with its BOM dropped, as iconv-lite does", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf16le")]);
    expect(await decodeInChunks(le, "utf16le", [1, 3, 1001])).toBe(iconv.decode(le, "utf16le"));
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf16be")]);
    expect(await decodeInChunks(be, "utf16be", [2, 777])).toBe(iconv.decode(be, "utf16be"));
  });

  it("decodes malformed GBK bytes as the WHATWG decoder the browser's file check uses does, whatever the chunks", async () => {
    // iconv-lite places U+FFFD differently after a broken sequence; the loader now matches the browser instead.
    const rng = createRng("decodeStream", 11);
    const random = () => rng.next();
    for (let round = 0; round < 50; round++) {
      const bytes = Buffer.from(Array.from({length: 200}, () => Math.floor(random() * 256)));
      const cuts = Array.from({length: 5}, () => Math.floor(random() * bytes.length));
      expect(await decodeInChunks(bytes, "gb18030", cuts)).toBe(new TextDecoder("gb18030").decode(bytes));
    }
  });
});
