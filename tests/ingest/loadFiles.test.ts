import {execFileSync} from "node:child_process";
import {chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {chinaWallClock} from "../../pipeline/calendar/chinaWallClock.ts";
import {checkSheet, readWorkbook, recognizeFeed, referencesFromCatalog} from "../../pipeline/ingest/fileCheck.ts";
import {findSoffice} from "../../pipeline/ingest/findSoffice.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {loadPaths} from "../../pipeline/ingest/loadFiles.ts";
import {TEST_NOW, tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * What a folder load does with the files it cannot load as they are: files of other kinds named, legacy .xls/.et
 * workbooks converted by LibreOffice (a fake one here, the real one when installed) or refused with how to get
 * it, and HTML tables saved as .xls read as tables.
 */

const HEADER = ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数", "费用（元）"];
const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]);
/** The start of an OpenDocument spreadsheet: a ZIP whose first entry, stored, is `mimetype` holding its media type. */
const ODS = (() => {
  const type = "application/vnd.oasis.opendocument.spreadsheet";
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(type.length, 18);
  header.writeUInt32LE(type.length, 22);
  header.writeUInt16LE("mimetype".length, 26);
  return Buffer.concat([header, Buffer.from(`mimetype${type}`, "latin1"), Buffer.alloc(200, 0)]);
})();

/** An Excel 2003 XML workbook (SpreadsheetML), as old Excel and Java or .NET report tools write it, often as .xls. */
const SPREADSHEET_2003 = `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="办件">
  <Table>
   <Row>${HEADER.map((h) => `<Cell><Data ss:Type="String">${h}</Data></Cell>`).join("")}</Row>
   <Row><Cell><Data ss:Type="String">S-1</Data></Cell><Cell><Data ss:Type="String">城东区</Data></Cell><Cell><Data ss:Type="DateTime">2022-03-01T09:30:00.000</Data></Cell><Cell><Data ss:Type="DateTime">2022-03-02T16:45:00.000</Data></Cell><Cell><Data ss:Type="String">网上办理</Data></Cell><Cell><Data ss:Type="Number">2</Data></Cell><Cell><Data ss:Type="Number">12.5</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>
`;

let wh: TempWarehouse;
beforeAll(() => {
  wh = tempWarehouse();
});
afterAll(() => wh.remove());

/** Load with more in the environment than the warehouse: a converter, a PATH. */
const loadWith = (paths: string[], env: Record<string, string>) =>
  loadPaths(paths, {env: {...wh.env, ...env}, cwd: wh.dir, now: () => TEST_NOW});

