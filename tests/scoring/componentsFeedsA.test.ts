import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {readCityWeights, readDtfBounds} from "../../pipeline/scoring/dtfBounds.ts";
import {scoreDtf} from "../../pipeline/scoring/dtfEconomies.ts";
import {componentScore} from "../../pipeline/scoring/dtfScore.ts";

// Worked examples, by hand, of the components (二级指标) measured from the feeds of 招标投标, 执行合同, 办理破产,
// 跨境贸易 and 保护中小投资者: the catalog's bounds put into 100 × (worst − value) / (worst − frontier), clipped to
// [0, 100]; the indicator score is the plain mean of its components' scores.
const catalog = loadCatalog();
const score = (metricId: string, value: number) => {
  const metric = catalog.metrics.find((m) => m.id === metricId);
  if (!metric?.component) throw new Error(`${metricId} is not a component`);
  return componentScore(value, {best: metric.component.frontier, worst: metric.component.worst});
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const bounds = readDtfBounds();

describe("招标投标 (bidding_and_tendering)", () => {
  it("scores a year of tenders component by component", () => {
    // 92 % fully electronic, 70 % e-guarantees, 20 % remote evaluation, 30 % out-of-town winners, complaints
    // decided in 12 workdays.
    const scores = [
      score("e_bidding_share_pct", 92), // 100 × 92 / 100
      score("e_guarantee_share_pct", 70), // 100 × 70 / 100
      score("remote_evaluation_share_pct", 20), // 100 × 20 / 100
      score("nonlocal_winner_share_pct", 30), // 100 × 30 / 50
      score("bid_complaint_handling_time_workdays", 12), // 100 × (30 − 12) / (30 − 1) = 1800 / 29
    ];
    expect(scores[0]).toBeCloseTo(92, 9);
    expect(scores[1]).toBeCloseTo(70, 9);
    expect(scores[2]).toBeCloseTo(20, 9);
    expect(scores[3]).toBeCloseTo(60, 9);
    expect(scores[4]).toBeCloseTo(62.069, 3);
    expect(mean(scores)).toBeCloseTo((92 + 70 + 20 + 60 + 1800 / 29) / 5, 9); // 60.81
    // Beyond a bound a component scores 0 or 100: more than half the contracts leaving the city earns no more.
    expect(score("nonlocal_winner_share_pct", 80)).toBe(100);
    expect(score("bid_complaint_handling_time_workdays", 45)).toBe(0);
  });
});

describe("执行合同 (enforcing_contracts)", () => {
  it("reproduces DB2020 China's published score, 80.9, from its published components", () => {
    // DB2020 China: 496 calendar days, cost 16.2 % of the claim, quality of judicial processes 16.5 of 18.
    const scores = [
      score("contract_enforcement_time_days", 496), // 100 × (1340 − 496) / (1340 − 120) = 69.18
      score("contract_enforcement_cost_pct_claim", 16.2), // 100 × (89 − 16.2) / (89 − 0.1) = 81.89
      score("judicial_quality_index", 16.5), // 100 × 16.5 / 18 = 91.67
    ];
    expect(scores[0]).toBeCloseTo((100 * 844) / 1220, 9);
    expect(scores[1]).toBeCloseTo((100 * 72.8) / 88.9, 9);
    expect(scores[2]).toBeCloseTo((100 * 16.5) / 18, 9);
    expect(Math.round(mean(scores) * 10) / 10).toBe(80.9);
  });

  it("keeps online filing out of the score: it is the plan's commitment, not a national component", () => {
    expect(catalog.metrics.find((m) => m.id === "online_filing_share_pct")?.component).toBeUndefined();
  });
});

describe("保护中小投资者 (protecting_minority_investors)", () => {
  it("scores the six indices each on its own scale and takes their plain mean", () => {
    const scores = [
      score("disclosure_index", 10), // 100
      score("director_liability_index", 4), // 40
      score("shareholder_suits_index", 9), // 90
      score("shareholder_rights_index", 5), // 100 × 5 / 6
      score("ownership_control_index", 5), // 100 × 5 / 7
      score("corporate_transparency_index", 5), // 100 × 5 / 7
    ];
    expect(scores.slice(0, 3)).toEqual([100, 40, 90]);
    expect(mean(scores)).toBeCloseTo((100 + 40 + 90 + 500 / 6 + 500 / 7 + 500 / 7) / 6, 9); // 76.03
    // DB itself sums the points (38 of 50 = 76.0): a mean weighted by each index's range, not the plain mean.
    expect((10 + 4 + 9 + 5 + 5 + 5) / 50).toBeCloseTo(0.76, 9);
  });
});

describe("办理破产 (resolving_insolvency)", () => {
  it("reproduces DB2020 China's published score, 62.1, within the rounding of its published components", () => {
    // DB2020 China: recovery rate 36.9 cents on the dollar, strength of insolvency framework 13.5 of 16. The
    // recovery rate is published to one decimal, so the score is reproduced to ±0.1 only (62.05 from 36.9).
    const scores = [
      score("insolvency_recovery_rate_pct", 36.9), // 100 × 36.9 / 92.9 = 39.72
      score("insolvency_framework_index", 13.5), // 100 × 13.5 / 16 = 84.375
    ];
    expect(scores[0]).toBeCloseTo((100 * 36.9) / 92.9, 9);
    expect(scores[1]).toBe(84.375);
    expect(Math.abs(mean(scores) - 62.1)).toBeLessThan(0.1);
  });

  it("shows time and cost without scoring them: DB folds both into the recovery rate", () => {
    for (const id of ["insolvency_time_days", "insolvency_cost_pct_estate"])
      expect(catalog.metrics.find((m) => m.id === id)?.component, id).toBeUndefined();
  });
});

describe("跨境贸易 (trading_across_borders)", () => {
  const components = catalog.metrics.filter((m) => m.indicator === "trading_across_borders" && m.component);
  const tab = bounds.topics.trading_across_borders!;

  it("scores a 1 700-yuan export border fee of 2022 by hand: 252.75 US dollars, 76.16", () => {
    const rate = catalog.cnyUsdRates.find((r) => r.year === 2022)!.cny_per_usd; // 6.7261 yuan per dollar
    const usd = 1700 / rate; // 252.747 US dollars
    expect(usd).toBeCloseTo(252.747, 3);
    // 100 × (1060 − 252.747) / (1060 − 0) = 80 725.3 / 1060 = 76.156
    expect(score("export_border_cost_usd", usd)).toBeCloseTo(76.156, 3);
  });

  it("has DB2020's eight components with DB2020's bounds, times in hours and costs in US dollars", () => {
    expect(components.map((m) => m.component!.db2020).sort()).toEqual(
      Object.keys(tab.components)
        .map((k) => `trading_across_borders.${k}`)
        .sort(),
    );
    for (const m of components) expect(m.unit, m.id).toBe(m.id.endsWith("_usd") ? "usd" : "hour");
  });

  it("reproduces DB2020 China's published score, 86.5, from its published components", () => {
    // Sources. Score 86.5 (rank 56): 北京信息化协会, handmsg.com/page/2019/1218/13251713.shtml, citing DB2020.
    // Costs (World Bank data via indexmundi.com, rankings for Asia, data year 2019 = DB2020): export border
    // 256.20, export documentary 73.57, import documentary 77.25 US dollars. Import border cost: GACC's total
    // import compliance cost of 318 dollars (china.org.cn, 2020-01-15) less 77.25 = 240.75 (derived, not read;
    // a dollar either way moves the score by 0.01). Times 20.7 / 8.6 / 35.7 / 12.8 hours were not found in a
    // stored source; with them the published 86.5 is reproduced, with 30.8 for import border it would be 86.7.
    const values: Record<string, number> = {
      export_border_time_hours: 20.7, // 100 × (160 − 20.7) / 159 = 87.610
      export_documentary_time_hours: 8.6, // 100 × (170 − 8.6) / 169 = 95.503
      import_border_time_hours: 35.7, // 100 × (280 − 35.7) / 279 = 87.563
      import_documentary_time_hours: 12.8, // 100 × (240 − 12.8) / 239 = 95.063
      export_border_cost_usd: 256.2, // 100 × (1060 − 256.2) / 1060 = 75.830
      export_documentary_cost_usd: 73.57, // 100 × (400 − 73.57) / 400 = 81.608
      import_border_cost_usd: 240.75, // 100 × (1200 − 240.75) / 1200 = 79.938
      import_documentary_cost_usd: 77.25, // 100 × (700 − 77.25) / 700 = 88.964
    };
    const scores = components.map((m) => score(m.id, values[m.id]!));
    expect(scores).toHaveLength(8);
    expect(score("export_border_time_hours", 20.7)).toBeCloseTo((100 * 139.3) / 159, 9);
    expect(score("import_border_cost_usd", 240.75)).toBeCloseTo((100 * 959.25) / 1200, 9);
    // (87.610 + 95.503 + 87.563 + 95.063 + 75.830 + 81.608 + 79.938 + 88.964) / 8 = 692.078 / 8 = 86.510
    expect(mean(scores)).toBeCloseTo(86.51, 2);
    expect(Math.round(mean(scores) * 10) / 10).toBe(86.5);
    // The DTF engine, on db2020-bounds.yaml's own component names, agrees.
    const rows = Object.entries(values).map(([id, value]) => ({
      economy: "China",
      topic: "trading_across_borders",
      component: catalog.metrics.find((m) => m.id === id)!.component!.db2020!.split(".")[1]!,
      value,
    }));
    const engine = scoreDtf(rows, bounds, readCityWeights()).find((s) => s.economy === "China")!.score;
    expect(engine).toBeCloseTo(mean(scores), 9);
    // An import border time of 30.8 h instead gives 86.73: the published 86.5 rules it out.
    const recalled = mean(
      components.map((m) => score(m.id, m.id === "import_border_time_hours" ? 30.8 : values[m.id]!)),
    );
    expect(Math.round(recalled * 10) / 10).toBe(86.7);
  });
});
