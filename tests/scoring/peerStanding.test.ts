import {describe, expect, it} from "vitest";
import {frontierBounds, frontierScore, peerStanding} from "../../pipeline/scoring/peerStanding.ts";

describe("peer standing", () => {
  it("ranks among peers and the city, percentile = share of peers beaten (ties half)", () => {
    expect(peerStanding(2, [1, 3, 4], "lower_is_better")).toEqual({rank: 2, count: 4, percentile: (100 * 2) / 3});
    expect(peerStanding(2, [2, 3], "lower_is_better")).toEqual({rank: 1, count: 3, percentile: 75});
    expect(peerStanding(96, [95, 97, 99], "higher_is_better")).toEqual({rank: 3, count: 4, percentile: 100 / 3});
    expect(peerStanding(5, [], "lower_is_better")).toEqual({rank: 1, count: 1, percentile: null});
  });

  it("DTF against the national best practice, else the best peer; worst = worst of peers and city", () => {
    const bounds = frontierBounds([2, 4, 8], "lower_is_better", 0.5);
    expect(bounds).toEqual({frontier: 0.5, worst: 8, frontier_source: "national_best_practice"});
    expect(frontierScore(2, bounds!)).toBeCloseTo(80, 12);
    expect(frontierBounds([2, 4, 8], "lower_is_better", null)).toEqual({
      frontier: 2,
      worst: 8,
      frontier_source: "best_peer",
    });
    // A "best practice" beaten by a city is no frontier: the city's value replaces it.
    expect(frontierBounds([0.3, 4], "lower_is_better", 0.5)!.frontier).toBe(0.3);
    expect(frontierBounds([90, 97], "higher_is_better", null)).toEqual({
      frontier: 97,
      worst: 90,
      frontier_source: "best_peer",
    });
    expect(frontierScore(5, {frontier: 5, worst: 5})).toBeNull();
    expect(frontierBounds([], "lower_is_better", 1)).toBeNull();
  });
});