/** A workbook of start-up cases: a title row, the header, and `ids` rows (the last in an unknown area). */
async function writeWorkbook(path: string, ids: string[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("办件");
  sheet.addRow(["西宁市企业开办办件明细"]);
  sheet.addRow(HEADER);
  ids.forEach((id, i) =>
    sheet.addRow([
      id,
      i === ids.length - 1 ? "火星区" : "城中区",
      "2022-03-01 09:30",
      "2022-03-01 15:00",
      "网上办理",
      2,
      0,
    ]),
  );
  await workbook.xlsx.writeFile(path);
}

/** A stand-in for LibreOffice: records its arguments and "converts" by copying `xlsx` to where soffice would. */
function fakeSoffice(dir: string, xlsx: string | null): string {
  const script = join(dir, xlsx ? "fake-soffice" : "broken-soffice");
  writeFileSync(
    script,
    [
      "#!/bin/sh",
      `echo "$@" > "${script}.args"`,
      'out=""; prev=""',
      'for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; done',
      `cp "$prev" "${script}.input"`,
      xlsx ? `cp "${xlsx}" "$out/input.xlsx"` : 'echo "Error: source file could not be loaded" >&2',
    ].join("\n") + "\n",
  );
  chmodSync(script, 0o755);
  return script;
}

describe("a folder load names every file it does not load", () => {
  it("loads the good files, refuses a legacy workbook with no converter, and names files of other kinds", async () => {
    const inbox = join(wh.dir, "inbox1");
    mkdirSync(inbox);
    writeFileSync(
      join(inbox, "a_good.csv"),
      `${HEADER.join(",")}\nF-1,城东区,2022-03-01 09:30,2022-03-01 15:00,网上办理,2,0\n`,
    );
    writeFileSync(join(inbox, "b_old.xls"), OLE2);
    writeFileSync(join(inbox, "c_wps.et"), OLE2);
    writeFileSync(join(inbox, "c_calc.ods"), ODS);
    writeFileSync(join(inbox, "d_letter.docx"), "PK");
    writeFileSync(join(inbox, "e_report.xml"), SPREADSHEET_2003);
    writeFileSync(join(inbox, "f_config.xml"), '<?xml version="1.0"?>\n<config><feed>x</feed></config>\n');
    writeFileSync(join(inbox, "README.txt"), "not a feed");
    const results = await wh.load([inbox]);
    const by = Object.fromEntries(results.map((r) => [r.file.split("/").pop(), r]));
    expect(Object.keys(by).sort()).toEqual([
      "a_good.csv",
      "b_old.xls",
      "c_calc.ods",
      "c_wps.et",
      "d_letter.docx",
      "e_report.xml",
      "f_config.xml",
    ]);
    expect(by["a_good.csv"]).toMatchObject({status: "loaded", rows_loaded: 1});
    for (const name of ["b_old.xls", "c_wps.et"]) {
      expect(by[name]).toMatchObject({status: "refused"});
      expect(by[name]!.message).toMatch(/no LibreOffice here to convert it: save it as \.xlsx or as CSV/);
      expect(by[name]!.message).toContain("apt-get install libreoffice-calc-nogui");
    }
    expect(by["c_calc.ods"]).toMatchObject({status: "refused"});
    expect(by["c_calc.ods"]!.message).toMatch(
      /an OpenDocument spreadsheet \(\.ods\) and no LibreOffice here to convert it/,
    );
    expect(by["e_report.xml"]!.message).toMatch(
      /an Excel 2003 XML workbook \(SpreadsheetML\) and no LibreOffice here to convert it/,
    );
    // Any other .xml (a manifest, a config) is passed over, as a .docx is.
    expect(by["f_config.xml"]).toMatchObject({status: "skipped", load_id: null});
    expect(by["f_config.xml"]!.message).toMatch(/^not loaded: an XML file that is no Excel 2003 XML workbook/);
    expect(by["d_letter.docx"]).toMatchObject({status: "skipped", load_id: null});
    expect(by["d_letter.docx"]!.message).toMatch(/^not loaded: a \.docx file is no kind bizenv reads/);
  });
});

describe("legacy .xls/.et workbooks", () => {
  it("are converted with $BIZENV_SOFFICE and loaded as the XLSX it writes, rows numbered as sheet rows", async () => {
    const xlsx = join(wh.dir, "converted.xlsx");
    await writeWorkbook(xlsx, ["L-1", "L-2", "L-3"]);
    const soffice = fakeSoffice(wh.dir, xlsx);
    const path = join(wh.dir, "legacy[1].et");
    writeFileSync(path, OLE2);
    const [result] = await loadWith([path], {...wh.env, BIZENV_SOFFICE: soffice});
    expect(result).toMatchObject({status: "loaded", feed: "startup_cases", rows_read: 3, rows_loaded: 2});
    const rejects = await wh.query<{line: number; rule: string}>(
      "select line, rule from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect(rejects).toEqual([{line: 5, rule: "unknown_area"}]);
    const [log] = await wh.query<{format: string; file_name: string; header_line: number}>(
      "select format, file_name, header_line from load_log where load_id = $1",
      [result!.load_id],
    );
    // The log keeps the file as sent (its sha256 is the .et's, not the conversion's).
    expect(log).toEqual({format: "xls", file_name: "legacy[1].et", header_line: 2});
    const args = readFileSync(`${soffice}.args`, "utf8");
    expect(args).toMatch(
      /^-env:UserInstallation=file:\/\/.* --headless --norestore --convert-to xlsx --outdir .*\/out .*\/input\.xls$/m,
    );
  });

  it("an OpenDocument spreadsheet (.ods, known by its mimetype whatever its name) is converted the same way", async () => {
    const xlsx = join(wh.dir, "converted-ods.xlsx");
    await writeWorkbook(xlsx, ["O-1", "O-2", "O-3"]);
    const soffice = fakeSoffice(wh.dir, xlsx);
    const path = join(wh.dir, "calc-export.zip");
    writeFileSync(path, ODS);
    const [result] = await loadWith([path], {...wh.env, BIZENV_SOFFICE: soffice});
    expect(result).toMatchObject({status: "loaded", feed: "startup_cases", rows_read: 3, rows_loaded: 2});
    const [log] = await wh.query<{format: string}>("select format from load_log where load_id = $1", [result!.load_id]);
    expect(log).toEqual({format: "ods"});
    expect(readFileSync(`${soffice}.args`, "utf8")).toMatch(/--convert-to xlsx --outdir .*\/out .*\/input\.ods$/m);
  });

  it("an Excel 2003 XML workbook (SpreadsheetML, often named .xls) is converted the same way", async () => {
    const xlsx = join(wh.dir, "converted-2003.xlsx");
    await writeWorkbook(xlsx, ["X-1", "X-2", "X-3"]);
    const soffice = fakeSoffice(wh.dir, xlsx);
    const path = join(wh.dir, "report-2003.xls");
    writeFileSync(path, SPREADSHEET_2003);
    const [result] = await loadWith([path], {...wh.env, BIZENV_SOFFICE: soffice});
    expect(result).toMatchObject({status: "loaded", feed: "startup_cases", rows_read: 3, rows_loaded: 2});
    const [log] = await wh.query<{format: string}>("select format from load_log where load_id = $1", [result!.load_id]);
    expect(log).toEqual({format: "spreadsheetml"});
    // Converted from input.xml: LibreOffice knows the format by its content, as it does an .xls's.
    expect(readFileSync(`${soffice}.args`, "utf8")).toMatch(/--convert-to xlsx --outdir .*\/out .*\/input\.xml$/m);
  });

  it.each([
    ["GBK", iconv.encode(SPREADSHEET_2003.replace('encoding="UTF-8"', 'encoding="GBK"'), "gbk")],
    [
      "UTF-16 with a BOM",
      Buffer.from(`\uFEFF${SPREADSHEET_2003.replace('encoding="UTF-8"', 'encoding="UTF-16"')}`, "utf16le"),
    ],
  ] as const)("an Excel 2003 XML workbook in %s reaches LibreOffice as UTF-8 (it garbled GBK)", async (_, bytes) => {
    const xlsx = join(wh.dir, "converted-2003-enc.xlsx");
    await writeWorkbook(xlsx, ["E-1", "E-2"]);
    const soffice = fakeSoffice(wh.dir, xlsx);
    const path = join(wh.dir, `report-2003-${bytes.length}.xls`);
    writeFileSync(path, bytes);
    const [result] = await loadWith([path], {...wh.env, BIZENV_SOFFICE: soffice});
    expect(result).toMatchObject({status: "loaded", rows_read: 2});
    const input = readFileSync(`${soffice}.input`);
    expect(input.subarray(0, 38).toString("utf8")).toBe('<?xml version="1.0" encoding="UTF-8"?>');
    expect(input.toString("utf8")).toContain(">城东区<");
    await wh.query("delete from feed_startup_cases where _load_id = $1", [result!.load_id]);
  });

  it("are refused with LibreOffice's own words when it cannot convert them", async () => {
    const path = join(wh.dir, "damaged.xls");
    writeFileSync(path, Buffer.concat([OLE2, Buffer.from("damaged")]));
    const [result] = await loadWith([path], {...wh.env, BIZENV_SOFFICE: fakeSoffice(wh.dir, null)});
    expect(result).toMatchObject({status: "refused"});
    expect(result!.message).toMatch(
      /damaged\.xls: LibreOffice could not convert it to \.xlsx \(Error: source file could not be loaded\)/,
    );
  });

  it("an OLE2 file of another name (a Word .doc) is refused, not converted", async () => {
    const path = join(wh.dir, "letter.doc");
    writeFileSync(path, Buffer.concat([OLE2, Buffer.from("doc")]));
    const [result] = await loadWith([path], {...wh.env, BIZENV_SOFFICE: "/nonexistent"});
    expect(result!.message).toMatch(/an OLE2 compound file \(Office 97–2003\) named \.doc/);
  });

  const soffice = findSoffice(process.env);
  if (!soffice) console.info("skipped: converting a real .xls needs LibreOffice (soffice on PATH or $BIZENV_SOFFICE)");
  /** A workbook of `ids` saved by the real LibreOffice as `format` in a folder of its own; returns its path. */
  const savedAs = async (folder: string, ids: string[], format: "xls" | "ods") => {
    const dir = join(wh.dir, folder);
    mkdirSync(dir);
    await writeWorkbook(join(dir, "book.xlsx"), ids);
    const args = [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", format];
    execFileSync(soffice!, [...args, "--outdir", dir, join(dir, "book.xlsx")]);
    return join(dir, `book.${format}`);
  };
  it.skipIf(!soffice)(
    "with the real LibreOffice: a workbook saved as Excel 97–2003 loads like its XLSX",
    async () => {
      const path = await savedAs("real", ["R-1", "R-2"], "xls");
      const [result] = await loadWith([path], {...wh.env, PATH: process.env.PATH ?? ""});
      expect(result).toMatchObject({status: "loaded", rows_read: 2, rows_loaded: 1});
    },
    240_000,
  );

  it.skipIf(!soffice)(
    "with the real LibreOffice: an Excel 2003 XML workbook in GBK named .xls loads every cell",
    async () => {
      const dir = join(wh.dir, "real-2003");
      mkdirSync(dir);
      const path = join(dir, "report.xls");
      // Declared and written GBK, as Chinese Java systems write it: LibreOffice garbled it before bizenv made it UTF-8.
      writeFileSync(
        path,
        iconv.encode(
          SPREADSHEET_2003.replaceAll(">S-1<", ">S-2003<").replace('encoding="UTF-8"', 'encoding="GBK"'),
          "gbk",
        ),
      );
      const [result] = await loadWith([path], {...wh.env, PATH: process.env.PATH ?? ""});
      expect(result).toMatchObject({status: "loaded", rows_read: 1, rows_loaded: 1});
      const rows = await wh.query(
        "select case_id, area, applied_at::varchar as applied_at, completed_at::varchar as completed_at, channel, procedures, cost_yuan from feed_startup_cases where _load_id = $1",
        [result!.load_id],
      );
      expect(rows).toEqual([
        {
          case_id: "S-2003",
          area: "chengdong",
          applied_at: "2022-03-01 09:30:00",
          completed_at: "2022-03-02 16:45:00",
          channel: "online",
          procedures: 2,
          cost_yuan: 12.5,
        },
      ]);
    },
    240_000,
  );

  it.skipIf(!soffice)(
    "with the real LibreOffice: a workbook saved as OpenDocument (.ods) loads like its XLSX",
    async () => {
      const path = await savedAs("real-ods", ["D-1", "D-2"], "ods");
      const [result] = await loadWith([path], {...wh.env, PATH: process.env.PATH ?? ""});
      expect(result).toMatchObject({status: "loaded", rows_read: 2, rows_loaded: 1});
      const rows = await wh.query<{case_id: string; applied_at: string}>(
        "select case_id, applied_at::varchar as applied_at from feed_startup_cases where _load_id = $1",
        [result!.load_id],
      );
      expect(rows).toEqual([{case_id: "D-1", applied_at: "2022-03-01 09:30:00"}]);
    },
    240_000,
  );
});

describe("HTML tables saved as .xls", () => {
  const table = (rows: string[][], extra = "") =>
    `<table border="1">${extra}${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n")}</table>`;

  it("a GBK page with a meta charset and a title row: read as a table, lines are table rows", async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>' +
      table([
        ["西宁市企业开办办件明细"],
        HEADER,
        ["H-1", "城东区", "2022-03-01 09:30", "2022-03-01 15:00", "网上办理", "2", "0"],
        ["H-2", "火星区", "2022-03-01 09:30", "2022-03-01 15:00", "网上办理", "2", "0"],
        ["H-3", "城西区", "2022/3/2 9:30", "&nbsp;", "窗口办理", "3", "1,000"],
      ]) +
      "</body></html>";
    const path = join(wh.dir, "web_export.xls");
    writeFileSync(path, iconv.encode(html, "gbk"));
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", feed: "startup_cases", rows_read: 3, rows_loaded: 2});
    const rejects = await wh.query<{line: number; column_name: string}>(
      "select line, column_name from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect(rejects).toEqual([{line: 4, column_name: "area"}]);
    const rows = await wh.query<{case_id: string; completed_at: string | null; cost_yuan: number}>(
      "select case_id, completed_at::varchar as completed_at, cost_yuan from feed_startup_cases where _load_id = $1 order by case_id",
      [result!.load_id],
    );
    expect(rows).toEqual([
      {case_id: "H-1", completed_at: "2022-03-01 15:00:00", cost_yuan: 0},
      {case_id: "H-3", completed_at: null, cost_yuan: 1000},
    ]);
    const [log] = await wh.query<{format: string; encoding: string; header_line: number}>(
      "select format, encoding, header_line from load_log where load_id = $1",
      [result!.load_id],
    );
    expect(log).toEqual({format: "html", encoding: "gb18030", header_line: 2});
  });

  it("a UTF-8 table with no <html> around it loads too", async () => {
    const path = join(wh.dir, "bare_table.xls");
    writeFileSync(path, table([HEADER, ["T-1", "城北区", "2022-03-01 09:30", "", "网上办理", "2", "0"]]));
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_loaded: 1});
  });

  it("merged cells below the header are refused with the row and column", async () => {
    const path = join(wh.dir, "merged.xls");
    const rows = table([HEADER, ["M-1", "城北区", "2022-03-01 09:30", "", "网上办理", "2", "0"]]).replace(
      "</table>",
      '<tr><td>M-2</td><td>城北区</td><td colspan="2">2022-03-01 09:30</td><td>网上办理</td><td>2</td><td>0</td></tr></table>',
    );
    writeFileSync(path, rows);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "refused"});
    expect(result!.message).toMatch(/merged\.xls: table row 3 has merged cells \(column 3: colspan=2\)/);
  });

  it("a 合计 row across the label columns is a footer, skipped as in a CSV", async () => {
    const path = join(wh.dir, "totals.xls");
    const rows = table([HEADER, ["S-1", "城北区", "2022-03-01 09:30", "", "网上办理", "2", "0"]]).replace(
      "</table>",
      '<tr><td colspan="5">合计</td><td>2</td><td>0</td></tr></table>',
    );
    writeFileSync(path, rows);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_read: 1, rows_loaded: 1, footer_lines: [3]});
  });

  it("reads every table with the header (one per district), after a title table; refuses one under another header", async () => {
    // Found 2026-12-08: the second district's table was dropped with "all rows valid".
    const path = join(wh.dir, "districts.xls");
    const html =
      table([["西宁市企业开办办件明细（2022年3月）"]]) +
      "<p>城东区</p>" +
      table([HEADER, ["D-1", "城东区", "2022-03-01 09:30", "", "网上办理", "2", "0"]]) +
      "<p>城西区</p>" +
      table([
        ["城西区办件"],
        HEADER,
        ["D-2", "城西区", "2022-03-02 09:30", "", "窗口办理", "3", "0"],
        ["D-3", "城西区", "2022-03-03 09:30", "", "窗口办理", "3", "0", "多出的一格"],
      ]) +
      table([["制表人：张三"]]);
    writeFileSync(path, html);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", feed: "startup_cases", rows_read: 3, rows_loaded: 2});
    const rows = await wh.query<{case_id: string; _line: number}>(
      "select case_id, _line from feed_startup_cases where _load_id = $1 order by _line",
      [result!.load_id],
    );
    // Lines are rows counted through the page: the title table's row is 1.
    expect(rows.map((r) => [r.case_id, Number(r._line)])).toEqual([
      ["D-1", 3],
      ["D-2", 6],
    ]);
    // A value past the header's last column rejects its row, as in a CSV, never cut off.
    const [reject] = await wh.query<{line: number; rule: string}>(
      "select line, rule from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect({line: Number(reject!.line), rule: reject!.rule}).toEqual({line: 7, rule: "malformed"});

    const other = join(wh.dir, "two-feeds.xls");
    writeFileSync(
      other,
      table([HEADER, ["E-1", "城东区", "2022-03-01 09:30", "", "网上办理", "2", "0"]]) +
        table([
          ["任务编号", "责任单位", "报送日期", "进展状态", "完成进度"],
          ["1", "市税务局", "2022-03-31", "推进中", "50"],
        ]),
    );
    const [refused] = await wh.load([other]);
    expect(refused!.status).toBe("refused");
    expect(refused!.message).toMatch(/a second table \(rows 3–4\) holds rows under another header \(row 3\)/);
    // A sign-off of two names or a summary under the data is no feed's rows: loaded (review, 2026-12-08).
    const signed = join(wh.dir, "signed.xls");
    writeFileSync(
      signed,
      table([HEADER, ["F-1", "城东区", "2022-03-01 09:30", "", "网上办理", "2", "0"]]) +
        table([["制表人：张三", "审核人：李四"]]) +
        table([
          ["区县", "办件数"],
          ["城东区", "1"],
        ]),
    );
    const [loaded] = await wh.load([signed]);
    expect(loaded).toMatchObject({status: "loaded", rows_read: 1, rows_loaded: 1});
  });

  it("a row's last cell spanning columns shifts no cell: loaded (Gnumeric's header, a sign-off line)", async () => {
    const path = join(wh.dir, "gnumeric.xls");
    const last = HEADER.length - 1;
    const rows = table([HEADER, ["G-1", "城北区", "2022-03-01 09:30", "", "网上办理", "2", "0"]])
      .replace(`<td>${HEADER[last]}</td>`, `<td colspan="2">${HEADER[last]}</td>`)
      .replace("</table>", '<tr><td colspan="7">填报人：张三</td></tr></table>');
    expect(rows).toContain('colspan="2"');
    writeFileSync(path, rows);
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_read: 1, rows_loaded: 1, footer_lines: [3]});
  });

  it("a page without a table is refused, saying so", async () => {
    const path = join(wh.dir, "login.xls");
    writeFileSync(path, "<!DOCTYPE html><html><body>会话已过期，请重新登录</body></html>");
    const [result] = await wh.load([path]);
    expect(result!.message).toMatch(/login\.xls: an HTML page with no <table> in it/);
  });
});

