// Golden files of the HTML report on the fixture exports (tests/fixtures/assess/golden/*.golden): any change to
// what the report says shows up as a diff here. "Now", the code version and the calendar line are pinned
// (PINNED_META), so nothing in the report is volatile. After an intended change, rewrite them with
//   UPDATE_GOLDEN=1 npx vitest run tests/assess/reportHtml.test.ts
// and read the diff before committing it.
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {judgingRules} from "../../pipeline/assess/judgingRules.ts";
import {renderHtml} from "../../pipeline/assess/renderHtml.ts";
import type {Lang} from "../../pipeline/assess/types.ts";
import {catalog, fixtureAssessment, GOLDEN_DIR, PINNED_META} from "./fixture.ts";

function golden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) {
    mkdirSync(GOLDEN_DIR, {recursive: true});
    writeFileSync(path, actual);
    if (!process.env.UPDATE_GOLDEN) throw new Error(`${name} did not exist: written now, check it and run again`);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("the report's method (issue 12: every judging rule in words, with its source)", () => {
  const html = renderHtml(fixtureAssessment({year: "2022"}), catalog, "zh", PINNED_META);
  const method = html.slice(html.lastIndexOf(`<h2>${"方法"}</h2>`));
  const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

  it("states every target's judging rule after the method heading, each quoting the plan's words", () => {
    for (const [i, rule] of judgingRules(catalog, "zh").entries()) {
      expect(method, catalog.targets[i]!.clause).toContain(
        esc(rule).replaceAll("'", "&#39;").replaceAll('"', "&quot;"),
      );
      expect(rule).toContain(`“${catalog.targets[i]!.text_zh}”`);
    }
  });

  it("every share target's rule names its denominator; 18.1 names its limits' sources; 18.5 says it is a reading", () => {
    const shares = catalog.targets.filter((t) => t.case_limit);
    expect(shares.map((t) => t.clause).sort()).toEqual(["13", "15.2", "19.1", "19.2"]);
    for (const t of shares)
      expect(method, t.clause).toMatch(new RegExp(`条款 ${t.clause.replace(".", "\\.")}:[^<]*分母为统计期内全部`));
    expect(method).toMatch(/条款 18\.1:[^<]*现行规定[^<]*《客户业扩报装服务时限考核办法》/);
    expect(method).toMatch(/条款 18\.5:[^<]*写在括号内/);
  });
});

describe("the HTML report", () => {
  const cases: Array<[string, {year?: string; quarter?: string}, Lang]> = [
    ["report-2022.zh.html.golden", {year: "2022"}, "zh"],
    ["report-2023Q2.en.html.golden", {quarter: "2023Q2"}, "en"],
  ];
  for (const [name, period, lang] of cases) {
    it(`matches ${name}`, () => golden(name, renderHtml(fixtureAssessment(period), catalog, lang, PINNED_META)));
  }

  it("is self-contained: no script, no link, no external URL, Noto Sans CJK SC named in its CSS", () => {
    const html = renderHtml(fixtureAssessment({year: "2022"}), catalog, "zh", PINNED_META);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)=/i);
    expect(html).toContain('font-family: "Noto Sans CJK SC"');
    expect(html).toContain("模拟数据 · 仅供演示 · 不得作为考评依据");
  });

  it("escapes every text it quotes from the exports", () => {
    const a = fixtureAssessment({year: "2022"});
    a.indicators[0]!.evidence = "<script>alert(1)</script>";
    a.tier_rules = [{rule_id: "x", rule_text: `<img src=x onerror="alert(1)">`}];
    const html = renderHtml(a, catalog, "zh", PINNED_META);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});
