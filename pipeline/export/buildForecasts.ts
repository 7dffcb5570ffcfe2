import type {Metric, Target} from "../catalog/index.ts";
import {meets, statisticValue} from "../scoring/attainment.ts";
import {CITY, indexByMetricSegment, type MetricPeriodRow} from "./buildAttainment.ts";
import {
  forecastToDeadline,
  monthIndex,
  monthLabel,
  type ForecastVerdict,
  type MonthValue,
} from "../scoring/forecast.ts";
import {segmentLabel} from "../scoring/periods.ts";
import {judgedStatistic, minCases, type Benchmarks} from "../scoring/readBenchmarks.ts";

/** One row of forecasts.csv (docs/exports.md). */
export interface ForecastRow {
  clause: string;
  /** `YYYY-MM`: the forecast as it stood at the end of this month, from data up to it. */
  as_of_month: string;
  deadline: string;
  projected: number | null;
  lower: number | null;
  upper: number | null;
  verdict: ForecastVerdict;
  required_monthly_change: number | null;
  points: number;
  method: string;
  /** The judged value of the deadline's month (year, for annual measures), once the as-of date has reached it. */
  actual_at_deadline: number | null;
}

/** Physical bounds of a metric's unit, so a trend never projects a negative duration or a rate above 100 %. */
function unitBounds(unit: string): {min?: number; max?: number} {
  if (unit === "percent") return {min: 0, max: 100};
  if (unit === "percent_reduction") return {max: 100};
  return {min: 0};
}

/**
 * Forecasts of every target to its deadline, city-wide, in the target's segment: one per month of data up to the
 * deadline's month (and the as-of date), each using only the months up to it (a backtest once the deadline has
 * passed: `actual_at_deadline`). Annual measures have one "month of data" per year, its December. Months with fewer
 * observations than judging.yaml `min_cases` are not fitted but still get their row.
 */
export function buildForecasts(
  rows: readonly MetricPeriodRow[],
  ctx: {targets: readonly Target[]; metrics: readonly Metric[]; benchmarks: Benchmarks; asOf: string},
): ForecastRow[] {
  const index = indexByMetricSegment(rows);
  const metrics = new Map(ctx.metrics.map((m) => [m.id, m]));
  const settings = ctx.benchmarks.judging.forecast;
  const asOfMonth = monthIndex(ctx.asOf);
  const out: ForecastRow[] = [];
  for (const target of ctx.targets) {
    const metric = metrics.get(target.metric)!;
    const statistic = judgedStatistic(ctx.benchmarks.judging, metric);
    const min = minCases(ctx.benchmarks.judging, metric.id);
    const city = (index.get(`${metric.id}|${segmentLabel(target.segment)}`) ?? []).filter((r) => r.area_id === CITY);
    const monthly = city.some((r) => r.period_type === "month");
    const points = city
      .filter((r) => r.period_type === (monthly ? "month" : "year"))
      .map((r) => ({
        month: monthly ? monthIndex(r.period_start) : Number(r.period) * 12 + 11,
        value: r.n >= min ? statisticValue(r, statistic) : null,
      }))
      .sort((a, b) => a.month - b.month);
    const usable = points.filter((p): p is MonthValue => p.value !== null);
    const deadlineMonth = monthIndex(target.deadline);
    const atDeadline =
      ctx.asOf >= target.deadline
        ? usable.find((p) => p.month === (monthly ? deadlineMonth : Math.floor(deadlineMonth / 12) * 12 + 11))
        : undefined;
    for (const point of points) {
      if (point.month > deadlineMonth || point.month > asOfMonth) continue;
      const f = forecastToDeadline({
        series: usable,
        asOfMonth: point.month,
        deadlineMonth,
        target: target.value,
        comparator: target.comparator,
        settings,
        bounds: unitBounds(metric.unit),
      });
      out.push({
        clause: target.clause,
        as_of_month: monthLabel(point.month),
        deadline: target.deadline,
        ...f,
        method: `${f.method}; judged by the ${statistic}`,
        actual_at_deadline: atDeadline?.value ?? null,
      });
    }
  }
  return out;
}

/** Whether a past forecast's verdict came true: on_track and met, or at/off track and missed (null if unknown). */
export function forecastCameTrue(row: ForecastRow, target: Pick<Target, "value" | "comparator">): boolean | null {
  if (row.actual_at_deadline === null || row.verdict === "no_data") return null;
  return meets(row.actual_at_deadline, target.value, target.comparator) === (row.verdict === "on_track");
}
