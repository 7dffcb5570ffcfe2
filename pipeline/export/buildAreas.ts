import type {Metric} from "../catalog/index.ts";
import {statisticValue} from "../scoring/attainment.ts";
import {CITY, type AttainmentRow, type MetricPeriodRow} from "./buildAttainment.ts";
import {judgedStatistic, minCases, type Benchmarks} from "../scoring/readBenchmarks.ts";

/** One row of areas.csv. */
export interface AreaRow {
  metric_id: string;
  area_id: string;
  year: number;
  value: number | null;
  rank: number | null;
  areas_ranked: number | null;
  status: string | null;
}

/**
 * areas.csv: each metric's judged value per county, district or park and year (segment `all`), ranked among the
 * areas with a value (1 = best by the metric's polarity, ties share the better rank), with the status of the
 * metric's unsegmented target in that area and year where the plan sets one. Areas with fewer observations than
 * judging.yaml `min_cases` have no value and no rank.
 */
export function buildAreas(
  rows: readonly MetricPeriodRow[],
  attainment: readonly AttainmentRow[],
  ctx: {metrics: readonly Metric[]; benchmarks: Benchmarks},
): AreaRow[] {
  const status = new Map(
    attainment
      .filter((a) => a.period_type === "year" && a.segment === "all")
      .map((a) => [`${a.metric_id}|${a.area_id}|${a.period}`, a.status]),
  );
  const out: AreaRow[] = [];
  for (const metric of ctx.metrics) {
    const statistic = judgedStatistic(ctx.benchmarks.judging, metric);
    const min = minCases(ctx.benchmarks.judging, metric.id);
    const own = rows.filter(
      (r) => r.metric_id === metric.id && r.segment === "all" && r.period_type === "year" && r.area_id !== CITY,
    );
    for (const year of [...new Set(own.map((r) => Number(r.period)))].sort((a, b) => a - b)) {
      const valued = own
        .filter((r) => Number(r.period) === year)
        .map((r) => ({area_id: r.area_id, value: r.n >= min ? statisticValue(r, statistic) : null}));
      const ranked = valued
        .filter((v): v is {area_id: string; value: number} => v.value !== null)
        .sort((a, b) => (metric.polarity === "lower_is_better" ? a.value - b.value : b.value - a.value));
      const ranks = new Map<string, number>();
      ranked.forEach((v, i) => {
        const prev = ranked[i - 1];
        ranks.set(v.area_id, prev && prev.value === v.value ? ranks.get(prev.area_id)! : i + 1);
      });
      for (const v of valued.sort((a, b) => a.area_id.localeCompare(b.area_id))) {
        out.push({
          metric_id: metric.id,
          area_id: v.area_id,
          year,
          value: v.value,
          rank: ranks.get(v.area_id) ?? null,
          areas_ranked: ranked.length,
          status: status.get(`${metric.id}|${v.area_id}|${year}`) ?? null,
        });
      }
    }
  }
  return out;
}
