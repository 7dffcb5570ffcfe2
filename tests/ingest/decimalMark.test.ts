// A number's decimal mark (pipeline/ingest/decimalMark.ts). Files written where a comma marks decimals (Excel and
// LibreOffice under a German or French locale, Java's Locale.GERMANY, pandas' decimal=",") were rejected row by row
// at best (`12,50`, `1.234,50`), and where every number looked like `1,500` (1.5) they were stored 1000 times too
// large without a word. Real writers' files (tests/fixtures/decimal-mark, SYNTHETIC rows) are loaded and read by the
// browser's file check; every value and every rejected line is checked on both sides.
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {chinaWallClock} from "../../pipeline/calendar/chinaWallClock.ts";
import {decimalMark, markEvidence, markHint, type MarkEvidence} from "../../pipeline/ingest/decimalMark.ts";
import {checkSheet, readDelimited, referencesFromCatalog, type RuleContract} from "../../pipeline/ingest/fileCheck.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {parseText} from "../../pipeline/ingest/parseText.ts";
import {TEST_NOW, tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "decimal-mark");
const catalog = loadCatalog();
const contracts = loadContracts(catalog) as RuleContract[];
const references = referencesFromCatalog(catalog);

const opened: TempWarehouse[] = [];
afterAll(() => opened.forEach((w) => w.remove()));
const fresh = () => {
  const wh = tempWarehouse();
  opened.push(wh);
  return wh;
};

describe("the evidence of one cell", () => {
  it("tells a decimal comma, a decimal point, and 1,500 that either could write", () => {
    const cases: Record<string, MarkEvidence | null> = {
      "12,5": "comma",
      "0,500": "comma",
      "1234,567": "comma",
      "1.234,50": "comma",
      "1\u00a0234,50": "comma",
      "1\u202f234,50": "comma",
      "1.234.567": "comma",
      "-1.234,5%": "comma",
      "¥1.234,50": "comma",
      "12.5": "point",
      "0.500": "point",
      "1,234.50": "point",
      "1,234,567": "point",
      "1,500": "grouped_comma",
      "1.500": "grouped_point",
      "1500": null,
      "7": null,
      "12,34,56": null,
      "a,b": null,
    };
    for (const [text, kind] of Object.entries(cases)) expect(markEvidence(text), text).toBe(kind);
  });
});

