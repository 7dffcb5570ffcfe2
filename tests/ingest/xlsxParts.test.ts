import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {afterAll, describe, expect, it} from "vitest";
import {checkXlsxZip} from "../../pipeline/ingest/checkZip.ts";
import {cellText, worksheets} from "../../pipeline/ingest/xlsxToCsv.ts";
import {writeZip} from "../fixtures/hostile/hostileFiles.ts";

/**
 * How a workbook's parts are read: through the ZIP's central directory, the workbook's sheet list before any
 * sheet, whatever order the parts are stored in. ExcelJS's own streaming pass failed intermittently on exactly
 * the workbooks ExcelJS writes (workbook.xml stored last: exceljs#3064); it failed CI once here.
 */

const dir = mkdtempSync(join(tmpdir(), "bizenv-xlsx-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function readAll(path: string): Promise<Array<{name: string; rows: string[][]}>> {
  const parts = await checkXlsxZip(path, path);
  const out: Array<{name: string; rows: string[][]}> = [];
  for await (const {sheet, name} of worksheets(path, parts)) {
    const rows: string[][] = [];
    for await (const row of sheet) rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText));
    out.push({name, rows});
  }
  return out;
}

/** Rewrite a workbook's ZIP with its parts stored in the given order (names not listed keep their order, after). */
async function reorder(path: string, first: string[], last: string[] = []): Promise<void> {
  const source = await JSZip.loadAsync(readFileSync(path));
  const names = Object.keys(source.files).filter((n) => !source.files[n]!.dir);
  const middle = names.filter((n) => !first.includes(n) && !last.includes(n));
  const out = new JSZip();
  for (const name of [...first, ...middle, ...last])
    out.file(name, await source.files[name]!.async("uint8array"), {compression: "DEFLATE"});
  writeFileSync(path, await out.generateAsync({type: "nodebuffer"}));
}

describe("reading a workbook's parts", () => {
  it("reads an ExcelJS-written two-sheet workbook (workbook.xml stored last) the same way 30 times in a row", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("第一").addRow(["a", "b"]);
    workbook.addWorksheet("Second").addRow(["c", 4]);
    const path = join(dir, "two.xlsx");
    await workbook.xlsx.writeFile(path);
    for (let i = 0; i < 30; i++) {
      expect(await readAll(path)).toEqual([
        {name: "第一", rows: [["a", "b"]]},
        {name: "Second", rows: [["c", "4"]]},
      ]);
    }
  });

  it("gives the sheets in tab order with their names, whatever order their parts are stored or numbered in", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("说明").addRow(["本表为填报说明"]);
    workbook.addWorksheet("数据").addRow(["x", "y"]);
    const path = join(dir, "order.xlsx");
    await workbook.xlsx.writeFile(path);
    // Sheets stored first, then shared strings, the workbook and its relationships last: the worst case for a
    // single streaming pass.
    await reorder(
      path,
      ["xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"],
      ["xl/_rels/workbook.xml.rels", "xl/workbook.xml"],
    );
    // Tab order is the workbook's sheet list, not the part numbers: put 数据 (sheet2.xml) first.
    const source = await JSZip.loadAsync(readFileSync(path));
    const xml = await source.file("xl/workbook.xml")!.async("string");
    const sheets = /<sheets>(.*)<\/sheets>/s.exec(xml)![1]!;
    const [one, two] = sheets.match(/<sheet [^>]*\/>/g)!;
    source.file("xl/workbook.xml", xml.replace(sheets, `${two}${one}`));
    writeFileSync(path, await source.generateAsync({type: "nodebuffer", compression: "DEFLATE"}));
    expect(await readAll(path)).toEqual([
      {name: "数据", rows: [["x", "y"]]},
      {name: "说明", rows: [["本表为填报说明"]]},
    ]);
  });

  it("does not garble a Chinese character split between two chunks of a large part", async () => {
    // About 400 KB of shared strings in three-byte characters: many chunk boundaries fall inside a character.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    const text = (i: number) => `西宁市城中区第${i}号办件申请人名称较长用以跨越分块边界`;
    for (let i = 0; i < 5000; i++) sheet.addRow([text(i), i]);
    const path = join(dir, "long.xlsx");
    await workbook.xlsx.writeFile(path);
    const [read] = await readAll(path);
    expect(read!.rows).toHaveLength(5000);
    expect(read!.rows.filter((r, i) => r[0] !== text(i))).toEqual([]);
    expect(read!.rows.some((r) => r[0]!.includes("\uFFFD"))).toBe(false);
  });
});

describe("phonetic runs (rPh) in a large shared-strings part", () => {
  it("are left out of every string, wherever the part's chunks end", async () => {
    // Every string with two runs of reading beside it: chunk boundaries fall inside runs, which must still go whole.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    const text = (i: number) => `城中区第${i}号办件申请人名称较长用以跨越分块边界`;
    for (let i = 0; i < 5000; i++) sheet.addRow([text(i), i]);
    const plain = join(dir, "phonetic-long-plain.xlsx");
    await workbook.xlsx.writeFile(plain);
    const zip = await JSZip.loadAsync(readFileSync(plain));
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    const withRuns = strings.replace(
      /<t>([^<]*)<\/t><\/si>/g,
      '<t>$1</t><rPh sb="0" eb="2"><t>chengzhong</t></rPh><rPh sb="2" eb="3"><t>qu</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
    );
    expect(withRuns.match(/<rPh /g)).toHaveLength(10_000);
    zip.file("xl/sharedStrings.xml", withRuns);
    const path = join(dir, "phonetic-long.xlsx");
    writeFileSync(path, await zip.generateAsync({type: "nodebuffer", compression: "DEFLATE"}));
    const [read] = await readAll(path);
    expect(read!.rows).toHaveLength(5000);
    expect(read!.rows.filter((r, i) => r[0] !== text(i))).toEqual([]);
  });
});

describe("a workbook whose directory names one part twice", () => {
  it("is refused, naming the part (readers disagree on which copy counts)", async () => {
    const sheet = (text: string) =>
      Buffer.from(
        `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`,
      );
    const part = (name: string, data: Buffer) => ({name, data, method: 0 as const, declaredSize: data.length});
    const path = join(dir, "twice.xlsx");
    writeZip(path, [
      part("xl/worksheets/sheet1.xml", sheet("first")),
      part("xl/worksheets/sheet1.xml", sheet("second")),
    ]);
    await expect(checkXlsxZip(path, "twice.xlsx")).rejects.toThrow(
      /twice\.xlsx: not a readable XLSX workbook: it has two parts named xl\/worksheets\/sheet1\.xml/,
    );
  });
});
