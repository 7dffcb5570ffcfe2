// The File check page's rules (pipeline/ingest/rowRules.ts) against the loader itself: for every feed, a file made
// of its fixture rows, one broken copy per rule its contract declares, rows written the other ways offices write
// them (full-width digits, slashes, 年月日, Excel serials, codes and aliases) and an in-file duplicate is loaded
// into a throwaway warehouse with the real loader, and checked in memory with rowRules; both must reject exactly
// the same lines for the same rules and columns. Also: the catalog references equal the warehouse's alias tables,
// and headers are recognised as the loader recognises them.
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import Papa from "papaparse";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import type {Contract, ContractColumn} from "../../pipeline/ingest/contractSchema.ts";
import {normalizeHeader as loaderNormalizeHeader, loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {chinaWallClock} from "../../pipeline/calendar/chinaWallClock.ts";
import {recognizeFeed as loaderRecognizeFeed} from "../../pipeline/ingest/matchHeaders.ts";
import {
  checkRows,
  decimalMarkOfRows,
  normalizeHeader,
  recognizeFeed,
  referencesFromCatalog,
  isIdentifier,
  type RuleContract,
} from "../../pipeline/ingest/rowRules.ts";
import {scrubPersonalNumbers} from "../../pipeline/ingest/personalData.ts";
import {notAValueMessage} from "../../pipeline/ingest/rowMessages.ts";
import {TEST_NOW, tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "feeds");
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const references = referencesFromCatalog(catalog);
const NOW = chinaWallClock(TEST_NOW);

let warehouse: TempWarehouse;
// The same files read with a stated decimal comma: a warehouse of their own (the first skips content it has).
let whComma: TempWarehouse;
beforeAll(() => {
  warehouse = tempWarehouse();
  whComma = tempWarehouse();
});
afterAll(() => {
  warehouse.remove();
  whComma.remove();
});

/** Other spellings of a value that offices use, by column type (some valid, some not: both sides must agree). */
function spellings(c: ContractColumn, contract: Contract): string[] {
  if (c.references === "area") return ["630102", "大通县", "Chengdong District", "chengdong", "城东", "西宁市"];
  if (c.references === "unit") return ["admin_approval_bureau", "市行政审批局", "某某局"];
  if (c.references === "task") return ["9", "9.0", "０９", "48"];
  if (c.references === "metric") return ["business_startup_time_workdays", "Startup"];
  if (c.value_aliases) return [...Object.keys(c.value_aliases), ...(c.allowed ?? []).map(String)];
  switch (c.type) {
    case "timestamp":
      return [
        "2023-06-05T01:00:00Z",
        "2023-06-05 09:30:00+08:00",
        "23/6/5 9:30",
        "1999-12-31 23:59",
        '="2022/3/5 9:30"',
        "2022/3/5 9:30",
        "2022年3月5日 9:30",
        "2022年3月5日9时30分",
        "2022-03-05T09:30",
        "2022/3/5 下午3:30",
        "2022-03-05 03:30 PM",
        "2022/3/5 下午13:30",
        "44620.375",
        "２０２２－０３－０５　０９：３０",
        "2022-03-05",
      ];
    case "date":
      return [
        ...["2022/3/5", "2022年3月5日", "20220305", "44620", "2022.03.05", "2022-03-05 09:30", "2022-02-30"],
        ...["23/6/5", "6/5/23", "1999-12-31", "2023-06-05T20:00:00Z", '="2022-03-05"'],
      ];
    case "month":
      return ["2022/03", "2022年3月", "202203", "2022-03-05", "２０２２－０３", "2022-13", "1999-12", "23/6"];
    case "integer":
      return ["１２", "1,200", "12,34", "5.0", "+3", "3个", "2.5", "１２．５", "1,234.5", '="12"'];
    case "double":
      return [
        "１２．５",
        "1,234.5",
        "12%",
        "1e2",
        "12小时",
        "-0.5",
        "¥1,234.50",
        "-￥3.5",
        "12元",
        "(¥1.00)",
        "¥ １２",
        "＋¥12",
        "－￥12",
        // Written with a decimal comma, or with a mark either could be (decimalMark.ts).
        "1.234,5",
        "12,5",
        "1.234.567",
        "1,500",
        "1.500",
        "0,5%",
        "1\u00a0234,5",
      ];
    case "boolean":
      return ["是", "否", "Y", "√", "maybe"];
    default:
      return isIdentifier(contract, c)
        ? [
            ...["6.30102E+17", "630102199001011000", "630102199001011234", '="630102199001011234"', "1234567890123450"],
            ...["630102.0", "12345.00", "1.0", "2022.5"],
          ]
        : ['="0123"'];
  }
}

/** The base row with its key made unique for variant `i` (so only the rules, not duplicates, decide). */
function uniqueKey(contract: Contract, row: Record<string, string>, i: number): Record<string, string> {
  const out = {...row};
  const col = (name: string) => contract.columns.find((c) => c.name === name)!;
  const free = contract.key.find((k) => col(k).type === "varchar" && !col(k).references);
  if (free) out[free] = `${row[free]}-V${i}`;
  else {
    const k = contract.key.find((k) => ["date", "month", "integer"].includes(col(k).type) && !col(k).references);
    if (!k) throw new Error(`no key column to vary in ${contract.feed}`);
    const c = col(k);
    if (c.type === "date") out[k] = new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10);
    else if (c.type === "month") out[k] = `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
    else out[k] = String((c.min ?? 0) + (i % ((c.max ?? 1e6) - (c.min ?? 0) + 1)));
  }
  return out;
}

/** The fixture's rows, then broken and respelled variants, then an exact duplicate of the first row. */
function corpus(contract: Contract): {headers: string[]; rows: Array<Record<string, string>>} {
  const parsed = Papa.parse<Record<string, string>>(
    readFileSync(join(FIXTURES, `${contract.feed}.csv`), "utf8").trim(),
    {
      header: true,
    },
  );
  const headers = parsed.meta.fields!;
  const base = parsed.data;
  const rows = [...base];
  let i = 0;
  const variant = (column: string, value: string) =>
    rows.push(uniqueKey(contract, {...base[i % base.length]!, [column]: value}, ++i));
  for (const c of contract.columns) {
    if (c.required) variant(c.name, "");
    if (c.references) variant(c.name, "NOWHERE-999");
    else if (c.type !== "varchar") variant(c.name, "not-a-value");
    if (c.allowed) variant(c.name, typeof c.allowed[0] === "number" ? "9" : "zzz_not_allowed");
    if (c.min !== undefined) variant(c.name, String(c.min - 1));
    if (c.max !== undefined) variant(c.name, String(c.max + 1));
    if (c.at_least)
      variant(c.name, c.type === "date" ? "2000-01-01" : c.type === "timestamp" ? "2000-01-01 00:00" : "-1");
    if (c.at_most) variant(c.name, "999999999");
    if (["date", "timestamp", "month"].includes(c.type)) variant(c.name, c.type === "month" ? "2099-01" : "2099-01-01");
    for (const s of spellings(c, contract)) variant(c.name, s);
    // What a spreadsheet writes where a cell has no value: rejected in every column, free text too.
    for (const s of ["#DIV/0!", "#N/A", "#####", "=F3*10", "Err:502", "#ERROR!", "##", "Err:404"]) variant(c.name, s);
    // A program's word for no value: empty where no text is a value, kept in free text.
    for (const s of ["null", "NULL", "None", "(null)", "<NA>", "NaT", "NaN", "\\N"]) variant(c.name, s);
  }
  if (headers.includes("synthetic")) {
    variant("synthetic", "maybe");
    variant("synthetic", "是");
  }
  rows.push({...base[0]!});
  return {headers, rows};
}

const toCsv = (headers: string[], rows: Array<Record<string, string>>) =>
  Papa.unparse({fields: headers, data: rows.map((r) => headers.map((h) => r[h] ?? ""))}, {newline: "\n"}) + "\n";

describe("rowRules rejects what the loader rejects", () => {
  it("knows the same area and unit names as the warehouse", async () => {
    const wh = warehouse;
    await wh.load([join(FIXTURES, "startup_cases.csv")]);
    const areas = await wh.query<{alias: string; area_id: string}>("select alias, area_id from dim_area_alias");
    const units = await wh.query<{alias: string; unit_id: string}>("select alias, unit_id from dim_unit_alias");
    expect(Object.fromEntries(areas.map((a) => [a.alias, a.area_id]))).toEqual(references.area);
    expect(Object.fromEntries(units.map((u) => [u.alias, u.unit_id]))).toEqual(references.unit);
  });

  // Each file read with the decimal mark both sides decide from it (decimalMark.ts), and again with a stated comma.
  for (const contract of contracts)
    for (const stated of [undefined, "comma" as const])
      it(`${contract.feed}: the same lines, rules and columns${stated ? `, read with a stated decimal ${stated}` : ""}`, async () => {
        const wh = stated ? whComma : warehouse;
        const {headers, rows} = corpus(contract);
        const path = join(wh.dir, `corpus_${contract.feed}.csv`);
        writeFileSync(path, toCsv(headers, rows));
        const [result] = await wh.load([path], {feed: contract.feed, ...(stated ? {decimal: stated} : {})});
        expect(result!.status, result!.message).toBe("loaded");
        const loader = await wh.query<{line: number; column_name: string; rule: string}>(
          "select line, column_name, rule from load_rejects where load_id = $1 and rule <> 'duplicate_loaded' order by 1, 2, 3",
          [result!.load_id],
        );
        const match = recognizeFeed(headers, contracts as RuleContract[], contract.feed);
        if ("refuse" in match) throw new Error(match.refuse);
        const cells = rows.map((r, i) => ({line: i + 2, cells: headers.map((h) => r[h] ?? "")}));
        // The file's decimal mark, decided alike (its spellings hold both marks: `12,34` and `1,234.5`).
        const mark = stated ? {mark: stated} : decimalMarkOfRows(match, cells, ",", headers.length);
        const [logged] = await wh.query<{decimal_mark: string}>(
          "select decimal_mark from load_log where load_id = $1",
          [result!.load_id],
        );
        expect(logged!.decimal_mark).toBe(mark.mark);
        const checked = checkRows(match, cells, {references, now: NOW, width: headers.length, mark});
        const key = (e: {line: number; column_name: string; rule: string}) => `${e.line}|${e.column_name}|${e.rule}`;
        const expected = loader.map(key).sort();
        expect(checked.errors.map(key).sort()).toEqual(expected);
        expect(expected.length).toBeGreaterThan(5); // the corpus really breaks rules
        expect(checked.rejectedLines).toBe(new Set(loader.map((l) => l.line)).size);
        // The rules whose messages are shared (rowRules.ts MESSAGES) say the very same words on both sides.
        const said = await wh.query<{line: number; message: string}>(
          "select line, message from load_rejects where load_id = $1 and rule in ('identifier', 'too_early', 'spreadsheet_error', 'required') order by 1, 2",
          [result!.load_id],
        );
        const shared = checked.errors.filter((e) =>
          ["identifier", "too_early", "spreadsheet_error", "required"].includes(e.rule),
        );
        // The loader stores a message with identity-shaped numbers withheld; the browser shows the analyst's own file.
        expect(shared.map((e) => `${e.line}|${scrubPersonalNumbers(e.message)}`).sort()).toEqual(
          said.map((e) => `${e.line}|${e.message}`).sort(),
        );
      });
});

describe("what a spreadsheet shows for no value", () => {
  it("is an error value, three # or more, LibreOffice's Err:5xx, or a formula where text is no value", () => {
    const said = (value: string, freeText = true) => notAValueMessage("note", value, freeText);
    for (const value of ["#DIV/0!", "#N/A", "#NAME?", "#ERROR!", "#SPILL!", "###", "########", "Err:502", "Err:539"])
      expect(said(value), value).not.toBeNull();
    // Text a person may type: a # or two, a web error code, a formula's text in free text.
    for (const value of ["#", "##", "#1", "Err:404", "E1", "=见附件", "N/A", "#N/A 待查"])
      expect(said(value), value).toBeNull();
    expect(said("=F3*10", false)).toMatch(/^note holds a formula \("=F3\*10"\) with no computed value/);
    expect(said("########")).toMatch(/^note is "########": what a spreadsheet shows where a value does not fit/);
  });
});

describe("headers", () => {
  const samples = [
    " 办件编号 ",
    "\uFEFFcase_id",
    "费用（元）",
    "申请\u3000时间",
    "Area",
    "DISTRICT",
    "模拟数据",
    "is_synthetic",
  ];
  it("are normalised as the loader normalises them", () => {
    expect(samples.map(normalizeHeader)).toEqual(samples.map(loaderNormalizeHeader));
  });

  it("are recognised as the loader recognises them, or refused the same way", () => {
    const cases = [
      ...contracts.map((c) => c.columns.map((col) => col.aliases[0] ?? col.name)),
      ["case_id", "area", "applied_at"],
      ["办件编号", "区县", "申请时间", "办结时间", "办理渠道", "环节数", "费用(元)", "备注"],
      ["unit", "month"],
      [],
    ];
    for (const headers of cases) {
      const ours = recognizeFeed(headers, contracts as RuleContract[]);
      const theirs = loaderRecognizeFeed(headers, contracts);
      expect("refuse" in ours ? "refused" : ours.contract.feed).toBe(
        "refuse" in theirs ? "refused" : theirs.contract.feed,
      );
    }
  });
});
