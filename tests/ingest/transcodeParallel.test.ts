// GBK on several threads (pipeline/ingest/transcodeParallel.ts) and the inspection of a GBK file's lines for pasted
// UTF-8 (pipeline/ingest/inspectFile.ts): both must give exactly what the one-stream, line-by-line versions give.
import {isAscii, isUtf8} from "node:buffer";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import iconv from "iconv-lite";
import {afterAll, describe, expect, it} from "vitest";
import {createRng} from "../../pipeline/demo/prng.ts";
import {inspectFile} from "../../pipeline/ingest/inspectFile.ts";
import {transcodeParallel} from "../../pipeline/ingest/transcodeParallel.ts";

const dir = mkdtempSync(join(tmpdir(), "bizenv-transcode-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const rng = createRng("transcodeParallel", 3);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

/** GBK rows as an export writes them: Chinese, ASCII, CRLF or LF, a four-byte GB18030 character now and then. */
function gbkRows(n: number): Buffer {
  const areas = ["城东区", "城中区", "湟中区", "大通回族土族自治县", "𠀀㐀€"];
  const rows = Array.from(
    {length: n},
    (_, i) => `SU-${i},${pick(areas)},2023年6月${(i % 28) + 1}日 09:30,网上办理,${i % 20}${pick(["\r\n", "\n"])}`,
  );
  return iconv.encode(`办件编号,区县,申请时间,渠道,环节\n${rows.join("")}`, "gb18030");
}

describe("transcodeParallel", () => {
  it("writes what one decoder over the whole file writes, however many pieces, malformed bytes included", async () => {
    const clean = gbkRows(3000);
    const noisy = Buffer.from(clean);
    // Broken sequences, some right before a line feed (a lead byte with no trail, a four-byte start cut short).
    for (let k = 0; k < 200; k++) {
      const at = Math.floor(rng.next() * (noisy.length - 3));
      noisy[at] = pick([0x81, 0xfe, 0x30, 0x0a, 0xff, 0x80]);
      if (rng.next() < 0.3) noisy[at + 1] = 0x0a;
    }
    for (const [name, bytes] of [
      ["clean", clean],
      ["noisy", noisy],
      ["no final line feed", clean.subarray(0, clean.length - 1)],
    ] as const) {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, bytes);
      for (const parts of [2, 3, 7]) {
        const out = join(dir, `${name}-${parts}.utf8.csv`);
        expect(await transcodeParallel(path, "gb18030", out, {parts, minBytes: 0}), `${name}, ${parts} pieces`).toBe(
          true,
        );
        expect(readFileSync(out).toString("utf8"), `${name}, ${parts} pieces`).toBe(
          new TextDecoder("gb18030").decode(bytes),
        );
      }
    }
  });

  it("decodes a broken four-byte start held at the end of a 1 MiB read as one decoder does", async () => {
    // The first piece is 1 MiB + 1 bytes ending 81 30 0A: a decoder fed the last byte alone, while holding 81 30
    // from the read before, throws in Node 20; each call now ends at a line feed.
    const bytes = Buffer.concat([
      Buffer.alloc((1 << 20) - 2, 0x61),
      Buffer.from([0x81, 0x30, 0x0a]),
      Buffer.alloc((1 << 20) - 10, 0x62),
      Buffer.from([0x0a]),
    ]);
    const path = join(dir, "held.csv");
    writeFileSync(path, bytes);
    const out = join(dir, "held.utf8.csv");
    expect(await transcodeParallel(path, "gb18030", out, {parts: 2, minBytes: 0})).toBe(true);
    expect(readFileSync(out).toString("utf8")).toBe(new TextDecoder("gb18030").decode(bytes));
  });

  it("leaves a small file, or one without a line feed to cut at, to the one stream", async () => {
    const path = join(dir, "small.csv");
    writeFileSync(path, gbkRows(10));
    expect(await transcodeParallel(path, "gb18030", join(dir, "small.out"))).toBe(false);
    const oneLine = join(dir, "one-line.csv");
    writeFileSync(oneLine, iconv.encode("城东区".repeat(1000), "gb18030"));
    expect(await transcodeParallel(oneLine, "gb18030", join(dir, "one-line.out"), {minBytes: 0, parts: 4})).toBe(false);
  });
});

/** The first line that is UTF-8 Chinese, tested line by line as inspectFile did before (each line a Buffer). */
function firstUtf8ChineseLine(bytes: Buffer): number | undefined {
  let start = 0;
  for (;;) {
    const lf = bytes.indexOf(10, start);
    const line = bytes.subarray(start, lf === -1 ? bytes.length : lf);
    if (!isAscii(line) && isUtf8(line) && [...line].filter((b) => b >= 0xe0 && b <= 0xef).length >= 2) return start;
    if (lf === -1) return undefined;
    start = lf + 1;
  }
}

describe("inspectFile on a GBK file: a pasted UTF-8 line", () => {
  const base = gbkRows(40000); // about 2 MiB: lines cross the 1 MiB chunks the inspection reads
  const utf8Line = Buffer.from("SU-x,城东区,2023年6月5日 09:30,网上办理,3\n", "utf8");
  const oneCjk = Buffer.from("SU-y,区,2023-06-05 09:30,online,3\n", "utf8");
  it("is found where a line-by-line test finds it: first line, middle, across a chunk's end, last line", async () => {
    const lineStarts = (b: Buffer) => [...b.entries()].filter(([, x]) => x === 10).map(([i]) => i + 1);
    const starts = lineStarts(base);
    const acrossChunk = starts.find((s) => s > (1 << 20) - 30)!;
    for (const at of [starts[0]!, starts[1000]!, acrossChunk - 20, acrossChunk, base.length]) {
      const lineStart = starts.filter((s) => s <= at).pop() ?? 0;
      for (const pasted of [utf8Line, oneCjk, Buffer.concat([oneCjk, utf8Line])]) {
        const bytes = Buffer.concat([base.subarray(0, lineStart), pasted, base.subarray(lineStart)]);
        const path = join(dir, "pasted.csv");
        writeFileSync(path, bytes);
        const found = await inspectFile(path, "gb18030");
        expect(found.utf8Line?.offset, `pasted at ${lineStart}`).toBe(firstUtf8ChineseLine(bytes));
      }
    }
    const last = Buffer.concat([base, utf8Line.subarray(0, utf8Line.length - 1)]);
    writeFileSync(join(dir, "last.csv"), last);
    expect((await inspectFile(join(dir, "last.csv"), "gb18030")).utf8Line?.offset).toBe(base.length);
    writeFileSync(join(dir, "clean.csv"), base);
    expect((await inspectFile(join(dir, "clean.csv"), "gb18030")).utf8Line).toBeUndefined();
  });
});
