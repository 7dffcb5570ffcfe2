import {probit} from "simple-statistics";
import {isCeiling, meets, type Comparator} from "./attainment.ts";
import type {Judging} from "./readBenchmarks.ts";

export type ForecastVerdict = "on_track" | "at_risk" | "off_track" | "no_data";
type ForecastSettings = Judging["forecast"];

/** One month of data: `month` is a month index (year × 12 + month − 1), `value` the judged statistic. */
export interface MonthValue {
  month: number;
  value: number;
}

export interface LineFit {
  intercept: number;
  slope: number;
  /** Weighted residual standard deviation (per unit weight). */
  sigma: number;
  /** Σ weights, weighted mean of x, Σ w (x − x̄)²: what a prediction interval needs. */
  sumWeights: number;
  meanX: number;
  sxx: number;
  points: number;
}

/**
 * Weighted least-squares line y = a + b·x. Weights must be positive; needs at least 3 points with two distinct x
 * (two degrees of freedom are spent on the line, one is left for the residual spread).
 *
 * @example weightedLine([{x: 0, y: 1, w: 1}, {x: 1, y: 3, w: 1}, {x: 2, y: 5, w: 1}]) // slope 2, intercept 1, sigma 0
 */
export function weightedLine(points: ReadonlyArray<{x: number; y: number; w: number}>): LineFit {
  if (points.length < 3) throw new RangeError(`a weighted line needs at least 3 points, found ${points.length}`);
  if (points.some((p) => !(p.w > 0))) throw new RangeError("weights must be positive");
  const sw = points.reduce((s, p) => s + p.w, 0);
  const mx = points.reduce((s, p) => s + p.w * p.x, 0) / sw;
  const my = points.reduce((s, p) => s + p.w * p.y, 0) / sw;
  const sxx = points.reduce((s, p) => s + p.w * (p.x - mx) ** 2, 0);
  if (!(sxx > 0)) throw new RangeError("a weighted line needs at least two distinct x values");
  const sxy = points.reduce((s, p) => s + p.w * (p.x - mx) * (p.y - my), 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  // Weights are relative: normalise them to mean 1 so sigma is the spread of a typical point.
  const scale = points.length / sw;
  const rss = points.reduce((s, p) => s + p.w * scale * (p.y - intercept - slope * p.x) ** 2, 0);
  return {
    intercept,
    slope,
    sigma: Math.sqrt(rss / (points.length - 2)),
    sumWeights: sw * scale,
    meanX: mx,
    sxx: sxx * scale,
    points: points.length,
  };
}

export interface ForecastInput {
  /** Monthly values known at the end of `asOfMonth` (later months are ignored). */
  series: ReadonlyArray<MonthValue>;
  asOfMonth: number;
  deadlineMonth: number;
  target: number;
  comparator: Comparator;
  settings: ForecastSettings;
  /** Physical bounds of the metric (durations ≥ 0, shares ≤ 100); projections are clipped to them. */
  bounds?: {min?: number; max?: number};
}

export interface Forecast {
  projected: number | null;
  lower: number | null;
  upper: number | null;
  verdict: ForecastVerdict;
  /** Change per month still needed from the latest value to reach the target by the deadline (null at the deadline). */
  required_monthly_change: number | null;
  points: number;
  method: string;
}

/**
 * Forecast of a target's judged value at its deadline month, as it stood at the end of `asOfMonth`: an
 * exponentially weighted least-squares line over the last `window_months` months (weight 0.5^(age/half-life)),
 * extrapolated to the deadline, with a normal prediction interval. With fewer than `min_points` months the latest
 * value is carried forward and the verdict is `no_data`. Verdicts: `on_track` when the projection meets the target,
 * `at_risk` when it misses but the interval reaches the target, `off_track` when the whole interval misses.
 *
 * @example forecastToDeadline({series, asOfMonth: 2022 * 12 + 5, deadlineMonth: 2022 * 12 + 11, target: 1, comparator: "<=", settings})
 */
export function forecastToDeadline(input: ForecastInput): Forecast {
  const {asOfMonth, deadlineMonth, target, comparator, settings} = input;
  const known = input.series
    .filter((p) => p.month <= asOfMonth && p.month > asOfMonth - settings.window_months && Number.isFinite(p.value))
    .sort((a, b) => a.month - b.month);
  const latest = known.at(-1);
  const monthsLeft = deadlineMonth - asOfMonth;
  const required = latest === undefined || monthsLeft <= 0 ? null : (target - latest.value) / monthsLeft;
  const pct = Math.round(settings.interval * 100);
  if (latest === undefined) {
    return {
      projected: null,
      lower: null,
      upper: null,
      verdict: "no_data",
      required_monthly_change: null,
      points: 0,
      method: "no data in the window",
    };
  }
  if (known.length < settings.min_points) {
    return {
      projected: clip(latest.value, input.bounds),
      lower: null,
      upper: null,
      verdict: "no_data",
      required_monthly_change: required,
      points: known.length,
      method: `latest value carried forward: ${known.length} month${known.length === 1 ? "" : "s"} of data, a trend needs ${settings.min_points}`,
    };
  }
  const fit = weightedLine(
    known.map((p) => ({
      x: p.month - asOfMonth,
      y: p.value,
      w: 0.5 ** ((asOfMonth - p.month) / settings.half_life_months),
    })),
  );
  const x0 = deadlineMonth - asOfMonth;
  const centre = fit.intercept + fit.slope * x0;
  const spread =
    probit(0.5 + settings.interval / 2) *
    fit.sigma *
    Math.sqrt(1 + 1 / fit.sumWeights + (x0 - fit.meanX) ** 2 / fit.sxx);
  const projected = clip(centre, input.bounds);
  const lower = clip(centre - spread, input.bounds);
  const upper = clip(centre + spread, input.bounds);
  const favourable = isCeiling(comparator) ? lower : upper;
  const verdict: ForecastVerdict = meets(projected, target, comparator)
    ? "on_track"
    : meets(favourable, target, comparator)
      ? "at_risk"
      : "off_track";
  return {
    projected,
    lower,
    upper,
    verdict,
    required_monthly_change: required,
    points: known.length,
    method: `EWLS linear trend over the last ${known.length} months (half-life ${settings.half_life_months} months), ${pct} % prediction interval`,
  };
}

/** Month index of a `YYYY-MM…` date: year × 12 + month − 1. */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** `YYYY-MM` of a month index. */
export function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function clip(value: number, bounds: {min?: number; max?: number} | undefined): number {
  let v = value;
  if (bounds?.min !== undefined) v = Math.max(bounds.min, v);
  if (bounds?.max !== undefined) v = Math.min(bounds.max, v);
  return v;
}
