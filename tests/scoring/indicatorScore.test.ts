import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/loadCatalog.ts";
import {indicatorScore, type ComponentInput} from "../../pipeline/scoring/indicatorScore.ts";

const catalog = loadCatalog();

/** The catalog's components of `indicator` with the given values (a component not named has no value). */
function inputs(indicator: string, values: Record<string, number>): ComponentInput[] {
  return catalog.metrics
    .filter((m) => m.indicator === indicator && m.component)
    .map((m) => ({
      metric_id: m.id,
      frontier: m.component!.frontier,
      worst: m.component!.worst,
      value: values[m.id] ?? null,
    }));
}

describe("indicatorScore", () => {
  it("is the plain mean of the scored components, each contributing score ÷ n", () => {
    const r = indicatorScore([
      {metric_id: "a", frontier: 0, worst: 10, value: 5},
      {metric_id: "b", frontier: 10, worst: 0, value: 10},
      {metric_id: "c", frontier: 0, worst: 10, value: null},
    ]);
    // (50 + 100) / 2 = 75; the component without a value is left out, not counted as 0.
    expect(r.score).toBe(75);
    expect(r).toMatchObject({scored: 2, total: 3});
    expect(r.components.map((c) => c.contribution)).toEqual([25, 50, null]);
  });

  it("has no score when no component has a value", () => {
    expect(indicatorScore([{metric_id: "a", frontier: 0, worst: 1, value: null}]).score).toBeNull();
    expect(indicatorScore([]).score).toBeNull();
  });

  it("clips a value beyond the frontier to 100 and beyond the worst bound to 0", () => {
    const r = indicatorScore([
      {metric_id: "a", frontier: 30, worst: 0, value: 45},
      {metric_id: "b", frontier: 1, worst: 39, value: 50},
    ]);
    expect(r.components.map((c) => c.score)).toEqual([100, 0]);
  });
});

// One worked example per measured indicator, with the catalog's own bounds (metrics.yaml `component`), by hand.
describe("worked examples against the catalog's fixed bounds", () => {
  it("starting a business reproduces DB2020 Beijing's procedure and time scores", () => {
    // DB2020 Beijing (methodology.md §1 worked example, published topic score 95.081): 3 procedures, 8 days.
    // By hand: 100 × (18 − 3) / 17 = 88.235; 100 × (100 − 8) / 99.5 = 92.462; mean 90.349.
    const r = indicatorScore(
      inputs("starting_a_business", {startup_procedures_count: 3, business_startup_time_days: 8}),
    );
    expect(r.components.find((c) => c.metric_id === "startup_procedures_count")!.score).toBeCloseTo(88.235, 3);
    expect(r.components.find((c) => c.metric_id === "business_startup_time_days")!.score).toBeCloseTo(92.462, 3);
    expect(r.score).toBeCloseTo(90.349, 3);
  });

  it("getting electricity reproduces DB2020 China's time score", () => {
    // DB2020 China 32 days (tests/scoring/dtfPublished.test.ts): 100 × (248 − 32) / 230 = 93.913.
    const r = indicatorScore(inputs("getting_electricity", {power_connection_time_days: 32}));
    expect(r.score).toBeCloseTo(93.913, 3);
  });

  it("registering property reproduces DB2020 China's time score", () => {
    // DB2020 China 9 days (national-references.yaml): 100 × (210 − 9) / 209 = 96.172.
    const r = indicatorScore(inputs("registering_property", {property_registration_time_days: 9}));
    expect(r.score).toBeCloseTo(96.172, 3);
  });

  it("paying taxes reproduces DB2020 China's time score", () => {
    // DB2020 China 138 hours (national-references.yaml): 100 × (696 − 138) / 647 = 86.244.
    const r = indicatorScore(inputs("paying_taxes", {annual_tax_compliance_time_hours: 138}));
    expect(r.score).toBeCloseTo(86.244, 3);
  });

  it("dealing with construction permits reproduces DB2020 China's time score", () => {
    // DB2020 China 110.9 days (national-references.yaml): 100 × (373 − 110.9) / 347 = 75.533.
    const r = indicatorScore(inputs("dealing_with_construction_permits", {construction_approval_time_days: 110.9}));
    expect(r.score).toBeCloseTo(75.533, 3);
  });

  it("government services: the mean of four shares", () => {
    // 96 + 90 + 88 + 92 = 366 → 91.5 (each share scores its own value on 0–100).
    const r = indicatorScore(
      inputs("government_services", {
        online_service_capability_pct: 96,
        hotline_on_time_rate_pct: 90,
        enterprise_satisfaction_index: 88,
        citizen_satisfaction_index: 92,
      }),
    );
    expect(r.score).toBeCloseTo(91.5, 10);
    expect(r.scored).toBe(4);
  });

  it("government procurement: lead days against 30", () => {
    // 100 × (0 − 24) / (0 − 30) = 80.
    expect(indicatorScore(inputs("government_procurement", {procurement_intention_lead_days: 24})).score).toBe(80);
  });

  it("getting water and gas: water and gas times", () => {
    // Water: 100 × (24 − 7) / 23 = 73.913; gas: 100 × (30 − 9) / 29 = 72.414; mean 73.163.
    const r = indicatorScore(
      inputs("getting_water_and_gas", {water_connection_time_workdays: 7, gas_connection_time_workdays: 9}),
    );
    expect(r.score).toBeCloseTo(73.163, 3);
  });

  it("getting credit: loan time and guarantee fee", () => {
    // Loan: 100 × (39 − 10) / 38 = 76.316; fee: 100 × (3 − 1.2) / 3 = 60; mean 68.158.
    const r = indicatorScore(inputs("getting_credit", {loan_time_workdays: 10, guarantee_fee_rate_pct: 1.2}));
    expect(r.score).toBeCloseTo(68.158, 3);
  });
});
