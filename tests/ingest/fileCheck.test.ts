// The File check's reading of dropped files (pipeline/ingest/fileCheck.ts) against the loader's: text encodings and
// delimiters, XLSX cell text (the same as pipeline/ingest/xlsxToCsv.ts cellText), and a workbook with a title row
// loaded by the real loader and checked in memory, rejecting the same lines for the same rules.
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import JSZip from "jszip";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {chinaWallClock as loaderClock} from "../../pipeline/calendar/chinaWallClock.ts";
import {cellText as loaderCellText} from "../../pipeline/ingest/xlsxToCsv.ts";
import {
  cellText,
  chinaWallClock,
  checkSheet,
  decodeText,
  explicitWorkbook,
  readDelimited,
  readWorkbook,
  recognizeFeed,
  referencesFromCatalog,
  type RuleContract,
} from "../../pipeline/ingest/fileCheck.ts";
import {TEST_NOW, tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

const catalog = loadCatalog();
const contracts = loadContracts(catalog) as RuleContract[];
const references = referencesFromCatalog(catalog);

let wh: TempWarehouse;
beforeAll(() => {
  wh = tempWarehouse();
});
afterAll(() => wh.remove());

describe("reading text files", () => {
  it("decodes UTF-8, UTF-8 with BOM, UTF-16 and GBK", () => {
    const text = "办件编号,区县\nA-1,城东区\n";
    expect(decodeText(Buffer.from(text))).toEqual({text, encoding: "utf-8"});
    expect(decodeText(Buffer.from("\uFEFF" + text))).toEqual({text, encoding: "utf-8-bom"});
    expect(decodeText(iconv.encode(text, "gbk"))).toEqual({text, encoding: "gb18030"});
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))).toEqual({
      text,
      encoding: "utf-16le",
    });
  });

  it("sniffs the delimiter and numbers records as the loader does (header = line 1)", () => {
    const sheet = readDelimited(Buffer.from('a\tb\n1\t"x\ny"\n\n2\t3\n'));
    expect(sheet.delimiter).toBe("tab");
    expect(sheet.headers).toEqual(["a", "b"]);
    expect(sheet.rows).toEqual([
      {line: 2, cells: ["1", "x\ny"]},
      {line: 3, cells: ["2", "3"]},
    ]);
  });

  it("keeps the loader's clock format", () => {
    expect(chinaWallClock(TEST_NOW)).toBe(loaderClock(TEST_NOW));
  });
});

describe("reading workbooks", () => {
  it("gives every kind of cell the loader's text", () => {
    const values: ExcelJS.CellValue[] = [
      null,
      "文本",
      12.5,
      true,
      new Date(Date.UTC(2022, 2, 5)),
      new Date(Date.UTC(2022, 2, 5, 9, 30)),
      {richText: [{text: "富"}, {text: "文本"}]},
      {formula: "A1*2", result: 4} as ExcelJS.CellFormulaValue,
      {formula: "A1*2"} as ExcelJS.CellFormulaValue,
      {text: "链接", hyperlink: "https://example.org"},
      {error: "#DIV/0!"} as ExcelJS.CellErrorValue,
    ];
    expect(values.map(cellText)).toEqual(values.map(loaderCellText));
  });

  it("rejects the same rows of a workbook with a title row as the loader", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("说明").addRow(["本表由区县填报"]);
    const sheet = workbook.addWorksheet("办件");
    sheet.addRow(["西宁市开办企业办件统计表"]);
    sheet.addRow(["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "环节数", "费用(元)", "模拟数据"]);
    sheet.addRow([
      "A-1",
      "城东区",
      new Date(Date.UTC(2022, 2, 1, 9, 30)),
      new Date(Date.UTC(2022, 2, 1, 15)),
      "网上办理",
      2,
      0,
      "是",
    ]);
    sheet.addRow(["A-2", "海东市", "2022/3/2 9:30", "2022/3/1 9:00", "窗口", 30, 0, "是"]);
    sheet.addRow(["A-3", "大通县", "2022年3月3日 9:30", "", "window", 3]);
    sheet.addRow(["A-1", "湟源县", "2022/3/4 9:30", "2022/3/4 10:30", "online", 1, 0, "是"]);
    const path = join(wh.dir, "startup.xlsx");
    await workbook.xlsx.writeFile(path);
    const [result] = await wh.load([path]);
    expect(result!.status, result!.message).toBe("loaded");
    const loader = await wh.query<{line: number; column_name: string; rule: string}>(
      "select line, column_name, rule from load_rejects where load_id = $1 order by 1, 2, 3",
      [result!.load_id],
    );
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(path);
    const parsed = readWorkbook(read as never, (headers) => recognizeFeed(headers, contracts));
    if ("refuse" in parsed) throw new Error(parsed.refuse);
    expect(parsed.headerLine).toBe(2);
    const checked = checkSheet(parsed, {contracts, references, now: loaderClock(TEST_NOW)});
    if ("refuse" in checked) throw new Error(checked.refuse);
    const key = (e: {line: number; column_name: string; rule: string}) => `${e.line}|${e.column_name}|${e.rule}`;
    expect(checked.result.errors.map(key).sort()).toEqual(loader.map(key).sort());
    expect(loader.map((l) => l.rule)).toEqual(expect.arrayContaining(["unknown_area", "order", "range"]));
  });

  it("refuses a workbook whose sheets have no header row of a known feed", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Sheet1").addRow(["姓名", "电话"]);
    const path = join(wh.dir, "other.xlsx");
    await workbook.xlsx.writeFile(path);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(path);
    const parsed = readWorkbook(read as never, (headers) => recognizeFeed(headers, contracts));
    expect("refuse" in parsed && parsed.refuse).toMatch(/^no sheet has a header row for a known feed/);
    writeFileSync(join(wh.dir, "unused.txt"), "");
  });
});

