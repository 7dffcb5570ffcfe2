import type {Catalog} from "../catalog/index.ts";
import {between} from "./planTrend.ts";

/**
 * The synthetic city's geography: how case volumes split between Xining's districts, counties and parks, and which
 * of them lag. These are demo ASSUMPTIONS, not measurements (no public figures exist, see
 * /work/shared/notes/xining-and-peers.md): volume shares follow population roughly (the four urban districts hold
 * most of the 2.5 million people), and the two outer counties, 湟源县 and 大通县, improve least after the plan.
 */
export interface AreaProfile {
  /** Catalog area id. */
  id: string;
  /** Share of case volume (renormalised over the areas a feed uses). */
  share: number;
  /** Duration multiplier at the 2021 baseline and at the end level (1 = the city's main districts). */
  lag: readonly [baseline: number, end: number];
  /** Mostly urban (power: urban low-voltage ceiling); the counties are mostly rural. */
  urbanShare: number;
}

const PROFILES: readonly AreaProfile[] = [
  {id: "chengdong", share: 0.14, lag: [1.0, 1.0], urbanShare: 1},
  {id: "chengzhong", share: 0.15, lag: [0.95, 0.95], urbanShare: 1},
  {id: "chengxi", share: 0.16, lag: [1.0, 0.95], urbanShare: 1},
  {id: "chengbei", share: 0.13, lag: [1.05, 1.05], urbanShare: 1},
  {id: "huangzhong", share: 0.12, lag: [1.15, 2.0], urbanShare: 0.35},
  {id: "datong", share: 0.11, lag: [1.3, 2.6], urbanShare: 0.3},
  {id: "huangyuan", share: 0.05, lag: [1.35, 3.0], urbanShare: 0.25},
  {id: "dongchuan", share: 0.05, lag: [1.0, 1.0], urbanShare: 1},
  {id: "nanchuan", share: 0.05, lag: [1.05, 1.3], urbanShare: 1},
  {id: "biotech", share: 0.04, lag: [0.95, 0.9], urbanShare: 1},
];

/** An area the table above does not know (a new catalog entry): average share, no lag, urban. */
const DEFAULT_PROFILE = {share: 0.05, lag: [1, 1] as const, urbanShare: 1};

/** Areas counted as "the main districts" in the demo story: the four urban districts. */
export const MAIN_DISTRICTS: readonly string[] = ["chengdong", "chengzhong", "chengxi", "chengbei"];

/**
 * The profiles of every area of the catalog except the city itself (kind `city`), in catalog order.
 * Throws if the table names an area the catalog does not have, so a renamed area fails loudly.
 */
export function areaProfiles(catalog: Pick<Catalog, "areas">): AreaProfile[] {
  const known = new Set(catalog.areas.map((a) => a.id));
  for (const p of PROFILES) {
    if (!known.has(p.id)) throw new Error(`demo area profile ${p.id} is not an area of the catalog`);
  }
  return catalog.areas
    .filter((a) => a.kind !== "city")
    .map((a) => PROFILES.find((p) => p.id === a.id) ?? {id: a.id, ...DEFAULT_PROFILE});
}

/** The duration multiplier of an area at a given plan progress. */
export function areaLag(profile: Pick<AreaProfile, "lag">, progress: number): number {
  return between(profile.lag[0], profile.lag[1], Math.min(1, progress));
}