describe("the header is looked for past a first read of 64 KiB", () => {
  it("a title line longer than that (a pasted note) is passed over and reported, the rows loaded", async () => {
    const path = join(wh.dir, "long-title.csv");
    const title = `2022年3月办件说明：${"各区县按时报送。".repeat(12000)}`; // ≈ 280 KB
    const rows = [
      "SU-L1,城中区,2022-03-01 09:30,2022-03-01 15:00,网上办理,2,0",
      "SU-L2,城东区,2022-03-02 09:30,,窗口办理,3,0",
    ];
    writeFileSync(path, [title, HEADER.join(","), ...rows].join("\n") + "\n");
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({feed: "startup_cases", status: "loaded", rows_read: 2, rows_loaded: 2});
    expect(result!.message).toContain('line 1 "2022年3月办件说明');
  });
});

describe("half-copied archive files of processes that are gone", () => {
  it("are removed by the next load, in both namings (pid, and pid with the copy's count)", async () => {
    const archive = join(wh.dir, "archive");
    mkdirSync(archive, {recursive: true});
    const gone = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    const sha = "ab".repeat(32);
    const left = [`${sha}.csv.partial-${gone}`, `${sha}.csv.partial-${gone}-3`];
    for (const name of left) writeFileSync(join(archive, name), "half");
    const path = join(wh.dir, "after-crash.csv");
    writeFileSync(
      path,
      [HEADER.join(","), "SU-P1,城中区,2022-03-01 09:30,2022-03-01 15:00,网上办理,2,0"].join("\n") + "\n",
    );
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_loaded: 1});
    expect(readdirSync(archive).filter((n) => n.includes(".partial-"))).toEqual([]);
  });
});

