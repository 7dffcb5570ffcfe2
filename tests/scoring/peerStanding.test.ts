import {describe, expect, it} from "vitest";
import {frontierScore, peerStanding} from "../../pipeline/scoring/peerStanding.ts";

describe("peer standing", () => {
  it("ranks among peers and the city, percentile = share of peers beaten (ties half)", () => {
    expect(peerStanding(2, [1, 3, 4], "lower_is_better")).toEqual({rank: 2, count: 4, percentile: (100 * 2) / 3});
    expect(peerStanding(2, [2, 3], "lower_is_better")).toEqual({rank: 1, count: 3, percentile: 75});
    expect(peerStanding(96, [95, 97, 99], "higher_is_better")).toEqual({rank: 3, count: 4, percentile: 100 / 3});
    expect(peerStanding(5, [], "lower_is_better")).toEqual({rank: 1, count: 1, percentile: null});
  });

  it("DTF against fixed bounds, clipped; no spread, no score", () => {
    expect(frontierScore(2, {frontier: 0.5, worst: 8})).toBeCloseTo(80, 12);
    expect(frontierScore(9, {frontier: 0.5, worst: 8})).toBe(0);
    expect(frontierScore(96, {frontier: 100, worst: 0})).toBeCloseTo(96, 12);
    expect(frontierScore(5, {frontier: 5, worst: 5})).toBeNull();
  });
});
