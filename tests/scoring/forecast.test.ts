import {describe, expect, it} from "vitest";
import {forecastToDeadline, monthIndex, monthLabel, weightedLine} from "../../pipeline/scoring/forecast.ts";

const settings = {method: "ewls_linear" as const, window_months: 12, half_life_months: 4, min_points: 4, interval: 0.8};
const m = (label: string) => monthIndex(`${label}-01`);

describe("weightedLine", () => {
  it("fits an exact line with zero residual spread", () => {
    const fit = weightedLine([0, 1, 2, 3].map((x) => ({x, y: 1 + 2 * x, w: x + 1})));
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
    expect(fit.sigma).toBeCloseTo(0, 12);
  });

  it("weights pull the line toward heavy points (weighted least squares, by hand)", () => {
    // Points (0,0) w1, (1,0) w1, (2,3) w2: x̄ = 1.25, ȳ = 1.5, Sxy = 1·(−1.25)(−1.5) + 1·(−0.25)(−1.5) + 2·0.75·1.5 = 4.5,
    // Sxx = 1.5625 + 0.0625 + 1.125 = 2.75, slope = 4.5 / 2.75 = 1.6364, intercept = 1.5 − 1.6364·1.25 = −0.5455.
    const fit = weightedLine([
      {x: 0, y: 0, w: 1},
      {x: 1, y: 0, w: 1},
      {x: 2, y: 3, w: 2},
    ]);
    expect(fit.slope).toBeCloseTo(4.5 / 2.75, 10);
    expect(fit.intercept).toBeCloseTo(1.5 - (4.5 / 2.75) * 1.25, 10);
  });

  it("refuses too few points or a single x", () => {
    expect(() =>
      weightedLine([
        {x: 0, y: 1, w: 1},
        {x: 1, y: 2, w: 1},
      ]),
    ).toThrow(/at least 3/);
    expect(() => weightedLine([0, 0, 0].map((x) => ({x, y: x, w: 1})))).toThrow(/distinct/);
  });
});

describe("forecastToDeadline", () => {
  const falling = Array.from({length: 10}, (_, i) => ({month: m("2022-01") + i, value: 5 - 0.4 * i}));

  it("projects a falling duration to the deadline: on track, with the monthly change still required", () => {
    const f = forecastToDeadline({
      series: falling,
      asOfMonth: m("2022-06"),
      deadlineMonth: m("2022-12"),
      target: 1,
      comparator: "<=",
      settings,
      bounds: {min: 0},
    });
    // Exact line 5 − 0.4·i: at 2022-12 (i = 11) the projection is 0.6; the latest value is 3.0 at 2022-06.
    expect(f.projected).toBeCloseTo(0.6, 9);
    expect(f.verdict).toBe("on_track");
    expect(f.points).toBe(6);
    expect(f.required_monthly_change).toBeCloseTo((1 - 3) / 6, 12);
    expect(f.method).toMatch(/EWLS.*half-life 4 months.*80 %/);
  });

  it("uses only the months up to its as-of month (a backtest never sees the future)", () => {
    const spiked = [...falling.slice(0, 6), ...falling.slice(6).map((p) => ({...p, value: 50}))];
    const a = forecastToDeadline({
      series: falling,
      asOfMonth: m("2022-06"),
      deadlineMonth: m("2022-12"),
      target: 1,
      comparator: "<=",
      settings,
    });
    const b = forecastToDeadline({
      series: spiked,
      asOfMonth: m("2022-06"),
      deadlineMonth: m("2022-12"),
      target: 1,
      comparator: "<=",
      settings,
    });
    expect(b).toEqual(a);
  });

  it("off track when the whole interval misses, at risk when only the interval reaches the target", () => {
    const flat = Array.from({length: 8}, (_, i) => ({month: m("2022-01") + i, value: 10 + (i % 2 === 0 ? 0.5 : -0.5)}));
    const off = forecastToDeadline({
      series: flat,
      asOfMonth: m("2022-08"),
      deadlineMonth: m("2022-12"),
      target: 3,
      comparator: "<=",
      settings,
    });
    expect(off.verdict).toBe("off_track");
    // A target between the projection and the interval's favourable (lower) bound: reachable, not expected.
    const between = (off.projected! + off.lower!) / 2;
    const near = forecastToDeadline({
      series: flat,
      asOfMonth: m("2022-08"),
      deadlineMonth: m("2022-12"),
      target: between,
      comparator: "<=",
      settings,
    });
    expect(near.verdict).toBe("at_risk");
    expect(near.lower!).toBeLessThan(between);
    expect(near.upper!).toBeGreaterThan(near.projected!);
  });

  it("floors (rates) are on track when the projection rises above them; bounds clip the projection", () => {
    const rising = Array.from({length: 6}, (_, i) => ({month: m("2022-01") + i, value: 90 + 2 * i}));
    const f = forecastToDeadline({
      series: rising,
      asOfMonth: m("2022-06"),
      deadlineMonth: m("2022-12"),
      target: 95,
      comparator: ">=",
      settings,
      bounds: {min: 0, max: 100},
    });
    expect(f.verdict).toBe("on_track");
    expect(f.projected).toBe(100);
  });

  it("with fewer months than min_points: latest value carried forward, verdict no_data, reason stated", () => {
    const f = forecastToDeadline({
      series: falling.slice(0, 2),
      asOfMonth: m("2022-02"),
      deadlineMonth: m("2022-12"),
      target: 1,
      comparator: "<=",
      settings,
    });
    expect(f).toMatchObject({projected: 4.6, lower: null, upper: null, verdict: "no_data", points: 2});
    expect(f.method).toMatch(/2 months of data, a trend needs 4/);
    expect(
      forecastToDeadline({
        series: [],
        asOfMonth: m("2022-02"),
        deadlineMonth: m("2022-12"),
        target: 1,
        comparator: "<=",
        settings,
      }).verdict,
    ).toBe("no_data");
  });

  it("at the deadline month no monthly change is required any more", () => {
    const f = forecastToDeadline({
      series: falling,
      asOfMonth: m("2022-10"),
      deadlineMonth: m("2022-10"),
      target: 1,
      comparator: "<=",
      settings,
    });
    expect(f.required_monthly_change).toBeNull();
  });

  it("a strict floor: a flat series projecting exactly the target is not on track", () => {
    // A cut that stays at 0 % (no change against the baseline) and one that grows 2 points a month.
    const flat = Array.from({length: 8}, (_, i) => ({month: m("2022-01") + i, value: 0}));
    const rising = flat.map((p, i) => ({...p, value: 2 * i}));
    const at = {asOfMonth: m("2022-08"), deadlineMonth: m("2022-12"), target: 0, comparator: ">" as const, settings};
    const still = forecastToDeadline({...at, series: flat});
    expect(still.projected).toBeCloseTo(0, 12);
    expect(still.verdict).toBe("off_track");
    expect(forecastToDeadline({...at, series: rising}).verdict).toBe("on_track");
  });

  it("month indexes round-trip", () => {
    expect(monthLabel(monthIndex("2022-12-31"))).toBe("2022-12");
    expect(monthIndex("2023-01-01") - monthIndex("2022-12-01")).toBe(1);
  });
});
