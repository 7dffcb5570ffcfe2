import {describe, expect, it} from "vitest";
import {gap, judgeAttainment, meets, statisticValue} from "../../pipeline/scoring/attainment.ts";

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
