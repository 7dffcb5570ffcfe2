import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {DEFAULT_CATALOG_DIR, loadCatalog} from "../../pipeline/catalog/index.ts";
import {CatalogError} from "../../pipeline/errors.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

/** Copy the real catalog, apply one edit to one file, and return the problems loading it reports. */
function problemsAfter(file: string, edit: (text: string) => string): CatalogError["issues"] {
  const dir = mkdtempSync(join(tmpdir(), "bizenv-catalog-"));
  dirs.push(dir);
  cpSync(DEFAULT_CATALOG_DIR, dir, {recursive: true});
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  expect(after, "the edit must change the file").not.toBe(before);
  writeFileSync(path, after);
  try {
    loadCatalog(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as CatalogError).issues;
  }
  throw new Error("the edited catalog loaded without error");
}

describe("catalog validation points at the offending entry", () => {
  it("an unknown unit id in a task, with file, line and path", () => {
    const issues = problemsAfter("tasks.yaml", (t) =>
      t.replace(
        "      - tax_bureau\n    units_text_zh: 市税务局\n",
        "      - tax_bureau_x\n    units_text_zh: 市税务局\n",
      ),
    );
    expect(issues).toContainEqual({
      file: expect.stringMatching(/tasks\.yaml:\d+$/),
      path: "tasks[8].units[0]",
      message: 'unknown unit id "tax_bureau_x" (not in units.yaml)',
    });
  });

  it("a DB2020 component whose bounds differ from DB2020's, or that DB2020 does not define", () => {
    const issues = problemsAfter("metrics.yaml", (t) =>
      t
        .replace("      frontier: 18\n      worst: 248\n", "      frontier: 18\n      worst: 250\n")
        .replace("db2020: registering_property.time_days", "db2020: registering_property.no_such"),
    );
    expect(issues).toContainEqual({
      file: expect.stringMatching(/metrics\.yaml:\d+$/),
      path: expect.stringMatching(/^metrics\[\d+\]\.component$/),
      message: "frontier 18 / worst 250 differ from DB2020 getting_electricity.time_days (18 / 248)",
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/metrics\.yaml:\d+$/),
        message: "DB2020 has no component registering_property.no_such",
      }),
    );
  });

  it("a task removed: the count and the numbering", () => {
    const issues = problemsAfter("tasks.yaml", (t) => t.replace(/ {2}- number: 47\n[\s\S]*$/, ""));
    expect(issues.map((i) => i.message)).toContain("expected 47 tasks, found 46");
  });

  it("a duplicated clause number", () => {
    const issues = problemsAfter("targets.yaml", (t) => t.replace('clause: "6.2"', 'clause: "6.1"'));
    expect(issues).toContainEqual(
      expect.objectContaining({path: "targets[2]", message: 'duplicate clause number "6.1" (first at targets[1])'}),
    );
  });

  it("a target value the plan does not state", () => {
    const issues = problemsAfter("targets.yaml", (t) => t.replace("    value: 13\n", "    value: 12\n"));
    expect(issues).toContainEqual(
      expect.objectContaining({path: "targets[18].value", message: "the value 12 is not stated in its words (13)"}),
    );
  });

  it("a share target judged as a measure again, or without its case limit", () => {
    // Undoing clause 13's share (back to the median lead time) leaves a case limit on a measure.
    const median = problemsAfter("targets.yaml", (t) =>
      t.replace(
        '    metric: procurement_intention_on_time_pct\n    comparator: ">="\n    value: 100\n    unit: percent\n',
        '    metric: procurement_intention_lead_days\n    comparator: ">="\n    value: 100\n    unit: day\n',
      ),
    );
    expect(median).toContainEqual(expect.objectContaining({path: "targets[5].case_limit"}));
    const bare = problemsAfter("targets.yaml", (t) => t.replace("    case_limit: {value: 30, unit: day}\n", ""));
    expect(bare).toContainEqual(expect.objectContaining({path: "targets[5].case_limit"}));
    const wrong = problemsAfter("targets.yaml", (t) =>
      t.replace("case_limit: {value: 30, unit: day}", "case_limit: {value: 31, unit: day}"),
    );
    expect(wrong).toContainEqual(
      expect.objectContaining({path: "targets[5].case_limit", message: "the value 31 is not stated in its words (30)"}),
    );
  });

  it("免费 states 0 yuan and nothing else: clause 15's seal set at 5 yuan, or counted in days, is refused", () => {
    const paid = problemsAfter("targets.yaml", (t) =>
      t.replace("case_limit: {value: 0, unit: yuan}", "case_limit: {value: 5, unit: yuan}"),
    );
    expect(paid).toContainEqual(
      expect.objectContaining({path: "targets[19].case_limit", message: "the value 5 is not stated in its words (0)"}),
    );
    const days = problemsAfter("targets.yaml", (t) =>
      t.replace("case_limit: {value: 0, unit: yuan}", "case_limit: {value: 0, unit: day}"),
    );
    expect(days).toContainEqual(
      expect.objectContaining({
        path: "targets[19].case_limit",
        message: "the value 0 is not stated in its words (no number)",
      }),
    );
  });

  it("a value in words: an unknown word, a word not in the quote, a value it does not mean, a hedged word", () => {
    const unknown = problemsAfter("targets.yaml", (t) =>
      t.replace("value_from_words: 全流程", "value_from_words: 电子化"),
    );
    expect(unknown).toContainEqual(
      expect.objectContaining({
        path: "targets[21].value_from_words",
        message: "“电子化” is not a word bizenv reads as a value (VALUE_WORDS)",
      }),
    );
    const absent = problemsAfter("targets.yaml", (t) =>
      t.replace("value_from_words: 全流程", "value_from_words: 全部"),
    );
    expect(absent).toContainEqual(
      expect.objectContaining({path: "targets[21].value_from_words", message: "“全部” is not in the target's words"}),
    );
    // 为主 (the main channel) is at least half, not every case: 100 is refused.
    const all = problemsAfter("targets.yaml", (t) =>
      t.replace(
        "    value: 50\n    unit: percent\n    segment: null\n",
        "    value: 100\n    unit: percent\n    segment: null\n",
      ),
    );
    expect(all).toContainEqual(
      expect.objectContaining({path: "targets[22].value", message: "the value 100 is not stated in its words (50)"}),
    );
    // Clause 9's 所有 stands after 基本实现 (basically all): quoting around the hedge does not hide it.
    const hedged = problemsAfter("targets.yaml", (t) =>
      t
        .replace(
          "    value_from_words: 全流程\n    text_zh: 实现公共资源交易全流程电子化\n",
          "    value_from_words: 所有\n    text_zh: 实现企业所有办税缴费事项网上办\n",
        )
        .replace('  - clause: "12"\n    task: 12\n', '  - clause: "9.3"\n    task: 9\n'),
    );
    expect(hedged).toContainEqual(
      expect.objectContaining({
        path: "targets[21].value_from_words",
        message: "“所有” is hedged by “基本” in the plan's phrase: an aim, not a value",
      }),
    );
    // 全流程 states a floor: clause 12 as a ceiling of 100 % is refused.
    const ceiling = problemsAfter("targets.yaml", (t) =>
      t.replace(
        'metric: e_bidding_share_pct\n    comparator: ">="',
        'metric: e_bidding_share_pct\n    comparator: "<="',
      ),
    );
    expect(ceiling).toContainEqual(
      expect.objectContaining({path: "targets[21].value_from_words", message: "“全流程” means a percent >= 100"}),
    );
    // Without its word, clause 12's 100 is stated nowhere.
    const bare = problemsAfter("targets.yaml", (t) => t.replace("    value_from_words: 全流程\n", ""));
    expect(bare).toContainEqual(
      expect.objectContaining({
        path: "targets[21].value",
        message: "the value 100 is not stated in its words (no number)",
      }),
    );
  });

  it("clause 3's words: 全城通办 and 承接落实 mean every item, stand only in their own quotes", () => {
    // 承接落实 the published items: every one of them, so 95 % is not what the words state.
    const partial = problemsAfter("targets.yaml", (t) =>
      t.replace(
        "    value: 100\n    unit: percent\n    segment: null\n    deadline: 2022-12-31\n    value_from_words: 承接落实\n",
        "    value: 95\n    unit: percent\n    segment: null\n    deadline: 2022-12-31\n    value_from_words: 承接落实\n",
      ),
    );
    expect(partial).toContainEqual(
      expect.objectContaining({path: "targets[24].value", message: "the value 95 is not stated in its words (100)"}),
    );
    // 全城通办 is clause 3.1's word, not clause 3.2's: the cross-province quote does not hold it.
    const swapped = problemsAfter("targets.yaml", (t) =>
      t.replace("value_from_words: 承接落实", "value_from_words: 全城通办"),
    );
    expect(swapped).toContainEqual(
      expect.objectContaining({
        path: "targets[24].value_from_words",
        message: "“全城通办” is not in the target's words",
      }),
    );
  });

  it("a target whose indicator does not exist, or whose comparator contradicts its metric", () => {
    const unknown = problemsAfter("targets.yaml", (t) =>
      t.replace("indicator: getting_credit", "indicator: getting_credits"),
    );
    expect(unknown).toContainEqual(
      expect.objectContaining({path: "targets[17].indicator", message: 'unknown indicator "getting_credits"'}),
    );
    const flipped = problemsAfter("targets.yaml", (t) =>
      t.replace('comparator: "<="\n    value: 1.5', 'comparator: ">="\n    value: 1.5'),
    );
    expect(flipped).toContainEqual(expect.objectContaining({path: "targets[17].comparator"}));
  });

  it("strict comparators: only for an improvement against a baseline, as the plan's word means", () => {
    // Clause 37 as ">=": 缩短 means strictly shorter, so "no change" would read met; refused.
    const at = loadCatalog().targets.findIndex((t) => t.clause === "37");
    const loose = problemsAfter("targets.yaml", (t) =>
      t.replace(
        'metric: labour_dispute_resolution_time_reduction_pct\n    comparator: ">"',
        'metric: labour_dispute_resolution_time_reduction_pct\n    comparator: ">="',
      ),
    );
    expect(loose).toContainEqual(
      expect.objectContaining({
        path: `targets[${at}].value_from_words`,
        message: "“缩短” means a percent_reduction > 0",
      }),
    );
    // A strict bound on a number the plan states (clause 25.2's 13 workdays) would read 13 as a miss: refused.
    const absolute = problemsAfter("targets.yaml", (t) =>
      t.replace('metric: loan_time_workdays\n    comparator: "<="', 'metric: loan_time_workdays\n    comparator: "<"'),
    );
    expect(absolute).toContainEqual(
      expect.objectContaining({
        path: "targets[18].comparator",
        message: "a strict comparator (<) is for an improvement against a baseline (percent_reduction), not workday",
      }),
    );
    // A strict comparator on the wrong side of its metric's polarity, like a non-strict one.
    const flipped = problemsAfter("targets.yaml", (t) =>
      t.replace(
        'metric: long_pending_insolvency_cases_reduction_pct\n    comparator: ">"',
        'metric: long_pending_insolvency_cases_reduction_pct\n    comparator: "<"',
      ),
    );
    expect(flipped).toContainEqual(
      expect.objectContaining({
        path: `targets[${loadCatalog().targets.findIndex((t) => t.clause === "42")}].comparator`,
        message: expect.stringContaining("should be a floor (>= or >)"),
      }),
    );
  });

  it("a deadline that disagrees with the plan's words", () => {
    const issues = problemsAfter("tasks.yaml", (t) =>
      t.replace(
        "  - number: 38\n    indicator: labor_market_regulation\n    deadline: 2022-06-30",
        "  - number: 38\n    indicator: labor_market_regulation\n    deadline: 2022-06-29",
      ),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: "tasks[37].deadline",
        message: "deadline 2022-06-29 does not match 2022年6月底 (= 2022-06-30)",
      }),
    );
  });

  it("a tier goal that contradicts 总体要求", () => {
    const issues = problemsAfter("indicators.yaml", (t) =>
      t.replace(
        "name_en: Paying taxes\n    tier_goal:\n      tier: national_first_class",
        "name_en: Paying taxes\n    tier_goal:\n      tier: national_advanced",
      ),
    );
    expect(issues.map((i) => i.message)).toContain(
      "expected 4 indicators with tier goal national_first_class, found 3",
    );
    expect(issues).toContainEqual(expect.objectContaining({path: "indicators[2].tier_goal"}));
  });

  it("a Chinese text that is no longer verbatim", () => {
    const issues = problemsAfter("tasks.yaml", (t) => t.replace("持续清理政府部门", "持续清理政府机关"));
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: "tasks[25].text_zh",
        message: "text_zh or units_text_zh is not verbatim the plan's task (26)",
      }),
    );
  });

  it("a schema violation and a YAML syntax error", () => {
    const schema = problemsAfter("areas.yaml", (t) => t.replace('code: "630102"', 'code: "63010"'));
    expect(schema).toContainEqual(
      expect.objectContaining({path: "areas[1].code", file: expect.stringMatching(/areas\.yaml:\d+$/)}),
    );
    const syntax = problemsAfter("metrics.yaml", (t) => t.replace("metrics:\n", "metrics:\n  - id: [unclosed\n"));
    expect(syntax[0]!.message).toMatch(/^YAML syntax/);
  });
});