describe("the mark of a file", () => {
  const at = (value: string, line = 2, count = 1) => ({line, column: "cost_yuan", value, count});
  it("is a comma where only a comma is found, a point otherwise", () => {
    expect(decimalMark({comma: at("12,5")}, ",")).toEqual({mark: "comma"});
    expect(decimalMark({comma: at("12,5"), grouped_comma: at("1,500")}, ";")).toEqual({mark: "comma"});
    expect(decimalMark({point: at("12.5"), grouped_comma: at("1,500")}, ";")).toEqual({mark: "point"});
    expect(decimalMark({grouped_comma: at("1,500")}, ",")).toEqual({mark: "point"});
    expect(decimalMark({}, ";")).toEqual({mark: "point"});
  });
  it("is the mark of three times the other's cells where both are found: the others are strays", () => {
    expect(decimalMark({comma: at("12,34", 5, 1), point: at("1,234.50", 2, 3)}, ",")).toEqual({mark: "point"});
    expect(decimalMark({comma: at("12,5", 2, 30), point: at("12.5", 9, 10)}, ";")).toEqual({mark: "comma"});
    expect(decimalMark({comma: at("12,5", 2, 29), point: at("12.5", 9, 10)}, ";").mark).toBe("ambiguous");
  });
  it("counts 1,500 for the point in a file separated by commas: one typo 1,20 does not make 1,500 1.5", () => {
    expect(decimalMark({comma: at("1,20", 6, 1), grouped_comma: at("1,500", 2, 4)}, ",")).toEqual({mark: "point"});
    expect(decimalMark({comma: at("1,20", 6, 1), grouped_comma: at("1,500", 2, 2)}, ",")).toEqual({
      mark: "ambiguous",
      why: 'the file writes numbers with a decimal comma (1 cell, the first on line 6, cost_yuan "1,20") and as 1,500 is written where a comma groups thousands (2 cells, the first on line 2, cost_yuan "1,500")',
    });
    // Between semicolons, 1,500 is as likely 1.5: it counts for neither side.
    expect(decimalMark({comma: at("1,20", 6, 1), grouped_comma: at("1,500", 2, 4)}, ";")).toEqual({mark: "comma"});
  });
  it("cannot be told where both marks are found alike, or where a semicolon file has only 1,500 or 1.500-like numbers", () => {
    const mixed = decimalMark({comma: at("12,5", 3), point: at("12.5", 4, 2)}, ",");
    expect(mixed).toEqual({
      mark: "ambiguous",
      why: 'the file writes numbers with a decimal comma (1 cell, the first on line 3, cost_yuan "12,5") and with a decimal point (2 cells, the first on line 4, cost_yuan "12.5")',
    });
    expect(decimalMark({grouped_comma: at("1,500")}, ";").mark).toBe("ambiguous");
    expect(decimalMark({grouped_point: at("1.500")}, ";")).toEqual({
      mark: "ambiguous",
      why: 'the file is separated by semicolons, as files from decimal-comma locales usually are, and no number in it tells which mark it writes (for example line 2, cost_yuan "1.500")',
    });
    expect(decimalMark({grouped_point: at("1.500")}, ",")).toEqual({mark: "point"});
    expect(markHint(mixed)).toMatch(/1,500 is 1500 where a comma groups thousands but 1\.5 where it marks decimals/);
    expect(markHint(mixed)).toMatch(/--decimal point or --decimal comma and --replace$/);
  });
  it("is the stated one whatever the file holds", () => {
    expect(decimalMark({comma: at("12,5"), point: at("12.5")}, ",", "point")).toEqual({mark: "point", stated: true});
    expect(decimalMark({}, ",", "comma")).toEqual({mark: "comma", stated: true});
  });
  it("reads each number by the mark", () => {
    const read = (text: string, mark: "point" | "comma" | "ambiguous") => parseText("double", text, {mark});
    expect(read("1.234,5", "comma")).toBe(1234.5);
    expect(read("1,500", "comma")).toBe(1.5);
    expect(read("1.500", "comma")).toBe(1500);
    expect(read("1,5E+03", "comma")).toBe(1500);
    expect(read("12.5", "comma")).toBeNull();
    // No grouping starts with 0, and an exponent follows no group: a point wrote these.
    expect(read("0.500", "comma")).toBeNull();
    expect(read("-0.250", "comma")).toBeNull();
    expect(read("1.234E+01", "comma")).toBeNull();
    expect(parseText("integer", "0.500", {mark: "comma"})).toBeNull();
    expect(read("1\u00a0234,5", "comma")).toBe(1234.5);
    expect(read("1\u202f234\u202f567,25", "comma")).toBe(1234567.25);
    expect(read("1 234,5", "point")).toBeNull();
    expect(read("1,500", "point")).toBe(1500);
    expect(read("0,500", "point")).toBeNull(); // no thousands grouping starts with 0
    expect(read("1,500", "ambiguous")).toBeNull();
    expect(read("1.500", "ambiguous")).toBeNull();
    expect(read("1,234.5", "ambiguous")).toBe(1234.5);
    expect(read("12.5", "ambiguous")).toBe(12.5);
    expect(parseText("double", "12,5%", {mark: "comma", percent: true})).toBe(12.5);
    expect(parseText("integer", "1.500", {mark: "comma"})).toBe(1500);
  });
});

