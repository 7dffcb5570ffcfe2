// The workbook read back with exceljs holds the exports' figures, in number cells with their formats, under frozen
// bilingual headers; no cell of it starts a formula, whatever text the exports carry.
import ExcelJS from "exceljs";
import {describe, expect, it} from "vitest";
import {writeWorkbook} from "../../pipeline/assess/writeWorkbook.ts";
import {catalog, csvRows, exportsCopy, fixtureAssessment, PINNED_META} from "./fixture.ts";

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet as objects keyed by its header row. */
function rowsOf(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const out: Array<Record<string, ExcelJS.CellValue>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

const assessment = fixtureAssessment({year: "2022"});

describe("the 2022 workbook", async () => {
  const workbook = await readBack(await writeWorkbook(assessment, catalog, "zh", PINNED_META));

  it("has the summary, targets, evidence, rule breaches, indicators, provisional verdicts, tasks, units, caveats, feeds and method sheets", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "概要",
      "量化目标",
      "证据文件",
      "违反规则的个案",
      "指标等次",
      "暂定评定",
      "任务完成情况",
      "单位考评",
      "数据说明",
      "数据源状况",
      "方法",
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({state: "frozen", ySplit: 1});
      expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true);
    }
  });

  it("holds each target's judged value and case count exactly as attainment.csv, as numbers", () => {
    const attainment = csvRows("attainment.csv");
    const sheet = workbook.getWorksheet("量化目标")!;
    const rows = rowsOf(sheet);
    expect(rows).toHaveLength(29);
    // Clauses 15.2, 6.3, 12, 3.1, 3.2, 37 and 42 are newer than the fixture exports, and 33, 22.1 and 22.2 are not
    // due before June 2023: rows without a judged value.
    const judged = (r: Record<string, ExcelJS.CellValue>) => (r["实际值"] ?? null) !== null;
    expect(rows.filter((r) => !judged(r)).map((r) => r["条款"])).toEqual([
      "15.2",
      "6.3",
      "12",
      "33",
      "3.1",
      "3.2",
      "22.1",
      "22.2",
      "37",
      "42",
    ]);
    for (const row of rows.filter(judged)) {
      const source = attainment.find(
        (r) => r.clause === row["条款"] && r.area_id === "xining" && r.period === row["评定期间"],
      )!;
      expect(row["实际值"], String(row["条款"])).toBe(Number(source.actual));
      expect(row["案例数"], String(row["条款"])).toBe(Number(source.n));
      expect(row["目标值"]).toBe(Number(source.target));
    }
    const actualColumn = (sheet.getRow(1).values as string[]).indexOf("实际值");
    expect(sheet.getColumn(actualColumn).numFmt).toBe("0.00");
    expect(sheet.getColumn((sheet.getRow(1).values as string[]).indexOf("截止日期")).numFmt).toBe("yyyy-mm-dd");
    expect(rows.find((r) => r["条款"] === "6.2")!["评定"]).toBe("未达标");
  });

  it("lists every task × unit of tasks.csv and every unit with the score the assessment computed", () => {
    expect(rowsOf(workbook.getWorksheet("任务完成情况")!)).toHaveLength(csvRows("tasks.csv").length);
    const units = rowsOf(workbook.getWorksheet("单位考评")!);
    expect(units.map((u) => u["综合得分"] ?? null)).toEqual(assessment.units.map((u) => u.score));
    // Ties share a place: fourteen units with every judged task on time and no service figures tie at 100.
    expect(units.filter((u) => u["名单"] === "十佳")).toHaveLength(14);
  });

  it("lists every case of 2022 in rule_breaches.csv on 违反规则的个案, with its file and line", () => {
    const expected = csvRows("rule_breaches.csv").filter((r) => r.observed_on!.startsWith("2022-"));
    const rows = rowsOf(workbook.getWorksheet("违反规则的个案")!);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(expected.length);
    const key = (clause: unknown, caseKey: unknown, file: unknown, line: unknown) =>
      `${clause}|${caseKey}|${file}|${line}`;
    expect(new Set(rows.map((r) => key(r["条款"], r["个案"], r["文件名"], r["行号"])))).toEqual(
      new Set(expected.map((r) => key(r.target_clause, r.case_key, r.file_name, Number(r.source_line)))),
    );
    // the measured value and the limit are numbers, so an evaluator can sort and check them
    expect(rows.every((r) => typeof r["实测值"] === "number" && typeof r["规则限值"] === "number")).toBe(true);
  });

  it("sizes columns to their text: wide enough for the header, capped for long text", () => {
    const sheet = workbook.getWorksheet("指标等次")!;
    for (const column of sheet.columns) expect(column.width).toBeGreaterThanOrEqual(6);
    expect(Math.max(...sheet.columns.map((c) => c.width ?? 0))).toBeLessThanOrEqual(60);
  });

  it("writes English headers with --lang en", async () => {
    const en = await readBack(await writeWorkbook(assessment, catalog, "en", PINNED_META));
    expect(en.worksheets.map((s) => s.name)).toContain("Targets");
    expect((en.getWorksheet("Targets")!.getRow(1).values as string[]).slice(1, 4)).toEqual([
      "Clause",
      "Indicator",
      "Metric",
    ]);
  });

  it("is the same bytes for the same assessment", async () => {
    const a = await writeWorkbook(assessment, catalog, "zh", PINNED_META);
    const b = await writeWorkbook(assessment, catalog, "zh", PINNED_META);
    expect(a.equals(b)).toBe(true);
  });
});

describe("formula neutralisation", () => {
  it("turns text that a spreadsheet would execute into inert text in every sheet", async () => {
    const copy = exportsCopy();
    copy.edit("tiers.csv", (text) =>
      text.replace(/online_service_capability_pct: percentile [^,\n]*/g, '"=HYPERLINK(""http://evil.example"",""x"")"'),
    );
    copy.edit("tiers.csv", (text) => text.replaceAll(",tier_percentile_v1,", ",+cmd|' /C calc'!A0,"));
    copy.edit("load_log.csv", (text) => text.replace("property_registration_cases_2022.csv", "@SUM(1+1)*cmd.csv"));
    const a = fixtureAssessment({year: "2022"}, copy.dir);
    const workbook = await readBack(await writeWorkbook(a, catalog, "zh", PINNED_META));
    const texts: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === "string") texts.push(cell.value);
        }),
      );
    }
    expect(texts).toContain(`'=HYPERLINK("http://evil.example","x")`);
    expect(texts).toContain("'+cmd|' /C calc'!A0");
    expect(texts).toContain("'@SUM(1+1)*cmd.csv");
    // nothing left that starts a formula (plain signed numbers written as text stay readable)
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t) && !/^[+-]?\d+(\.\d+)?$/.test(t))).toEqual([]);
  });
});
