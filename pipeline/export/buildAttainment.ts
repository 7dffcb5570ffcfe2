import type {ComparatorCode} from "../../dashboards/components/statusLabels.ts";
import type {Metric, Target} from "../catalog/index.ts";
import {judgeAttainment, statisticValue, type AttainmentStatus, type PeriodStatistics} from "../scoring/attainment.ts";
import {periodOf, periodsBetween, segmentLabel, PERIOD_TYPES, type PeriodType} from "../scoring/periods.ts";
import {judgedStatistic, minCases, type Benchmarks, type Statistic} from "../scoring/readBenchmarks.ts";

/** One row of mart_metric_periods. */
export interface MetricPeriodRow extends PeriodStatistics {
  metric_id: string;
  area_id: string;
  period_type: PeriodType;
  period: string;
  period_start: string;
  segment: string;
  share_within_target: number | null;
  target_clause: string | null;
  baseline: number | null;
  is_synthetic: boolean;
}

/** One row of attainment.csv (docs/exports.md). */
export interface AttainmentRow {
  clause: string;
  indicator_id: string;
  metric_id: string;
  area_id: string;
  period_type: PeriodType;
  period: string;
  period_start: string;
  segment: string;
  statistic: Statistic;
  actual: number | null;
  target: number;
  comparator: ComparatorCode;
  gap: number | null;
  status: AttainmentStatus;
  n: number;
  baseline: number | null;
  is_synthetic: boolean;
}

export const CITY = "xining";

/** Rows of the marts grouped by `metric|segment`, the key every builder looks targets up by. */
export function indexByMetricSegment(rows: readonly MetricPeriodRow[]): Map<string, MetricPeriodRow[]> {
  const index = new Map<string, MetricPeriodRow[]>();
  for (const row of rows) {
    const key = `${row.metric_id}|${row.segment}`;
    const list = index.get(key);
    if (list) list.push(row);
    else index.set(key, [row]);
  }
  return index;
}

/**
 * Attainment of every target of the plan, per area and period, from the metric statistics of the marts.
 * The grid is complete: for each period type the metric is reported in (annual measures: years only), every period
 * from the first with data to the one containing `asOf`, for the city and every area with any data for the metric
 * and segment; a period without observations (or with fewer than judging.yaml `min_cases`) is `no_data`, never
 * silently dropped. A target with no data at all gets `no_data` rows for the city's current periods.
 */
export function buildAttainment(
  rows: readonly MetricPeriodRow[],
  ctx: {targets: readonly Target[]; metrics: readonly Metric[]; benchmarks: Benchmarks; asOf: string},
): AttainmentRow[] {
  const index = indexByMetricSegment(rows);
  const metrics = new Map(ctx.metrics.map((m) => [m.id, m]));
  const alerts = new Map(ctx.benchmarks.thresholds.map((t) => [t.clause, t.alert]));
  const out: AttainmentRow[] = [];
  for (const target of ctx.targets) {
    const metric = metrics.get(target.metric);
    if (!metric) throw new Error(`target ${target.clause} names unknown metric ${target.metric}`);
    const segment = segmentLabel(target.segment);
    const statistic = judgedStatistic(ctx.benchmarks.judging, metric);
    const min = minCases(ctx.benchmarks.judging, metric.id);
    const alert = alerts.get(target.clause) ?? target.value;
    const own = index.get(`${metric.id}|${segment}`) ?? [];
    const byKey = new Map(own.map((r) => [`${r.area_id}|${r.period_type}|${r.period}`, r]));
    const baselines = new Map<string, number>();
    for (const r of own) if (r.baseline !== null) baselines.set(r.area_id, r.baseline);
    const areas = [CITY, ...[...new Set(own.map((r) => r.area_id))].filter((a) => a !== CITY).sort()];
    const types = PERIOD_TYPES.filter((t) => own.some((r) => r.period_type === t));
    const grid =
      types.length === 0
        ? PERIOD_TYPES.map((t) => [periodOf(ctx.asOf, t)])
        : types.map((t) => {
            const first = own
              .filter((r) => r.period_type === t)
              .reduce((a, r) => (r.period_start < a ? r.period_start : a), "9999");
            return periodsBetween(first, ctx.asOf, t);
          });
    for (const area of areas) {
      for (const period of grid.flat()) {
        const row = byKey.get(`${area}|${period.period_type}|${period.period}`);
        const actual = row ? statisticValue(row, statistic) : null;
        const judged = judgeAttainment({
          actual,
          n: row?.n ?? 0,
          target: target.value,
          comparator: target.comparator,
          alert,
          minCases: min,
        });
        out.push({
          clause: target.clause,
          indicator_id: target.indicator,
          metric_id: metric.id,
          area_id: area,
          ...period,
          segment,
          statistic,
          actual,
          target: target.value,
          comparator: target.comparator,
          gap: judged.gap,
          status: judged.status,
          n: row?.n ?? 0,
          baseline: row?.baseline ?? baselines.get(area) ?? null,
          is_synthetic: row?.is_synthetic ?? false,
        });
      }
    }
  }
  return out;
}