describe("a unit said above the header (单位：万元)", () => {
  // Found 2026-12-08: amounts in 万元 under a note above the header loaded as yuan, 10,000 times too small.
  const header = ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "办理环节数", "费用"];
  const row = ["U-1", "城东区", "2022-03-01 09:30", "", "网上办理", "2", "0.05"];

  it("refuses a CSV, a workbook and an HTML table whose note names another unit than the columns'", async () => {
    const csv = join(wh.dir, "unit-note.csv");
    writeFileSync(csv, ["开办企业办件明细表", "单位：万元", header.join(","), row.join(",")].join("\n") + "\n");
    const xlsx = join(wh.dir, "unit-note.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("明细");
    for (const r of [["开办企业办件明细表", "", "金额单位：万元"], header, row]) sheet.addRow(r);
    await workbook.xlsx.writeFile(xlsx);
    const html = join(wh.dir, "unit-note.xls");
    writeFileSync(
      html,
      `<table><tr><td>单位：万元</td></tr></table><table><tr>${header.map((h) => `<td>${h}</td>`).join("")}</tr><tr>${row.map((c) => `<td>${c}</td>`).join("")}</tr></table>`,
    );
    for (const path of [csv, xlsx, html]) {
      const [result] = await wh.load([path]);
      expect(result!.status, path).toBe("refused");
      expect(result!.message, path).toMatch(/单位：万元" above its header, but cost_yuan is in yuan \(元\)/);
    }
    // The browser's file check refuses the workbook alike.
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(xlsx);
    const contracts = loadContracts(loadCatalog());
    const checked = readWorkbook(read as never, (h, f) => recognizeFeed(h, contracts, f));
    expect(checked).toEqual({refuse: expect.stringMatching(/金额单位：万元" above its header, but cost_yuan/)});
  });

  it("refuses a units row under the header that is not the columns' units, in a CSV and a workbook", async () => {
    const units = ["", "", "", "", "", "（个）", "（万元）"];
    const csv = join(wh.dir, "unit-row.csv");
    writeFileSync(csv, [header.join(","), units.join(","), row.join(",").replace("U-1", "U-5")].join("\n") + "\n");
    const xlsx = join(wh.dir, "unit-row.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("明细");
    for (const r of [header, units, row.map((c) => c.replace("U-1", "U-6"))]) sheet.addRow(r);
    await workbook.xlsx.writeFile(xlsx);
    // The browser's file check refuses the workbook alike.
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(xlsx);
    const catalog = loadCatalog();
    const contracts = loadContracts(catalog);
    const sheetData = readWorkbook(read as never, (h, f) => recognizeFeed(h, contracts, f));
    if ("refuse" in sheetData) throw new Error(sheetData.refuse);
    const references = referencesFromCatalog(catalog);
    const checked = checkSheet(sheetData, {contracts, references, now: chinaWallClock(TEST_NOW)});
    expect(checked).toEqual({refuse: expect.stringMatching(/the row under the header gives units/)});
    for (const path of [csv, xlsx]) {
      const [result] = await wh.load([path]);
      expect(result!.status, path).toBe("refused");
      expect(result!.message, path).toMatch(
        /the row under the header gives units \(（个） （万元）\) that are not the columns': cost_yuan is in yuan \(元\), the row says 万元/,
      );
    }
    // Units that are the columns' own: the row is a row like any other (rejected for its empty cells), never a refusal.
    const fits = join(wh.dir, "unit-row-fits.csv");
    writeFileSync(
      fits,
      [header.join(","), ["", "", "", "", "", "（个）", "（元）"].join(","), row.join(",").replace("U-1", "U-7")].join(
        "\n",
      ) + "\n",
    );
    const [result] = await wh.load([fits]);
    expect(result).toMatchObject({status: "loaded", rows_loaded: 1, rows_rejected: 1});
    // A label of another kind than the column's unit (分 under a count, 万人 under a plain number) claims nothing.
    const label = join(wh.dir, "unit-row-label.csv");
    writeFileSync(
      label,
      [header.join(","), ["", "", "", "", "", "（分）", ""].join(","), row.join(",").replace("U-1", "U-8")].join("\n") +
        "\n",
    );
    const [labelled] = await wh.load([label]);
    expect(labelled).toMatchObject({status: "loaded", rows_loaded: 1, rows_rejected: 1});
  });

  it("loads a table whose note is the columns' unit, or whose header names the column's own unit", async () => {
    const same = join(wh.dir, "unit-yuan.csv");
    writeFileSync(same, ["单位：元", header.join(","), row.join(",").replace("U-1", "U-2")].join("\n") + "\n");
    const own = join(wh.dir, "unit-own.csv");
    writeFileSync(
      own,
      ["单位：万元", [...header.slice(0, -1), "费用（元）"].join(","), row.join(",").replace("U-1", "U-3")].join("\n") +
        "\n",
    );
    const agency = join(wh.dir, "unit-agency.csv");
    writeFileSync(
      agency,
      ["填报单位：西宁市政务服务中心", header.join(","), row.join(",").replace("U-1", "U-4")].join("\n") + "\n",
    );
    for (const path of [same, own, agency]) {
      const [result] = await wh.load([path]);
      expect(result, path).toMatchObject({status: "loaded", rows_loaded: 1});
    }
  });
});
