import {describe, expect, it} from "vitest";
import {readCityWeights, readDtfBounds} from "../../pipeline/scoring/dtfBounds.ts";
import {scoreDtf} from "../../pipeline/scoring/dtfEconomies.ts";
import type {DtfInputRow, DtfValue} from "../../pipeline/scoring/dtfInput.ts";

// Published Doing Business scores reconstructed from published component values. Doing Business was discontinued
// in 2021 after data irregularities; these are references for the formula, not endorsements of the data.
// Published raw values are rounded, so agreement within ~0.1 is what the methodology notes lead us to expect.

const bounds = readDtfBounds();
const weights = readCityWeights();

function topicScore(economy: string, topic: string, values: Record<string, DtfValue>): number {
  const rows: DtfInputRow[] = Object.entries(values).map(([component, value]) => ({economy, topic, component, value}));
  const score = scoreDtf(rows, bounds, weights).find((s) => s.economy === economy && s.topic === topic)?.score;
  if (score === undefined) throw new Error(`no score for ${economy} ${topic}`);
  return score;
}

describe("published DB2020 scores", () => {
  it("reproduces Beijing, starting a business: 95.081", () => {
    // Source: /work/shared/notes/methodology.md §1 worked example (DB2020 Beijing: 3 procedures, 8 days,
    // 0.7 % of income per capita, no minimum capital; published score 95.081).
    // By hand: (88.235 + 92.462 + 99.65 + 100) / 4 = 95.087 (the cost was rounded before publication).
    const score = topicScore("Beijing", "starting_a_business", {
      procedures: 3,
      time_days: 8,
      cost_pct_income: 0.7,
      min_capital_pct_income: 0,
    });
    expect(score).toBeCloseTo(95.087, 3);
    expect(Math.abs(score - 95.081)).toBeLessThan(0.1);
  });

  it("reproduces China, getting electricity: 95.4 (with reliability index 7, not 6)", () => {
    // Sources: score 95.4, up 3.4 on the year, rank 12 — m.pbes.cn/news_detail/197074.html citing DB2020;
    // rank 12 also in english.www.gov.cn (2020-09-29). Components: 2 procedures and zero cost
    // (methodology.md §2), 32 days (methodology.md §2; indexmundi.com "32.00 as of 2019").
    // Reliability index: methodology.md says 6, but 6 cannot give 95.4 (see the next test); 7 does, and the DB2020
    // press release lists "increasing the transparency of electricity tariff changes" among China's reforms, a
    // one-point item of that index. 7 is therefore inferred, not read in a published table.
    // By hand: procedures 100 × (9 − 2) / 6 → clipped 100; time 100 × (248 − 32) / 230 = 93.913; cost 100;
    // reliability 7 / 8 = 87.5; mean = 381.413 / 4 = 95.353.
    const score = topicScore("China", "getting_electricity", {
      procedures: 2,
      time_days: 32,
      cost_pct_income: 0,
      reliability_index: 7,
    });
    expect(score).toBeCloseTo(95.353, 3);
    expect(Math.abs(score - 95.4)).toBeLessThan(0.1);
  });

  it("shows that reliability index 6 gives DB2019's 92.0, not DB2020's 95.4", () => {
    // DB2019 China (World Bank press release 2018-10-31: connection made free of charge, time 143 → 34 days);
    // published score 92 (CGTN, Nov 2018: "scores 92 out of 100"; pbes.cn: 95.4 − 3.4 = 92.0). Procedures are not
    // in those sources; any count ≤ 3 scores 100, which is what the total requires.
    // By hand: 100 + 100 × 214 / 230 (= 93.043) + 100 + 75 = 368.043 / 4 = 92.011.
    const db2019 = topicScore("China", "getting_electricity", {
      procedures: 3,
      time_days: 34,
      cost_pct_income: 0,
      reliability_index: 6,
    });
    expect(Math.abs(db2019 - 92.0)).toBeLessThan(0.1);
    // With DB2020's 32 days and the methodology note's index 6: (100 + 93.913 + 100 + 75) / 4 = 92.228 ≠ 95.4.
    const noteValues = topicScore("China", "getting_electricity", {
      procedures: 2,
      time_days: 32,
      cost_pct_income: 0,
      reliability_index: 6,
    });
    expect(noteValues).toBeCloseTo(92.228, 3);
    expect(Math.abs(noteValues - 95.4)).toBeGreaterThan(3);
  });
});

describe("published DB2017 score with the same paying-taxes bounds", () => {
  it("reproduces Shanghai, paying taxes: 60.47", () => {
    // Source: doingbusiness.org/data/exploreeconomies/china?topic=paying-taxes (DB2017 page, Shanghai): payments
    // 9, time 263 h, total tax rate 67.7 %, post-filing index 48.6; DTF 60.47.
    // By hand: payments 100 × (63 − 9) / 60 = 90; time 100 × (696 − 263) / 647 = 66.924;
    // TTCR ((84 − 67.7) / 57.9)^0.8 = 0.28152^0.8 = 0.36275 → 36.275; post-filing 48.6;
    // mean = 241.799 / 4 = 60.450.
    const score = topicScore("Shanghai", "paying_taxes", {
      payments: 9,
      time_hours: 263,
      total_tax_rate_pct: 67.7,
      postfiling_index: 48.6,
    });
    expect(score).toBeCloseTo(60.45, 2);
    expect(Math.abs(score - 60.47)).toBeLessThan(0.1);
  });
});

describe("DB2020 China paying taxes from verified components (published score not verified here)", () => {
  it("computes 70.08 from payments 7, 138 h, TTCR 59.2 % and post-filing 50", () => {
    // Sources: 138 h and TTCR 59.2 % — Yicai Global 2019-11-28 (Paying Taxes 2020) and indexmundi.com (59.20);
    // payments 7 — whb.cn 2018-11-03 (DB2019: 9 → 7) and Yicai (DB2020: "basically flat").
    // Post-filing 50 is an assumption (no VAT refund → the two VAT parts score 0, CIT parts 100), not verified.
    // The published DB2020 score (recalled as 70.1) was not found in a stored source, so it is not asserted.
    // By hand: 93.333 + 86.244 + 50.748 + 50 = 280.325 / 4 = 70.081.
    const score = topicScore("China", "paying_taxes", {
      payments: 7,
      time_hours: 138,
      total_tax_rate_pct: 59.2,
      postfiling_index: 50,
    });
    expect(score).toBeCloseTo(70.081, 3);
  });
});