interface Expected {
  mark: "point" | "comma" | "ambiguous";
  cost: Record<string, number>;
  rejected?: number[];
}
const L = {"SU-L1": 1234.5, "SU-L2": 12.5, "SU-L3": 1500, "SU-L4": 0.25};
const EXPECTED: Record<string, Expected> = {
  "libreoffice_de_semicolon.csv": {mark: "comma", cost: L},
  "libreoffice_de_comma.csv": {mark: "comma", cost: L},
  "libreoffice_zh_comma.csv": {mark: "point", cost: {"SU-Z1": 1234.5, "SU-Z2": 12.5, "SU-Z3": 1500, "SU-Z4": 0.25}},
  "libreoffice_zh_whole_comma.csv": {mark: "point", cost: {"SU-W1": 1500, "SU-W2": 2250, "SU-W3": 80}},
  // `1,500` between semicolons, nothing else to tell: 1500 or 1.5? Rejected, never guessed.
  "libreoffice_zh_whole_semicolon.csv": {mark: "ambiguous", cost: {"SU-W3": 80}, rejected: [2, 3]},
  "java_de_grouped_semicolon.csv": {
    mark: "comma",
    cost: {"SU-J1": 1234.5, "SU-J2": 12.5, "SU-J3": 1500, "SU-J4": 12345.68},
  },
  "java_de_plain_semicolon_gbk.csv": {
    mark: "comma",
    cost: {"SU-K1": 1234.5, "SU-K2": 12.5, "SU-K3": 1500, "SU-K4": 12345.7},
  },
  // Thousands grouped by a no-break space (LibreOffice, fr-FR format) and a narrow one (Java 17, Locale.FRANCE).
  "libreoffice_fr_semicolon.csv": {mark: "comma", cost: {"SU-G1": 1234.5, "SU-G2": 12.5, "SU-G3": 1500, "SU-G4": 0.25}},
  "java_fr_grouped_semicolon.csv": {
    mark: "comma",
    cost: {"SU-F1": 1234.5, "SU-F2": 12.5, "SU-F3": 1500, "SU-F4": 12345.68},
  },
  "pandas_decimal_comma_semicolon.csv": {
    mark: "comma",
    cost: {"SU-P1": 1234.5, "SU-P2": 12.5, "SU-P3": 1500, "SU-P4": 0},
  },
  "pandas_decimal_comma_comma.csv": {mark: "comma", cost: {"SU-P1": 1234.5, "SU-P2": 12.5, "SU-P3": 1500, "SU-P4": 0}},
};

/** Load one file into a fresh warehouse: its result, stored costs, rejected lines and logged mark. */
async function load(path: string, decimal?: "point" | "comma") {
  const wh = fresh();
  const [result] = await wh.load([path], {feed: "startup_cases", ...(decimal ? {decimal} : {})});
  expect(result!.status, result!.message).toBe("loaded");
  const stored = await wh.query<{case_id: string; cost_yuan: number}>(
    "select case_id, cost_yuan from feed_startup_cases order by case_id",
  );
  const rejects = await wh.query<{line: number; rule: string; message: string}>(
    "select line, rule, message from load_rejects order by line",
  );
  const [logged] = await wh.query<{decimal_mark: string}>("select decimal_mark from load_log");
  return {
    result: result!,
    cost: Object.fromEntries(stored.map((r) => [r.case_id, r.cost_yuan])),
    rejects: rejects.map((r) => ({...r, line: Number(r.line)})),
    logged: logged!.decimal_mark,
  };
}

/** The browser's file check of the same file: its rejected lines. */
function fileCheck(path: string): number[] {
  const checked = checkSheet(readDelimited(readFileSync(path)), {
    contracts,
    references,
    now: chinaWallClock(TEST_NOW),
    feed: "startup_cases",
  });
  if ("refuse" in checked) throw new Error(checked.refuse);
  return [...new Set(checked.result.errors.map((e) => e.line))].sort((a, b) => a - b);
}

