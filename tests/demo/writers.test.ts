import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {PLAIN_CSV} from "../../pipeline/demo/fileStyle.ts";
import {TextFileWriter} from "../../pipeline/demo/writers/textFileWriter.ts";
import {XlsxFileWriter} from "../../pipeline/demo/writers/xlsxFileWriter.ts";

const dir = mkdtempSync(join(tmpdir(), "bizenv-demo-writers-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("TextFileWriter", () => {
  it("quotes only fields that need it and reports the bytes and hash it wrote", async () => {
    const path = join(dir, "a.csv");
    const writer = new TextFileWriter(path, {...PLAIN_CSV, encoding: "utf-8-bom", lineEnding: "crlf"});
    await writer.add(["a", "b,c", 'say "hi"', " pad", "西宁"]);
    const written = await writer.close();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.subarray(3).toString("utf8")).toBe('a,"b,c","say ""hi"""," pad",西宁\r\n');
    expect(written.bytes).toBe(bytes.length);
  });
});

describe("XlsxFileWriter", () => {
  it("stamps the workbook and every zip entry with the given date, not the clock", async () => {
    const path = join(dir, "a.xlsx");
    const stamp = new Date("2023-06-30T00:00:00Z");
    const writer = new XlsxFileWriter(path, {sheet: "数据", titles: ["标题"], headers: ["a", "b"], stamp});
    writer.add(["x", 1]);
    await writer.close();
    const zip = readFileSync(path);
    const expected = ((2023 - 1980) << 9) | (6 << 5) | 30;
    let entries = 0;
    for (let i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0;) {
      expect(zip.readUInt16LE(i + 14)).toBe(expected);
      entries++;
      i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4);
    }
    expect(entries).toBeGreaterThan(3);
  });
});
