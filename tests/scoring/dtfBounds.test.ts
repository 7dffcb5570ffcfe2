import {describe, expect, it} from "vitest";
import {CatalogError} from "../../pipeline/errors.ts";
import {
  readCityWeights,
  readDtfBounds,
  validateCityWeights,
  validateDtfBounds,
} from "../../pipeline/scoring/dtfBounds.ts";

describe("bundled DB2020 bounds", () => {
  const bounds = readDtfBounds();

  it("has the ten topics with the bounds of methodology.md", () => {
    expect(Object.keys(bounds.topics)).toEqual([
      "starting_a_business",
      "dealing_with_construction_permits",
      "getting_electricity",
      "registering_property",
      "getting_credit",
      "protecting_minority_investors",
      "paying_taxes",
      "trading_across_borders",
      "enforcing_contracts",
      "resolving_insolvency",
    ]);
    // Spot checks against the methodology table (best → worst).
    expect(bounds.topics.starting_a_business?.components.time_days).toMatchObject({best: 0.5, worst: 100});
    expect(bounds.topics.getting_electricity?.components.cost_pct_income).toMatchObject({best: 0, worst: 8100});
    expect(bounds.topics.paying_taxes?.components.total_tax_rate_pct).toMatchObject({
      best: 26.1,
      worst: 84,
      exponent: 0.8,
    });
    expect(bounds.topics.trading_across_borders?.components.import_cost_border_usd).toMatchObject({
      best: 0,
      worst: 1200,
    });
    expect(bounds.topics.resolving_insolvency?.components.recovery_rate_cents).toMatchObject({best: 92.9, worst: 0});
    expect(Object.keys(bounds.topics.trading_across_borders?.components ?? {})).toHaveLength(8);
  });

  it("has China's city weights", () => {
    expect(readCityWeights().economies.China).toEqual({Beijing: 0.45, Shanghai: 0.55});
  });
});

describe("validation", () => {
  it("refuses equal bounds and names that a CSV could not tell apart", () => {
    const data = {
      edition: "T",
      topics: {
        t: {
          label: "T",
          aggregate: "mean",
          components: {
            a: {best: 1, worst: 1, unit: "u"},
            b: {best: 0, worst: 1, unit: "u", gender_average: true},
            b_women: {best: 0, worst: 1, unit: "u"},
          },
        },
      },
    };
    try {
      validateDtfBounds(data, "b.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as CatalogError).issues.map((i) => i.message)).toEqual([
        "best and worst must differ",
        'the name "b_women" is used twice in topic t',
      ]);
    }
  });

  it("refuses city weights that do not sum to 1", () => {
    expect(() =>
      validateCityWeights({edition: "T", economies: {China: {Beijing: 0.45, Shanghai: 0.5}}}, "w.yaml"),
    ).toThrow(/sum to 1/);
  });
});
