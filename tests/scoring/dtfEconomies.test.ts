import {describe, expect, it} from "vitest";
import {readCityWeights, readDtfBounds} from "../../pipeline/scoring/dtfBounds.ts";
import {OVERALL, scoreDtf} from "../../pipeline/scoring/dtfEconomies.ts";
import {DtfInputError, parseDtfCsv} from "../../pipeline/scoring/dtfInput.ts";

const bounds = readDtfBounds();
const weights = readCityWeights();

/** Score CSV body lines (the header is added; so body line i is CSV line i + 1). */
function score(...lines: string[]) {
  return scoreDtf(parseDtfCsv(["economy,topic,component,value", ...lines].join("\n")), bounds, weights);
}
function scoreOf(result: ReturnType<typeof score>, economy: string, topic: string): number | undefined {
  return result.find((s) => s.economy === economy && s.topic === topic)?.score;
}
function problems(...lines: string[]): string[] {
  try {
    score(...lines);
  } catch (error) {
    if (error instanceof DtfInputError) return error.issues.map((i) => `${i.line ?? "-"}: ${i.message}`);
    throw error;
  }
  return [];
}

/** Every component of every topic at its best value: each topic scores 100. */
function allBest(economy: string): string[] {
  return Object.entries(bounds.topics).flatMap(([topic, t]) =>
    Object.entries(t.components).map(([c, b]) => `${economy},${topic},${c},${b.best}`),
  );
}

