import {isCeiling, type ComparatorCode} from "../../dashboards/components/statusLabels.ts";
import type {Statistic} from "./readBenchmarks.ts";

/** `met`, `at_risk` (meets the target but is past its alert value, 预警值), `missed`, or `no_data`. */
export type AttainmentStatus = "met" | "at_risk" | "missed" | "no_data";
/**
 * `<=` a ceiling and `>=` a floor (the value itself meets them); `<` and `>` strict: the value must be beyond the
 * target, so equality is not met (an improvement the plan promises without a number: 缩短 is a cut of more than 0 %).
 */
export type Comparator = ComparatorCode;

/** The statistics of one period as the marts hold them (mart_metric_periods). */
export interface PeriodStatistics {
  n: number;
  median: number | null;
  mean: number | null;
  p90: number | null;
  p10: number | null;
  max_value: number | null;
  min_value: number | null;
}

/**
 * Tolerance for "within N": durations come from minute divisions, so 2.5 may arrive as 2.5000000000000004. A strict
 * comparator turns it the other way: a value must pass the target by more than the noise, so a reduction of
 * 1e-15 % (an unchanged median through a division) is not "shorter".
 */
const EPSILON = 1e-9;

// The comparator's two questions live with its codes (statusLabels.ts), shared by the catalog check and the rules.
export {isCeiling, isStrict} from "../../dashboards/components/statusLabels.ts";

/**
 * The value of `statistic` in a period's statistics (`max` and `min` read `max_value` / `min_value`).
 *
 * @example statisticValue({n: 3, median: 2, mean: 2.2, p90: 3, p10: 1, max_value: 3, min_value: 1}, "p90") // 3
 */
export function statisticValue(stats: PeriodStatistics, statistic: Statistic): number | null {
  const value = statistic === "max" ? stats.max_value : statistic === "min" ? stats.min_value : stats[statistic];
  return value ?? null;
}

/**
 * Whether `value` meets a target: at most `target` for a ceiling (`<=`), at least for a floor (`>=`), below it
 * (`<`) or above it (`>`) by more than floating-point noise for a strict one.
 *
 * @example meets(2.5000000000000004, 2.5, "<=") // true
 * @example meets(1e-15, 0, ">") // false (no cut: equal to the target within noise)
 */
export function meets(value: number, target: number, comparator: Comparator): boolean {
  switch (comparator) {
    case "<=":
      return value <= target + EPSILON;
    case ">=":
      return value >= target - EPSILON;
    case "<":
      return value < target - EPSILON;
    case ">":
      return value > target + EPSILON;
  }
}

/**
 * Shortfall against the target in the metric's unit, polarity-aware: positive = short of the target by that much,
 * negative = met with that margin, zero = exactly on the target (met for `<=`/`>=`, missed for a strict `<`/`>`).
 * Ceiling: actual − target; floor: target − actual.
 *
 * @example gap(3.1, 2.5, "<=") // 0.6 (0.6 workday over the limit)
 * @example gap(97, 95, ">=")   // -2 (2 points above the floor)
 */
export function gap(actual: number, target: number, comparator: Comparator): number {
  return isCeiling(comparator) ? actual - target : target - actual;
}

export interface AttainmentInput {
  /** The judged statistic of the period, or null without observations. */
  actual: number | null;
  /** Observations behind it. */
  n: number;
  target: number;
  comparator: Comparator;
  /**
   * Alert value (预警值): meeting the target but worse than this is `at_risk`. Equal to the target: no amber band
   * (for a strict target too, whose alert equals the target it must pass).
   */
  alert: number;
  /** Fewer observations than this is `no_data` (judging.yaml `min_cases`). */
  minCases: number;
}

/**
 * Status of one target in one period. `no_data` without a value or with fewer than `minCases` observations;
 * `missed` when the value does not meet the target; `at_risk` when it meets the target but not the alert value
 * (the amber band between them); otherwise `met`. Throws if the alert value is on the wrong side of the target
 * (for a strict target the alert may equal it: no amber band).
 *
 * @example judgeAttainment({actual: 2.4, n: 40, target: 2.5, comparator: "<=", alert: 2.25, minCases: 5})
 * // {status: "at_risk", gap: -0.1}
 */
export function judgeAttainment(input: AttainmentInput): {status: AttainmentStatus; gap: number | null} {
  const {actual, n, target, comparator, alert, minCases} = input;
  // The alert band is bounded by the non-strict comparator: an alert equal to a strict target is no band, and a
  // value equal to the alert is not worse than it.
  const bound = isCeiling(comparator) ? "<=" : ">=";
  if (!meets(alert, target, bound)) {
    throw new RangeError(`the alert value ${alert} must meet the target ${comparator} ${target}`);
  }
  if (actual === null || !Number.isFinite(actual)) return {status: "no_data", gap: null};
  const shortfall = gap(actual, target, comparator);
  if (n < minCases) return {status: "no_data", gap: shortfall};
  if (!meets(actual, target, comparator)) return {status: "missed", gap: shortfall};
  if (!meets(actual, alert, bound)) return {status: "at_risk", gap: shortfall};
  return {status: "met", gap: shortfall};
}
