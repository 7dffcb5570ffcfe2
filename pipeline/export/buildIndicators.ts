import type {IndicatorExport} from "./exportsContract.ts";
import type {Catalog} from "../catalog/index.ts";
import type {Freshness} from "../ingest/feedStatus.ts";
import {statisticValue} from "../scoring/attainment.ts";
import {CITY, type AttainmentRow, type MetricPeriodRow} from "./buildAttainment.ts";
import type {ForecastRow} from "./buildForecasts.ts";
import type {NationalRow, TierRow} from "./buildNational.ts";
import {monthIndex, monthLabel} from "../scoring/forecast.ts";
import {segmentLabel} from "../scoring/periods.ts";
import {judgedStatistic, minCases, type Benchmarks} from "../scoring/readBenchmarks.ts";
import {indicatorScore} from "../scoring/indicatorScore.ts";
import type {IndicatorScoreExport} from "./exportsContract.ts";

/**
 * The indicator score (前沿距离) per year: each component's judged city value of the year (segment `all`, enough
 * cases) scored against its fixed bounds, then the plain mean (scoring/indicatorScore.ts). Years in order.
 */
function indicatorScoresByYear(
  indicatorId: string,
  catalog: Pick<Catalog, "metrics">,
  benchmarks: Benchmarks,
  rows: readonly MetricPeriodRow[],
): IndicatorScoreExport[] {
  const components = catalog.metrics.filter((m) => m.indicator === indicatorId && m.component);
  const valueOf = new Map<string, number>();
  for (const m of components) {
    const statistic = judgedStatistic(benchmarks.judging, m);
    const min = minCases(benchmarks.judging, m.id);
    for (const r of rows) {
      if (r.metric_id !== m.id || r.area_id !== CITY || r.segment !== "all" || r.period_type !== "year") continue;
      const v = r.n >= min ? statisticValue(r, statistic) : null;
      if (v !== null) valueOf.set(`${m.id} ${r.period}`, v);
    }
  }
  const years = [...new Set([...valueOf.keys()].map((k) => k.split(" ")[1]!))].sort();
  return years.map((year) => {
    const result = indicatorScore(
      components.map((m) => ({
        metric_id: m.id,
        frontier: m.component!.frontier,
        worst: m.component!.worst,
        value: valueOf.get(`${m.id} ${year}`) ?? null,
      })),
    );
    return {
      year,
      score: result.score,
      scored: result.scored,
      total: result.total,
      components: result.components.map((c, i) => ({
        ...c,
        name_zh: components[i]!.component!.name_zh,
        unit: components[i]!.unit,
        db2020: components[i]!.component!.db2020 ?? null,
        source: components[i]!.component!.source,
      })),
    };
  });
}

/** One entry of indicators.json: the shape the dashboards read (pipeline/export/exportsContract.ts). */
export type IndicatorEntry = IndicatorExport;

/**
 * indicators.json: one entry per indicator of the plan. The headline is the indicator's first target in the
 * catalog (its metric and segment), else its first measured metric; indicators without a metric keep their tier goal
 * and verdict with empty figures. Figures are the city's, by month; `status` is the headline target's attainment in
 * the latest month with data, `forecast_verdict` its latest forecast, `tier_verdict` the latest year's verdict,
 * `national_best` the national best practice or else the best peer value, `trend` the last 18 months to the as-of
 * month (null where a month has no judged value), `indicator_scores` the indicator score (前沿距离) of every year
 * with a component value, each component's value, bounds, score and contribution.
 */