describe("topic rules", () => {
  it("averages men's and women's scores (starting a business), the same as their values within the bounds", () => {
    // procedures: (3 + 5) / 2 = 4 → 100 × (18 − 4) / 17 = 82.353; time 0.5 → 100; cost 0 → 100; capital 0 → 100.
    // Topic = (82.353 + 300) / 4 = 95.588.
    const result = score(
      "X,starting_a_business,procedures,3",
      "X,starting_a_business,procedures_women,5",
      "X,starting_a_business,time_days,0.5",
      "X,starting_a_business,cost_pct_income,0",
      "X,starting_a_business,min_capital_pct_income,0",
    );
    expect(scoreOf(result, "X", "starting_a_business")).toBeCloseTo((100 * (14 / 17) + 300) / 4, 10);
  });

  it("scores getting credit as points out of 20", () => {
    // (4 + 8) / 20 × 100 = 60 (not the mean of 33.3 and 100, which would be 66.7).
    const result = score("X,getting_credit,legal_rights_index,4", "X,getting_credit,credit_information_index,8");
    expect(scoreOf(result, "X", "getting_credit")).toBeCloseTo(60, 10);
  });

  it("takes the minority investor index as 0–50 or as its six parts", () => {
    // 36 / 50 = 72; parts 10 + 1 + 5 + 6 + 7 + 7 = 36 → the same 72.
    const whole = score("X,protecting_minority_investors,investor_protection_index,36");
    const parts = score(
      ...[
        ["disclosure_index", 10],
        ["director_liability_index", 1],
        ["shareholder_suits_index", 5],
        ["shareholder_rights_index", 6],
        ["ownership_control_index", 7],
        ["corporate_transparency_index", 7],
      ].map(([c, v]) => `X,protecting_minority_investors,${c},${v}`),
    );
    expect(scoreOf(whole, "X", "protecting_minority_investors")).toBeCloseTo(72, 10);
    expect(scoreOf(parts, "X", "protecting_minority_investors")).toBeCloseTo(72, 10);
  });

  it("takes the post-filing index as 0–100 or as its four parts, with no_practice and not_applicable", () => {
    const base = ["X,paying_taxes,payments,3", "X,paying_taxes,time_hours,49", "X,paying_taxes,total_tax_rate_pct,20"];
    // No VAT refund (both VAT parts score 0), CIT parts at best (100, 100): post-filing = 200 / 4 = 50;
    // topic = (100 + 100 + 100 + 50) / 4 = 87.5, the same as giving postfiling_index 50.
    const byParts = score(
      ...base,
      "X,paying_taxes,vat_refund_compliance_hours,no_practice",
      "X,paying_taxes,vat_refund_wait_weeks,no_practice",
      "X,paying_taxes,cit_correction_compliance_hours,1.5",
      "X,paying_taxes,cit_correction_completion_weeks,0",
    );
    expect(scoreOf(byParts, "X", "paying_taxes")).toBeCloseTo(87.5, 10);
    expect(scoreOf(score(...base, "X,paying_taxes,postfiling_index,50"), "X", "paying_taxes")).toBeCloseTo(87.5, 10);
    // No VAT at all: the VAT parts are dropped; CIT compliance 28.75 h → 100 × (56 − 28.75) / 54.5 = 50,
    // completion 0 weeks → 100; post-filing = 75; topic = (300 + 75) / 4 = 93.75.
    const noVat = score(
      ...base,
      "X,paying_taxes,vat_refund_compliance_hours,not_applicable",
      "X,paying_taxes,vat_refund_wait_weeks,not_applicable",
      "X,paying_taxes,cit_correction_compliance_hours,28.75",
      "X,paying_taxes,cit_correction_completion_weeks,0",
    );
    expect(scoreOf(noVat, "X", "paying_taxes")).toBeCloseTo(93.75, 10);
  });

  it("scores a topic with no practice as 0", () => {
    // Component * = no_practice: every component 0.
    expect(scoreOf(score("X,resolving_insolvency,*,no_practice"), "X", "resolving_insolvency")).toBe(0);
    // No practice in recovery, a framework of 8 of 16 in law: Doing Business scores the framework 0 too "even if its
    // legal framework includes provisions", so the topic is 0 (not (0 + 50) / 2 = 25). So for construction permits,
    // electricity and property: no practice in procedures, time and cost zeroes their quality index.
    const partial = score(
      "X,resolving_insolvency,recovery_rate_cents,no_practice",
      "X,resolving_insolvency,insolvency_framework_index,8",
    );
    expect(scoreOf(partial, "X", "resolving_insolvency")).toBe(0);
    const property = score(
      ...["procedures", "time_days", "cost_pct_property"].map((c) => `X,registering_property,${c},no_practice`),
      "X,registering_property,land_admin_quality_index,10",
    );
    expect(scoreOf(property, "X", "registering_property")).toBe(0);
    // A topic without that rule keeps its other components (no VAT refund in practice: see post-filing above).
  });

  it("scores each starting-a-business case before averaging, so a case beyond a bound counts at the bound", () => {
    // Time: men 40 days → 100 × (100 − 40) / 99.5 = 60.302; women 180 days → 0 (beyond the worst, 100):
    // the time score is 30.151, not the score of their mean 110 days (0). Procedures 4 → 82.353; cost 10 % → 95;
    // capital 0 → 100. Topic = (82.353 + 30.151 + 95 + 100) / 4 = 76.876.
    const result = score(
      "X,starting_a_business,procedures,4",
      "X,starting_a_business,time_days,40",
      "X,starting_a_business,time_days_women,180",
      "X,starting_a_business,cost_pct_income,10",
      "X,starting_a_business,min_capital_pct_income,0",
    );
    const time = (100 * 60) / 99.5 / 2;
    expect(scoreOf(result, "X", "starting_a_business")).toBeCloseTo((100 * (14 / 17) + time + 95 + 100) / 4, 10);
  });

  it("refuses a value the measure cannot take, and a VAT or CIT group not applicable in part", () => {
    expect(
      problems(
        "X,starting_a_business,procedures,-3",
        "X,starting_a_business,time_days,-1",
        "X,starting_a_business,cost_pct_income,0",
        "X,starting_a_business,min_capital_pct_income,0",
        "X,getting_credit,legal_rights_index,13",
        "X,getting_credit,credit_information_index,8",
      ),
    ).toEqual([
      "2: X starting_a_business: procedures is number: at least 0; found -3",
      "3: X starting_a_business: time_days is calendar days: at least 0; found -1",
      "6: X getting_credit: legal_rights_index is strength of legal rights index, 0–12: at least 0 and at most 12; found 13",
    ]);
    expect(
      problems("X,getting_credit,legal_rights_index,1e400", "X,getting_credit,credit_information_index,8"),
    ).toEqual(['2: value is too large to be a number: "1e400"']);
    expect(
      problems(
        "X,paying_taxes,payments,3",
        "X,paying_taxes,time_hours,49",
        "X,paying_taxes,total_tax_rate_pct,20",
        "X,paying_taxes,vat_refund_compliance_hours,not_applicable",
        "X,paying_taxes,vat_refund_wait_weeks,10",
        "X,paying_taxes,cit_correction_compliance_hours,1.5",
        "X,paying_taxes,cit_correction_completion_weeks,0",
      ),
    ).toEqual([
      "5: X paying_taxes: not_applicable (no VAT) drops all of vat_refund_compliance_hours, vat_refund_wait_weeks or none",
    ]);
  });

  it("scores resolving insolvency as the mean of recovery rate and framework scores", () => {
    // 36.9 / 92.9 = 39.720; 13.5 / 16 = 84.375; mean = 62.048.
    const result = score(
      "X,resolving_insolvency,recovery_rate_cents,36.9",
      "X,resolving_insolvency,insolvency_framework_index,13.5",
    );
    expect(scoreOf(result, "X", "resolving_insolvency")).toBeCloseTo((100 * (36.9 / 92.9) + 84.375) / 2, 10);
  });
});

