import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {componentScore} from "../../pipeline/scoring/dtfScore.ts";

// Worked examples, checked by hand, of the components the feedsB feeds measure, scored against the catalog's own
// bounds (metrics.yaml `component`): 100 × (worst − value) / (worst − frontier), clipped to [0, 100], and the
// indicator's score as the plain mean of its components' scores.
const catalog = loadCatalog();
const score = (metricId: string, value: number) => {
  const c = catalog.metrics.find((m) => m.id === metricId)?.component;
  if (!c) throw new Error(`${metricId} is not a component`);
  return componentScore(value, {best: c.frontier, worst: c.worst});
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("市场监管 (market_regulation)", () => {
  it("scores 42.5 % joint, 90 % published in time and 12-workday repairs to 69.17", () => {
    // shares: bounds 0–100, so the share is the score
    expect(score("joint_inspection_share_pct", 42.5)).toBeCloseTo(42.5, 9);
    expect(score("inspection_results_published_in_time_pct", 90)).toBeCloseTo(90, 9);
    // 100 × (45 − 12) / (45 − 1) = 3300 / 44 = 75
    expect(score("credit_repair_time_workdays", 12)).toBeCloseTo(75, 9);
    // beyond a bound: a 60-workday repair scores 0, a same-day one 100
    expect(score("credit_repair_time_workdays", 60)).toBe(0);
    expect(score("credit_repair_time_workdays", 0)).toBe(100);
    const components = catalog.metrics.filter((m) => m.indicator === "market_regulation" && m.component);
    expect(components.map((m) => m.id).sort()).toEqual(
      ["credit_repair_time_workdays", "inspection_results_published_in_time_pct", "joint_inspection_share_pct"].sort(),
    );
    // (42.5 + 90 + 75) / 3 = 69.1667
    expect(mean([42.5, 90, 75])).toBeCloseTo(69.1667, 4);
  });
});

describe("劳动力市场监管 (labor_market_regulation)", () => {
  it("scores 30-day resolution, 55 % mediated and 92 % closed in time to 71.22", () => {
    // 100 × (60 − 30) / (60 − 15) = 3000 / 45 = 66.667
    expect(score("labour_dispute_resolution_time_days", 30)).toBeCloseTo(66.6667, 4);
    // at the frontier (15 days) or faster: 100; at the statutory maximum (60 days) or slower: 0
    expect(score("labour_dispute_resolution_time_days", 10)).toBe(100);
    expect(score("labour_dispute_resolution_time_days", 60)).toBe(0);
    expect(score("labour_dispute_mediation_share_pct", 55)).toBeCloseTo(55, 9);
    expect(score("labour_disputes_closed_in_time_pct", 92)).toBeCloseTo(92, 9);
    const components = catalog.metrics.filter((m) => m.indicator === "labor_market_regulation" && m.component);
    expect(components).toHaveLength(3);
    // (66.667 + 55 + 92) / 3 = 71.222
    expect(mean([3000 / 45, 55, 92])).toBeCloseTo(71.2222, 4);
  });
});

describe("知识产权创造保护和运用 (intellectual_property)", () => {
  it("scores 25-day mediations settled 70 % of the time to 68.02", () => {
    // 100 × (60 − 25) / (60 − 7) = 3500 / 53 = 66.038
    expect(score("ip_dispute_mediation_time_days", 25)).toBeCloseTo(66.0377, 4);
    expect(score("ip_dispute_mediation_success_pct", 70)).toBeCloseTo(70, 9);
    // (66.038 + 70) / 2 = 68.019
    expect(mean([3500 / 53, 70])).toBeCloseTo(68.0189, 4);
  });
});

describe("包容普惠创新 (inclusive_innovation)", () => {
  it("scores 15 new entities per 1,000, 60 % online transfers, satisfaction 82 and 88 % good-air days to 67.5", () => {
    // 100 × (5 − 15) / (5 − 30) = 40
    expect(score("new_market_entities_per_1k_pop_count", 15)).toBeCloseTo(40, 9);
    expect(score("personnel_file_transfer_online_pct", 60)).toBeCloseTo(60, 9);
    expect(score("public_service_satisfaction_index", 82)).toBeCloseTo(82, 9);
    expect(score("good_air_days_share_pct", 88)).toBeCloseTo(88, 9);
    // (40 + 60 + 82 + 88) / 4 = 67.5
    expect(mean([40, 60, 82, 88])).toBeCloseTo(67.5, 9);
  });

  it("scores the yearly IP statistics: 6.8 patents per 10,000 and 350 million yuan of pledges", () => {
    // 100 × (0 − 6.8) / (0 − 100) = 6.8; 100 × 3.5e8 / 1e9 = 35
    expect(score("invention_patents_per_10k_pop_count", 6.8)).toBeCloseTo(6.8, 9);
    expect(score("ip_pledge_financing_yuan", 3.5e8)).toBeCloseTo(35, 9);
    expect(catalog.metrics.filter((m) => m.indicator === "intellectual_property" && m.component)).toHaveLength(4);
  });
});