export function buildIndicators(input: {
  catalog: Pick<Catalog, "indicators" | "metrics" | "targets">;
  benchmarks: Benchmarks;
  asOf: string;
  rows: readonly MetricPeriodRow[];
  attainment: readonly AttainmentRow[];
  forecasts: readonly ForecastRow[];
  national: readonly NationalRow[];
  tiers: readonly TierRow[];
  /** metric id → the data-as-of date and freshness of the feed that measures it. */
  feedOf: ReadonlyMap<string, {data_as_of: string | null; freshness: Freshness}>;
}): IndicatorEntry[] {
  const {catalog, benchmarks} = input;
  return catalog.indicators.map((indicator) => {
    const target = catalog.targets.find((t) => t.indicator === indicator.id) ?? null;
    const metric =
      catalog.metrics.find((m) => m.id === target?.metric) ??
      catalog.metrics.find((m) => m.indicator === indicator.id && !m.derived_from) ??
      null;
    const tier = input.tiers.filter((t) => t.indicator_id === indicator.id).at(-1) ?? null;
    const base = {
      indicator_id: indicator.id,
      action_id: indicator.action,
      tier_goal: indicator.tier_goal.tier,
      tier_goal_deadline: indicator.tier_goal.deadline,
      tier_verdict: tier?.verdict ?? null,
      tier_verdict_source: tier?.verdict_source ?? null,
      tier_provisional: tier?.is_provisional ?? null,
      tier_rule: tier ? (tier.rule_id ? `${tier.rule_id}: ${tier.rule_text}` : tier.rule_text) : null,
    };
    const indicator_scores = indicatorScoresByYear(indicator.id, catalog, benchmarks, input.rows);
    if (!metric) {
      return {
        ...base,
        headline_metric: null,
        latest_value: null,
        latest_period: null,
        target_value: null,
        comparator: null,
        status: null,
        forecast_verdict: null,
        national_best: null,
        data_as_of: null,
        freshness: null,
        trend: [],
        indicator_scores,
      };
    }
    const segment = segmentLabel(target?.segment);
    const statistic = judgedStatistic(benchmarks.judging, metric);
    const min = minCases(benchmarks.judging, metric.id);
    const months = input.rows.filter(
      (r) =>
        r.metric_id === metric.id &&
        r.area_id === CITY &&
        r.segment === segment &&
        r.period_type === "month" &&
        r.n >= min,
    );
    const byMonth = new Map(months.map((r) => [r.period, statisticValue(r, statistic)]));
    const years = input.rows.filter(
      (r) =>
        r.metric_id === metric.id &&
        r.area_id === CITY &&
        r.segment === segment &&
        r.period_type === "year" &&
        r.n >= min,
    );
    const latestRow =
      [...months].sort((a, b) => a.period.localeCompare(b.period)).at(-1) ??
      [...years].sort((a, b) => a.period.localeCompare(b.period)).at(-1);
    const latestPeriod = latestRow?.period ?? null;
    const status =
      target && latestRow
        ? (input.attainment.find(
            (a) =>
              a.clause === target.clause &&
              a.area_id === CITY &&
              a.period_type === latestRow.period_type &&
              a.period === latestPeriod,
          )?.status ?? null)
        : null;
    const forecast = target ? (input.forecasts.filter((f) => f.clause === target.clause).at(-1) ?? null) : null;
    const references = input.national.filter((n) => n.metric_id === metric.id);
    const best =
      references.find((n) => n.reference === "national_best_practice" && n.reference_value !== null) ??
      [...references].reverse().find((n) => n.reference === "best_peer");
    const last = monthIndex(input.asOf);
    const trend = Array.from({length: 18}, (_, i) => monthLabel(last - 17 + i)).map((period) => ({
      period,
      value: byMonth.get(period) ?? null,
    }));
    const feed = input.feedOf.get(metric.derived_from ?? metric.id);
    return {
      ...base,
      headline_metric: metric.id,
      latest_value: latestRow ? statisticValue(latestRow, statistic) : null,
      latest_period: latestPeriod,
      target_value: target?.value ?? null,
      comparator: target?.comparator ?? null,
      status,
      forecast_verdict: forecast?.verdict ?? null,
      national_best: best?.reference_value ?? null,
      data_as_of: feed?.data_as_of ?? null,
      freshness: feed?.freshness ?? null,
      trend: months.length > 0 ? trend : [],
      indicator_scores,
    };
  });
}