describe("economies", () => {
  it("reports overall only for an economy with all ten topics", () => {
    const result = score(
      ...allBest("Full"),
      "Partial,getting_credit,legal_rights_index,12",
      "Partial,getting_credit,credit_information_index,8",
    );
    expect(Object.keys(bounds.topics)).toHaveLength(10);
    expect(scoreOf(result, "Full", OVERALL)).toBe(100);
    expect(scoreOf(result, "Partial", OVERALL)).toBeUndefined();
    // Topics in the bounds' order, then overall.
    expect(result.filter((s) => s.economy === "Full").map((s) => s.topic)).toEqual([
      ...Object.keys(bounds.topics),
      OVERALL,
    ]);
  });

  it("combines Beijing and Shanghai into China by population (0.45 / 0.55)", () => {
    // Beijing 60 (4 + 8), Shanghai 50 (2 + 8): China = 0.45 × 60 + 0.55 × 50 = 27 + 27.5 = 54.5.
    const result = score(
      "Beijing,getting_credit,legal_rights_index,4",
      "Beijing,getting_credit,credit_information_index,8",
      "Shanghai,getting_credit,legal_rights_index,2",
      "Shanghai,getting_credit,credit_information_index,8",
      "Beijing,resolving_insolvency,*,no_practice",
    );
    expect(scoreOf(result, "China", "getting_credit")).toBeCloseTo(54.5, 10);
    // Only Beijing has resolving insolvency: no China score for it (the weights would not sum to 1).
    expect(scoreOf(result, "China", "resolving_insolvency")).toBeUndefined();
    expect(scoreOf(result, "Beijing", "getting_credit")).toBeCloseTo(60, 10);
  });

  it("combines all-topic cities into an overall for China", () => {
    const result = score(...allBest("Beijing"), ...allBest("Shanghai"));
    expect(scoreOf(result, "China", OVERALL)).toBeCloseTo(100, 10);
  });
});

describe("errors name what is wrong and where", () => {
  it("names an unknown topic and component with their lines", () => {
    expect(problems("X,starting_business,procedures,3")).toEqual([
      expect.stringMatching(/^2: unknown topic "starting_business"; expected one of starting_a_business, /),
    ]);
    const unknown = problems(
      "X,getting_credit,legal_rights_index,4",
      "X,getting_credit,credit_information_index,8",
      "X,getting_credit,bureau_coverage,50",
    );
    expect(unknown).toEqual([expect.stringMatching(/^4: X getting_credit: unknown component "bureau_coverage"/)]);
  });

  it("names missing components and the lines of the topic", () => {
    expect(problems("X,enforcing_contracts,time_days,496", "X,enforcing_contracts,cost_pct_claim,16.2")).toEqual([
      "-: X enforcing_contracts: missing component judicial_quality_index (rows on lines 2, 3)",
    ]);
    expect(
      problems("X,paying_taxes,payments,7", "X,paying_taxes,time_hours,138", "X,paying_taxes,total_tax_rate_pct,59.2"),
    ).toEqual([
      expect.stringContaining("missing component postfiling_index (or all its parts: vat_refund_compliance_hours"),
    ]);
  });

  it("refuses a component given both directly and by parts, and incomplete parts", () => {
    const both = problems(
      "X,protecting_minority_investors,investor_protection_index,36",
      "X,protecting_minority_investors,disclosure_index,10",
    );
    expect(both).toEqual([expect.stringMatching(/^2: .*give investor_protection_index or its parts/)]);
    expect(problems("X,protecting_minority_investors,disclosure_index,10")[0]).toMatch(
      /given by parts but these are missing: director_liability_index/,
    );
  });

  it("refuses not_applicable where it has no meaning", () => {
    expect(
      problems(
        "X,resolving_insolvency,recovery_rate_cents,not_applicable",
        "X,resolving_insolvency,insolvency_framework_index,8",
      ),
    ).toEqual(["2: X resolving_insolvency: recovery_rate_cents cannot be not_applicable (only post-filing parts can)"]);
  });

  it("refuses China given directly for a topic its cities have", () => {
    expect(
      problems(
        "China,getting_credit,legal_rights_index,4",
        "China,getting_credit,credit_information_index,8",
        "Beijing,getting_credit,legal_rights_index,4",
        "Beijing,getting_credit,credit_information_index,8",
      ),
    ).toEqual(["2: China getting_credit is given directly and through Beijing; give one or the other"]);
  });
});
