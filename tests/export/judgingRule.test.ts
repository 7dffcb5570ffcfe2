import {describe, expect, it} from "vitest";
import {judgingRules} from "../../pipeline/assess/judgingRules.ts";
import {loadCatalog} from "../../pipeline/catalog/index.ts";

// The judging rule of every target in words, as the assessment's method section and the indicator pages state it.
const catalog = loadCatalog();
const rule = (clause: string, lang: "zh" | "en") =>
  judgingRules(catalog, lang)[catalog.targets.findIndex((t) => t.clause === clause)]!;

describe("judging rules in words", () => {
  it("states one rule per target, each with its source in the plan's words", () => {
    for (const lang of ["zh", "en"] as const) {
      const rules = judgingRules(catalog, lang);
      expect(rules).toHaveLength(catalog.targets.length);
      catalog.targets.forEach((t, i) => expect(rules[i]).toContain(`“${t.text_zh}”`));
    }
  });

  it("clauses 13 and 19 judge a population: the share, its denominator, and 100 % required", () => {
    expect(rule("13", "en")).toContain("the denominator is all procurement projects of the period");
    expect(rule("13", "en")).toContain("at least 30 days before the procurement started");
    expect(rule("13", "en")).toContain("≥ 100 %");
    expect(rule("13", "zh")).toContain("分母为统计期内全部采购项目");
    expect(rule("19.1", "en")).toContain("a user of 160 kW or less connected at low voltage");
    expect(rule("19.2", "zh")).toContain("容量100千瓦及以下的用户以低压方式接入");
    expect(rule("13", "en")).not.toContain("median of");
    // and every case that broke it is listed, so a "missed" can be checked case by case
    for (const clause of ["13", "19.1", "19.2", "15.2"]) {
      expect(rule(clause, "en")).toContain(
        "is listed in 违反规则的个案 (rule_breaches.csv) with its feed, file and line",
      );
      expect(rule(clause, "zh")).toContain("逐件列于“违反规则的个案”");
    }
  });

  it("clause 1 states its one definition; 18.1 its limits in force with sources; 18.5 that it is a reading", () => {
    expect(rule("1", "zh")).toContain("网办能力按“全程网办”计");
    expect(rule("1", "en")).toContain("(可网办) are shown beside it, not counted");
    expect(rule("18.1", "en")).toContain("high_voltage_single 40 workdays (国家电网《客户业扩报装服务时限考核办法》");
    expect(rule("18.1", "en")).toContain("The measured median of 2021 is shown beside it, not judged against.");
    expect(rule("18.5", "zh")).toContain("写在括号内");
    expect(rule("18.5", "en")).toContain("A reading: The plan states the 15 workdays of grid works in a parenthesis");
    expect(rule("20.3", "en")).toContain("applicant_kind=organisation");
  });

  it("strict targets (37, 42) say they are strict, what they must beat, and that equality is missed", () => {
    expect(rule("37", "zh")).toContain("> 0% 为达标");
    expect(rule("37", "zh")).toContain("基准(方案未写明基准):2021 年实测中位数。");
    expect(rule("37", "zh")).toContain(
      "比较符为严格的“>”:须大于 0%,即本期值须优于基准;恰好等于(或只差浮点误差)不算达标。",
    );
    expect(rule("37", "en")).toContain("the per-case cut over all cases of the period, met at > 0 %");
    expect(rule("37", "en")).toContain("exactly equal (or equal within floating-point noise) is missed");
    // clause 42 counts a stock at each month end against December 2021, not cases
    expect(rule("42", "zh")).toContain("按统计期内各月末长期未结破产案件数较基准的减少幅度的中位数评定,> 0% 为达标");
    expect(rule("42", "zh")).toContain("基准(方案未写明基准):2021 年 12 月月末实测件数。");
    expect(rule("42", "en")).toContain("the measured count at the end of 2021-12.");
    expect(rule("42", "en")).toContain(
      "the month-end count's cut against the baseline over the month ends of the period",
    );
    expect(rule("42", "en")).toContain("(the value 0 % read from “加快”)");
    // the non-strict targets say nothing of strictness
    expect(rule("9.1", "en")).not.toContain("strict");
    expect(rule("9.1", "en")).toContain("met at ≥ 90 %");
  });

  it("a value the plan states in words names the word it is read from; a value in digits does not", () => {
    expect(rule("12", "en")).toContain("“实现公共资源交易全流程电子化” (the value 100 % read from “全流程”)");
    expect(rule("33", "zh")).toContain("(目标值 50% 读自“为主”)");
    expect(rule("6.3", "en")).toContain("read from “联动办理”");
    expect(rule("1", "en")).not.toContain("read from");
  });
});
