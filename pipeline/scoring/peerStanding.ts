import {componentScore} from "./dtfScore.ts";

export type Polarity = "lower_is_better" | "higher_is_better";

export interface Standing {
  /** 1 = best among the peers and the city; ties share the better rank. */
  rank: number;
  /** Cities ranked: the peers plus the city. */
  count: number;
  /** Share of peers the city does better than, ties counted half, 0–100; null without peers. */
  percentile: number | null;
}

/**
 * The city's rank and percentile among peer cities for one metric and year.
 *
 * @example peerStanding(2, [1, 3, 4], "lower_is_better") // {rank: 2, count: 4, percentile: 66.67}
 */
export function peerStanding(city: number, peers: readonly number[], polarity: Polarity): Standing {
  const better = (a: number, b: number) => (polarity === "lower_is_better" ? a < b : a > b);
  const beaten = peers.filter((p) => better(city, p)).length;
  const ties = peers.filter((p) => p === city).length;
  const ahead = peers.filter((p) => better(p, city)).length;
  return {
    rank: ahead + 1,
    count: peers.length + 1,
    percentile: peers.length === 0 ? null : (100 * (beaten + ties / 2)) / peers.length,
  };
}

/**
 * Distance-to-frontier score of a value, 0–100, with the Doing Business formula (dtfScore.ts `componentScore`):
 * 100 at the frontier, 0 at the worst, clipped. Null when the frontier equals the worst (no spread to score on).
 * The bounds are fixed per component (metrics.yaml `component`), never the sample's best and worst of a
 * year, so a city's score does not move when a peer's value does.
 *
 * @example frontierScore(2, {frontier: 0.5, worst: 8}) // 80
 */
export function frontierScore(value: number, bounds: {frontier: number; worst: number}): number | null {
  if (bounds.frontier === bounds.worst) return null;
  return componentScore(value, {best: bounds.frontier, worst: bounds.worst});
}
