import {describe, expect, it} from "vitest";
import {aggregateScores, componentScore, weightedCityScore} from "../../pipeline/scoring/dtfScore.ts";

describe("componentScore", () => {
  it("scores a lower-is-better value linearly between the bounds", () => {
    // Start-up time, bounds 0.5 (best) … 100 (worst): 100 × (100 − 8) / 99.5 = 92.462.
    expect(componentScore(8, {best: 0.5, worst: 100})).toBeCloseTo(92.462, 3);
  });

  it("scores a higher-is-better index with the same formula", () => {
    // Reliability index 7 of 8: 100 × (0 − 7) / (0 − 8) = 87.5.
    expect(componentScore(7, {best: 8, worst: 0})).toBe(87.5);
  });

  it("clips beyond the bounds to 0 and 100", () => {
    // 2 procedures for electricity (best 3): 100 × (9 − 2) / 6 = 116.7 → 100.
    expect(componentScore(2, {best: 3, worst: 9})).toBe(100);
    expect(componentScore(500, {best: 26, worst: 373})).toBe(0);
  });

  it("applies the non-linear total tax and contribution rate rule (26.1 / 84.0 / 0.8)", () => {
    const ttcr = {best: 26.1, worst: 84.0, exponent: 0.8};
    // China DB2020, TTCR 59.2: linear = (84 − 59.2) / 57.9 = 0.42832; 0.42832^0.8 = 0.50748 → 50.748.
    expect(componentScore(59.2, ttcr)).toBeCloseTo(50.748, 3);
    expect(componentScore(20, ttcr)).toBe(100); // below the threshold 26.1
    expect(componentScore(90, ttcr)).toBe(0);
  });

  it("refuses nonsense", () => {
    expect(() => componentScore(Number.NaN, {best: 0, worst: 1})).toThrow(/finite/);
    expect(() => componentScore(1, {best: 2, worst: 2})).toThrow(/best ≠ worst/);
  });
});

describe("aggregateScores", () => {
  it("takes the plain mean", () => {
    expect(
      aggregateScores(
        [
          {score: 100, range: 1},
          {score: 50, range: 99},
        ],
        "mean",
      ),
    ).toBe(75);
  });

  it("adds points for getting credit: (legal rights + credit information) / 20", () => {
    // Legal rights 4 of 12 → 33.33; credit information 8 of 8 → 100; (4 + 8) / 20 = 60.
    expect(
      aggregateScores(
        [
          {score: 100 / 3, range: 12},
          {score: 100, range: 8},
        ],
        "points",
      ),
    ).toBeCloseTo(60, 10);
  });
});

describe("weightedCityScore", () => {
  it("weights cities by population", () => {
    // 0.45 × 95 + 0.55 × 90 = 42.75 + 49.5 = 92.25.
    expect(
      weightedCityScore([
        {score: 95, weight: 0.45},
        {score: 90, weight: 0.55},
      ]),
    ).toBeCloseTo(92.25, 10);
  });

  it("refuses weights that do not sum to 1", () => {
    expect(() => weightedCityScore([{score: 95, weight: 0.45}])).toThrow(/sum to 1/);
  });
});
