// The download formats in Node, byte for byte what the browser saves: the XLSX writer read back with exceljs (as
// Excel would open it), the CSV's BOM, quoting and formula guard, and the column-wise JSON the loaders write.
import ExcelJS from "exceljs";
import {describe, expect, it} from "vitest";
import {fromColumnar} from "../../dashboards/components/columnar.ts";
import {csvText} from "../../dashboards/components/csv.ts";
import {xlsxBytes} from "../../dashboards/components/xlsx.ts";
import {toColumnar} from "../../dashboards/components/columnar.ts";

describe("xlsxBytes", () => {
  it("writes a workbook exceljs reads back: header, numbers as numbers, Chinese text, empty cells", async () => {
    const bytes = xlsxBytes(
      "指标一览",
      ["序号", "指标", "最新值", "说明"],
      [
        [1, "政务服务", 96.17, '含 <标签> & "引号"'],
        [2, "登记财产", null, ""],
        [3, "A\u0001B", 2.5, true],
      ],
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("指标一览");
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).values).toEqual([undefined, "序号", "指标", "最新值", "说明"]);
    expect(sheet.getRow(2).values).toEqual([undefined, 1, "政务服务", 96.17, '含 <标签> & "引号"']);
    expect(sheet.getRow(3).getCell(3).value).toBeNull();
    expect(sheet.getRow(4).getCell(2).value).toBe("AB"); // control characters XML forbids are dropped
    expect(sheet.getRow(4).getCell(4).value).toBe(true);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
  });

  it("is deterministic and keeps sheet names Excel accepts", async () => {
    const a = xlsxBytes("a/b:c*d?[e]", ["x"], [[1]]);
    expect(Buffer.from(a).equals(Buffer.from(xlsxBytes("a/b:c*d?[e]", ["x"], [[1]])))).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(a) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.name).toBe("a b c d  e ");
  });
});

describe("csvText", () => {
  const columns = [
    {label: "指标", value: (r: {name: string; v: number | null}) => r.name},
    {label: "数值", value: (r: {name: string; v: number | null}) => r.v},
  ];
  it("starts with a UTF-8 BOM, ends lines with CRLF, quotes what needs quoting", () => {
    const text = csvText(
      [
        {name: "a,b", v: 1.5},
        {name: 'say "hi"', v: null},
      ],
      columns,
    );
    expect(text).toBe('\uFEFF指标,数值\r\n"a,b",1.5\r\n"say ""hi""",\r\n');
  });
  it("keeps Excel from running a cell as a formula, but not negative numbers", () => {
    const text = csvText(
      [
        {name: "=HYPERLINK(1)", v: -5},
        {name: "-3", v: 2},
        {name: "@x", v: 0},
      ],
      columns,
    );
    expect(text.split("\r\n").slice(1, 4)).toEqual(["'=HYPERLINK(1),-5", "-3,2", "'@x,0"]);
  });
});

describe("columnar tables", () => {
  it("round-trip rows, rounding numbers to four decimals", () => {
    const rows = [
      {a: "x", b: 1.234567891, c: null},
      {a: "y", b: 2, c: true},
    ];
    const table = toColumnar(rows);
    expect(table.columns).toEqual(["a", "b", "c"]);
    expect(fromColumnar(table)).toEqual([
      {a: "x", b: 1.2346, c: null},
      {a: "y", b: 2, c: true},
    ]);
    expect(toColumnar([])).toEqual({columns: [], rows: []});
  });
});
