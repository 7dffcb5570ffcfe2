import {describe, expect, it} from "vitest";
import {gap, isCeiling, isStrict, judgeAttainment, meets, statisticValue} from "../../pipeline/scoring/attainment.ts";

const base = {n: 40, minCases: 5};

describe("judgeAttainment", () => {
  it("ceilings: met with a margin, at_risk inside the amber band, missed beyond the target", () => {
    const t = {...base, target: 2.5, comparator: "<=" as const, alert: 2.25};
    expect(judgeAttainment({...t, actual: 2})).toEqual({status: "met", gap: -0.5});
    expect(judgeAttainment({...t, actual: 2.25})).toEqual({status: "met", gap: -0.25});
    expect(judgeAttainment({...t, actual: 2.4}).status).toBe("at_risk");
    expect(judgeAttainment({...t, actual: 2.5}).status).toBe("at_risk");
    expect(judgeAttainment({...t, actual: 2.6})).toMatchObject({status: "missed"});
    expect(judgeAttainment({...t, actual: 2.6}).gap).toBeCloseTo(0.1, 12);
  });

  it("floors are polarity-aware: the gap is the shortfall below the target", () => {
    const t = {...base, target: 95, comparator: ">=" as const, alert: 97.5};
    expect(judgeAttainment({...t, actual: 99})).toEqual({status: "met", gap: -4});
    expect(judgeAttainment({...t, actual: 96})).toEqual({status: "at_risk", gap: -1});
    expect(judgeAttainment({...t, actual: 90})).toEqual({status: "missed", gap: 5});
  });

  it("an alert equal to the target means no amber band", () => {
    const t = {...base, target: 160, comparator: ">=" as const, alert: 160};
    expect(judgeAttainment({...t, actual: 160}).status).toBe("met");
    expect(judgeAttainment({...t, actual: 159.9}).status).toBe("missed");
  });

  it("no value, or too few cases, is no_data (never 100 %)", () => {
    const t = {target: 1, comparator: "<=" as const, alert: 0.9, minCases: 5};
    expect(judgeAttainment({...t, actual: null, n: 0})).toEqual({status: "no_data", gap: null});
    expect(judgeAttainment({...t, actual: 0.5, n: 4})).toEqual({status: "no_data", gap: -0.5});
    expect(judgeAttainment({...t, actual: Number.NaN, n: 10}).status).toBe("no_data");
  });

  it("tolerates floating-point noise from minute divisions", () => {
    expect(meets(2.5000000000000004, 2.5, "<=")).toBe(true);
    expect(meets(94.99999999999999, 95, ">=")).toBe(true);
    expect(judgeAttainment({...base, actual: 1.0000000000000002, target: 1, comparator: "<=", alert: 1}).status).toBe(
      "met",
    );
  });

  it("refuses an alert value on the wrong side of the target", () => {
    expect(() => judgeAttainment({...base, actual: 1, target: 2.5, comparator: "<=", alert: 3})).toThrow(/alert/);
  });

  it("reads the judged statistic, max and min included", () => {
    const stats = {n: 3, median: 2, mean: 2.2, p90: 3, p10: 1, max_value: 3.5, min_value: 0.5};
    expect(statisticValue(stats, "median")).toBe(2);
    expect(statisticValue(stats, "p90")).toBe(3);
    expect(statisticValue(stats, "max")).toBe(3.5);
    expect(statisticValue(stats, "min")).toBe(0.5);
    expect(gap(3, 2.5, "<=")).toBe(0.5);
    expect(gap(90, 95, ">=")).toBe(5);
  });
});

describe("strict comparators (< and >): an improvement with no size", () => {
  it("equality is not met, and neither is a value equal within floating-point noise", () => {
    expect(meets(0, 0, ">")).toBe(false);
    expect(meets(1e-15, 0, ">")).toBe(false);
    expect(meets(-1e-15, 0, ">")).toBe(false);
    expect(meets(5, 5, "<")).toBe(false);
    expect(meets(4.999999999999999, 5, "<")).toBe(false);
    // the same noise meets a non-strict comparator: the epsilon runs the other way
    expect(meets(-1e-15, 0, ">=")).toBe(true);
    // a median cut computed as 100 × (b − v) / b with v = b through a division is noise, not a cut
    const b = 38.7;
    const v = (b * 3) / 3;
    expect(meets((100 * (b - v)) / b, 0, ">")).toBe(false);
  });

  it("a real difference, however small in the metric's terms, is met", () => {
    expect(meets(0.01, 0, ">")).toBe(true);
    expect(meets(-0.01, 0, "<")).toBe(true);
    expect(meets(4.99, 5, "<")).toBe(true);
  });

  it("judgeAttainment: exactly the baseline is missed with a gap of 0; any cut is met", () => {
    const t = {...base, target: 0, comparator: ">" as const, alert: 0};
    expect(judgeAttainment({...t, actual: 0})).toEqual({status: "missed", gap: 0});
    expect(judgeAttainment({...t, actual: 1e-12}).status).toBe("missed");
    expect(judgeAttainment({...t, actual: -12.5})).toEqual({status: "missed", gap: 12.5});
    expect(judgeAttainment({...t, actual: 30})).toEqual({status: "met", gap: -30});
    const ceiling = {...base, target: 10, comparator: "<" as const, alert: 10};
    expect(judgeAttainment({...ceiling, actual: 10}).status).toBe("missed");
    expect(judgeAttainment({...ceiling, actual: 9})).toEqual({status: "met", gap: -1});
  });

  it("an alert equal to a strict target is no amber band; an alert beyond it bands as usual", () => {
    const t = {...base, target: 0, comparator: ">" as const, alert: 10};
    expect(judgeAttainment({...t, actual: 5}).status).toBe("at_risk");
    expect(judgeAttainment({...t, actual: 10}).status).toBe("met");
    expect(judgeAttainment({...t, actual: 0}).status).toBe("missed");
    expect(() => judgeAttainment({...t, actual: 5, alert: -1})).toThrow(/alert/);
  });

  it("knows ceilings and strictness", () => {
    expect([isCeiling("<="), isCeiling("<"), isCeiling(">="), isCeiling(">")]).toEqual([true, true, false, false]);
    expect([isStrict("<="), isStrict("<"), isStrict(">="), isStrict(">")]).toEqual([false, true, false, true]);
    expect(gap(-5, 0, ">")).toBe(5);
    expect(gap(12, 15, "<")).toBe(-3);
  });
});
