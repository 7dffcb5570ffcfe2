import type {Aggregate} from "./dtfBounds.ts";

/**
 * The arithmetic of the Doing Business ease-of-doing-business ("distance to frontier") score.
 * Pure functions over numbers; bounds come from `sources/benchmarks/` (see `dtfBounds.ts`).
 */

/** Bounds of one component: the value scoring 100 (`best`) and the one scoring 0 (`worst`). */
export interface Bound {
  best: number;
  worst: number;
  /** Non-linear score `100 × linear^exponent` (TTCR uses 0.8). */
  exponent?: number;
}

/**
 * Score of one component on 0–100: `100 × (worst − value) / (worst − best)`, clipped to [0, 100]; raised to
 * `exponent` after clipping when the component is non-linear. Works for lower-is-better values (best < worst) and
 * higher-is-better indices (best > worst) alike. Values beyond a bound score 0 or 100.
 *
 * @example componentScore(8, {best: 0.5, worst: 100})               // 92.462 (Beijing start-up time, DB2020)
 * @example componentScore(7, {best: 8, worst: 0})                    // 87.5 (reliability index 7 of 8)
 * @example componentScore(59.2, {best: 26.1, worst: 84, exponent: 0.8}) // 50.75 (China TTCR, DB2020)
 */
export function componentScore(value: number, bound: Bound): number {
  if (!Number.isFinite(value)) throw new RangeError(`a component value must be a finite number, found ${value}`);
  if (bound.best === bound.worst) throw new RangeError(`bounds need best ≠ worst, found ${bound.best} for both`);
  const linear = Math.min(1, Math.max(0, (bound.worst - value) / (bound.worst - bound.best)));
  return 100 * (bound.exponent === undefined ? linear : linear ** bound.exponent);
}

/**
 * Combine component scores (0–100) into one score (0–100).
 * `mean`: plain mean. `points`: mean weighted by each component's range |best − worst|, which equals
 * Σ points ÷ Σ maximum points (getting credit: (legal rights + credit information) / 20 × 100).
 *
 * @example aggregateScores([{score: 33.3333, range: 12}, {score: 100, range: 8}], "points") // 60 ((4 + 8) / 20)
 */
export function aggregateScores(items: ReadonlyArray<{score: number; range: number}>, how: Aggregate): number {
  if (items.length === 0) throw new RangeError("an aggregate score needs at least one component score");
  if (how === "mean") return items.reduce((sum, i) => sum + i.score, 0) / items.length;
  const total = items.reduce((sum, i) => sum + i.range, 0);
  if (!(total > 0)) throw new RangeError("a points aggregate needs components with a positive range");
  return items.reduce((sum, i) => sum + i.score * i.range, 0) / total;
}

/**
 * Population-weighted mean of city scores (Doing Business scores each city, then weights them).
 * Weights must be positive and sum to 1 (±1e-9).
 *
 * @example weightedCityScore([{score: 95.081, weight: 0.45}, {score: 93.44, weight: 0.55}]) // 94.178
 */
export function weightedCityScore(cities: ReadonlyArray<{score: number; weight: number}>): number {
  const total = cities.reduce((sum, c) => sum + c.weight, 0);
  if (cities.length === 0 || Math.abs(total - 1) > 1e-9 || cities.some((c) => !(c.weight > 0))) {
    throw new RangeError(
      `city weights must be positive and sum to 1, found ${cities.map((c) => c.weight).join(" + ")}`,
    );
  }
  return cities.reduce((sum, c) => sum + c.score * c.weight, 0);
}
