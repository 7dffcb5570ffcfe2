import {describe, expect, it} from "vitest";
import {decodeEntities, parseHtmlTables} from "../../pipeline/ingest/parseHtmlTable.ts";

const parseHtmlTable = (html: string) => parseHtmlTables(html)?.[0];

describe("parseHtmlTable: the first table of a web system's export", () => {
  it("reads rows and cells, entity-decoded, tags dropped, whitespace collapsed", () => {
    const rows = parseHtmlTable(`<html><head><meta charset="utf-8"><style>td{x:1}</style></head><body>
      <p>导出时间 2023-06-01</p>
      <table border=1><thead><tr><th>办件编号</th><th>区县</th></tr></thead>
      <tbody><tr><td> C-1 </td><td><span>城东&nbsp;区</span></td></tr>
      <tr><td>C-&#50;</td><td>A &amp; B<br>&#x4E2D;&lt;x&gt;</td></tr></tbody></table>
      <table><tr><td>second table</td></tr></table></body></html>`);
    expect(rows).toEqual([
      {number: 1, cells: ["办件编号", "区县"], merged: []},
      {number: 2, cells: ["C-1", "城东 区"], merged: []},
      {number: 3, cells: ["C-2", "A & B 中<x>"], merged: []},
    ]);
  });

  it("tolerates unclosed cells and rows, comments and upper-case tags", () => {
    const rows = parseHtmlTable("<TABLE><!-- <tr><td>no</td></tr> --><TR><TD>a<TD>b<TR><TD>c<TD>d</TABLE>");
    expect(rows?.map((r) => r.cells)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("notes merged cells with their column, and reads a nested table as text of its cell", () => {
    const rows = parseHtmlTable(
      '<table><tr><td colspan="3">西宁市开办企业办件</td></tr><tr><td>a</td><td rowspan=2>b</td></tr>' +
        "<tr><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>",
    );
    expect(rows?.map((r) => r.merged)).toEqual([
      [{column: 1, colspan: 3, rowspan: 1}],
      [{column: 2, colspan: 1, rowspan: 2}],
      [],
    ]);
    expect(rows?.[2]?.cells).toEqual(["x y"]);
  });

  it("says there is no table", () => expect(parseHtmlTable("<html><body>无数据</body></html>")).toBeUndefined());

  it("leaves unknown named entities as written", () => expect(decodeEntities("&foo; &copy")).toBe("&foo; ©"));
});