describe("real writers' files", () => {
  for (const [name, expected] of Object.entries(EXPECTED))
    it(`${name}: read with a ${expected.mark === "ambiguous" ? "mark it cannot tell" : `decimal ${expected.mark}`}`, async () => {
      const path = join(FIXTURES, name);
      const {result, cost, rejects, logged} = await load(path);
      expect(cost).toEqual(expected.cost);
      expect(rejects.map((r) => r.line)).toEqual(expected.rejected ?? []);
      expect(logged).toBe(expected.mark);
      expect(result.decimal_mark?.mark).toBe(expected.mark);
      expect(fileCheck(path)).toEqual(expected.rejected ?? []);
    });

  it("says why a number either mark could write was rejected, and how to state the mark", async () => {
    const {rejects, result} = await load(join(FIXTURES, "libreoffice_zh_whole_semicolon.csv"));
    expect(rejects.map((r) => r.rule)).toEqual(["type", "type"]);
    expect(rejects[0]!.message).toBe(
      'expected a number in cost_yuan (yuan), found "1,500": this file\'s decimal mark cannot be told (the file is separated by semicolons, as files from decimal-comma locales usually are, and no number in it tells which mark it writes (for example line 2, cost_yuan "1,500")), and a number such as 1,500 is 1500 where a comma groups thousands but 1.5 where it marks decimals; load the file again with --decimal point or --decimal comma and --replace',
    );
    expect(result.decimal_mark).toEqual({mark: "ambiguous", why: expect.stringContaining("separated by semicolons")});
  });

  it("is read as stated with --decimal", async () => {
    const path = join(FIXTURES, "libreoffice_zh_whole_semicolon.csv");
    expect((await load(path, "point")).cost).toEqual({"SU-W1": 1500, "SU-W2": 2250, "SU-W3": 80});
    const comma = await load(path, "comma");
    expect(comma.cost).toEqual({"SU-W1": 1.5, "SU-W2": 2.25, "SU-W3": 80});
    // Said as stated, not as found in the file (the load's output: "as --decimal comma states").
    expect(comma.result.decimal_mark).toEqual({mark: "comma", stated: true});
    // A decimal-comma file stated as point: its numbers are rejected as before, none misread.
    const stated = await load(join(FIXTURES, "java_de_grouped_semicolon.csv"), "point");
    expect(stated.cost).toEqual({});
    expect(stated.logged).toBe("point");
  });
});