describe("explicitWorkbook: what ExcelJS's in-memory reader does not take, made explicit", () => {
  async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
    const zip = new JSZip();
    for (const [name, text] of Object.entries(files)) zip.file(name, text);
    return zip.generateAsync({type: "uint8array", compression: "DEFLATE"});
  }
  const partsOf = async (bytes: Uint8Array) => {
    const zip = await JSZip.loadAsync(bytes);
    return {
      book: await zip.file("xl/workbook.xml")!.async("string"),
      styles: await zip.file("xl/styles.xml")!.async("string"),
    };
  };

  it("turns date1904='true' into 1 and writes the Chinese built-in formats a prefixed style sheet uses", async () => {
    const bytes = await zipOf({
      "xl/workbook.xml": `<x:workbook xmlns:x="urn:main"><x:workbookPr date1904='true' defaultThemeVersion="1"/></x:workbook>`,
      "xl/styles.xml": `<x:styleSheet xmlns:x="urn:main"><x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="31"/><x:xf numFmtId="57"/></x:cellXfs></x:styleSheet>`,
    });
    const {book, styles} = await partsOf(await explicitWorkbook(bytes, JSZip));
    expect(book).toContain(`date1904='1'`);
    expect(styles).toContain(
      `<x:styleSheet xmlns:x="urn:main"><x:numFmts count="2"><x:numFmt numFmtId="31" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><x:numFmt numFmtId="57" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></x:numFmts><x:cellXfs`,
    );
  });

  it("adds to an existing list, opens an empty one, and keeps a format the workbook defines itself", async () => {
    const withList = await zipOf({
      "xl/workbook.xml": `<workbook><workbookPr date1904="1"/></workbook>`,
      "xl/styles.xml": `<styleSheet><numFmts count="1"><numFmt numFmtId="31" formatCode="yyyy/m/d"/></numFmts><cellXfs><xf numFmtId="31"/><xf numFmtId="28"/></cellXfs></styleSheet>`,
    });
    const {styles} = await partsOf(await explicitWorkbook(withList, JSZip));
    // The workbook's own 31 is kept; the missing 28 goes first in its list.
    expect(styles).toContain(
      `<numFmts count="1"><numFmt numFmtId="28" formatCode="m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="31" formatCode="yyyy/m/d"/></numFmts>`,
    );
    const empty = await zipOf({
      "xl/workbook.xml": `<workbook/>`,
      "xl/styles.xml": `<styleSheet><numFmts count="0"/><cellXfs><xf numFmtId="32"/></cellXfs></styleSheet>`,
    });
    expect((await partsOf(await explicitWorkbook(empty, JSZip))).styles).toContain(
      `<numFmts count="0"><numFmt numFmtId="32" formatCode="h&quot;时&quot;mm&quot;分&quot;"/></numFmts><cellXfs>`,
    );
    // A numFmt of a conditional format (dxfs) styles no cell: 31 is still written into the style sheet's list.
    const dxf = await zipOf({
      "xl/workbook.xml": `<workbook/>`,
      "xl/styles.xml": `<styleSheet><cellXfs><xf numFmtId="31"/></cellXfs><dxfs count="1"><dxf><numFmt numFmtId="31" formatCode="0.0"/></dxf></dxfs></styleSheet>`,
    });
    expect((await partsOf(await explicitWorkbook(dxf, JSZip))).styles).toContain(
      `<styleSheet><numFmts count="1"><numFmt numFmtId="31" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>`,
    );
    // Nothing to change: the very same bytes.
    const plain = await zipOf({
      "xl/workbook.xml": `<workbook><workbookPr date1904="1"/></workbook>`,
      "xl/styles.xml": `<styleSheet><cellXfs><xf numFmtId="14"/></cellXfs></styleSheet>`,
    });
    expect(await explicitWorkbook(plain, JSZip)).toBe(plain);
  });
});