describe("files of both marks", () => {
  const header = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan,synthetic\n";
  const row = (id: string, cost: string) => `${id},城东区,2022-03-01 09:00,2022-03-01 10:00,window,1,${cost},true\n`;

  it("reject the numbers that depend on the mark and load the rest", async () => {
    const wh = fresh();
    const path = join(wh.dir, "mixed.csv");
    writeFileSync(
      path,
      header + row("SU-1", '"1,500"') + row("SU-2", '"12,5"') + row("SU-3", "12.5") + row("SU-4", '"7,25"'),
    );
    const {cost, rejects, logged} = await load(path);
    expect(cost).toEqual({"SU-3": 12.5});
    expect(rejects.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(rejects[1]!.message).toContain(
      'the file writes numbers with a decimal comma (2 cells, the first on line 3, cost_yuan "12,5") and with a decimal point (1 cell, the first on line 4, cost_yuan "12.5") and as 1,500 is written where a comma groups thousands (1 cell, the first on line 2, cost_yuan "1,500")',
    );
    expect(logged).toBe("ambiguous");
    expect(fileCheck(path)).toEqual([2, 3, 5]);
  });

  it("keep a point file a point file: a typo 1,20 among 1,500s is rejected, the 1,500s read as before", async () => {
    const wh = fresh();
    const path = join(wh.dir, "typo.csv");
    const costs = ['"1,500"', '"2,250"', '"3,800"', '"12,800"', '"1,20"'];
    writeFileSync(path, header + costs.map((c, i) => row(`SU-${i + 1}`, c)).join(""));
    const {cost, rejects, logged} = await load(path);
    expect(cost).toEqual({"SU-1": 1500, "SU-2": 2250, "SU-3": 3800, "SU-4": 12800});
    expect(rejects.map((r) => r.line)).toEqual([6]);
    expect(logged).toBe("point");
    expect(fileCheck(path)).toEqual([6]);
  });

  it("take no evidence from a totals line below the table, loader and file check alike", async () => {
    const wh = fresh();
    const path = join(wh.dir, "totals.csv");
    writeFileSync(path, header + row("SU-1", '"1,500"') + row("SU-2", '"1,234.50"') + '合计,,,,,2,"2734,5",\n');
    const {cost, rejects, logged} = await load(path);
    expect(cost).toEqual({"SU-1": 1500, "SU-2": 1234.5});
    expect(rejects).toEqual([]);
    expect(logged).toBe("point");
    expect(fileCheck(path)).toEqual([]);
  });

  it("read a semicolon file of 1.500-like whole amounts (German #.##0) only as stated", async () => {
    const wh = fresh();
    const path = join(wh.dir, "de-whole.csv");
    const semi = (s: string) => s.replaceAll(",", ";");
    writeFileSync(
      path,
      semi(header) + semi(row("SU-1", "1.500")) + semi(row("SU-2", "2.250")) + semi(row("SU-3", "800")),
    );
    const read = await load(path);
    expect(read.cost).toEqual({"SU-3": 800});
    expect(read.logged).toBe("ambiguous");
    expect(fileCheck(path)).toEqual([2, 3]);
    expect((await load(path, "comma")).cost).toEqual({"SU-1": 1500, "SU-2": 2250, "SU-3": 800});
  });

  it("read again with --replace and --decimal, the same bytes, superseding the load that could not tell", async () => {
    const wh = fresh();
    const path = join(FIXTURES, "libreoffice_zh_whole_semicolon.csv");
    const [first] = await wh.load([path], {feed: "startup_cases"});
    expect(first!.rows_rejected).toBe(2);
    const [skipped] = await wh.load([path], {feed: "startup_cases", decimal: "point"});
    expect(skipped!.status).toBe("skipped");
    expect(skipped!.message).toContain("to read it again with --decimal point, add --replace");
    const [again] = await wh.load([path], {feed: "startup_cases", decimal: "point", replace: true});
    expect(again!.status).toBe("loaded");
    expect(again!.replaces?.load_id).toBe(first!.load_id);
    const rows = await wh.query<{case_id: string; cost_yuan: number}>(
      "select case_id, cost_yuan from current_startup_cases order by 1",
    );
    expect(rows).toEqual([
      {case_id: "SU-W1", cost_yuan: 1500},
      {case_id: "SU-W2", cost_yuan: 2250},
      {case_id: "SU-W3", cost_yuan: 80},
    ]);
    const [same] = await wh.load([path], {feed: "startup_cases", decimal: "point", replace: true});
    expect(same!.status).toBe("skipped");
  });

  it("streamed or staged, tab-separated (Excel's Unicode text): the comma found in a rejected row", async () => {
    const wh = fresh();
    const path = join(wh.dir, "excel.tsv");
    const tab = (s: string) => s.replaceAll(",", "\t");
    // Three decimal commas against one 1,500: a comma file (1,500 is 1.5 here).
    const cells = ["1,500", "12,5", "7,25", "0,5", "7"];
    writeFileSync(
      path,
      tab(header) + cells.map((c, i) => tab(row(`SU-${i + 1}`, "7")).replace("\t7\t", `\t${c}\t`)).join(""),
    );
    const {cost, rejects, logged} = await load(path);
    expect(cost).toEqual({"SU-1": 1.5, "SU-2": 12.5, "SU-3": 7.25, "SU-4": 0.5, "SU-5": 7});
    expect(rejects).toEqual([]);
    expect(logged).toBe("comma");
    expect(fileCheck(path)).toEqual([]);
  });

  it("under a comma, say that a point only groups thousands", async () => {
    const wh = fresh();
    const path = join(wh.dir, "comma.csv");
    writeFileSync(path, header + row("SU-1", '"12,5"') + row("SU-2", "2.5"));
    const {cost, rejects} = await load(path, "comma");
    expect(cost).toEqual({"SU-1": 12.5});
    expect(rejects[0]!.message).toBe(
      'expected a number in cost_yuan (yuan), found "2.5": this file writes numbers with a decimal comma (1.234,5 is 1234.5), where a point only groups digits in threes',
    );
  });
});
