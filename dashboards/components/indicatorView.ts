import type {
  AreaPoint,
  AttainmentPoint,
  ForecastPoint,
  IndicatorData,
  IndicatorTarget,
  SeriesPoint,
} from "../data/indicatorData.ts";
import {fromColumnar} from "./columnar.js";
import type {TrendPoint} from "./trendChart.js";

export type {IndicatorData, IndicatorTarget};

/** An indicator page's data with its tables decoded (data/indicators/<id>.json stores them column-wise). */
export interface IndicatorView {
  data: IndicatorData;
  series: SeriesPoint[];
  attainment: AttainmentPoint[];
  forecasts: ForecastPoint[];
  distributions: Array<{metric: string; segment: string; year: number; lo: number; hi: number; n: number}>;
  areas: AreaPoint[];
}

export function indicatorView(data: IndicatorData): IndicatorView {
  return {
    data,
    series: fromColumnar(data.series),
    attainment: fromColumnar(data.attainment),
    forecasts: fromColumnar(data.forecasts),
    distributions: fromColumnar(data.distributions),
    areas: fromColumnar(data.areas),
  };
}

/** The plan's target for a metric and exported segment, if the plan sets one. */
export function targetFor(v: IndicatorView, metric: string, segment: string): IndicatorTarget | null {
  return v.data.targets.find((t) => t.metric === metric && t.segment === segment) ?? null;
}

/**
 * The trend of a metric for a segment and area: by month, or by year for a metric measured yearly (a yearly feed:
 * 保护中小投资者, 办理破产, 包容普惠创新 have no months). An area's months come from `areaSeries`, the page's
 * separately loaded <id>.areas.json. For the city, each point carries the attainment status of the segment's target
 * in that period (targets are judged city-wide).
 */
export function trendPoints(
  v: IndicatorView,
  metric: string,
  segment: string,
  area: string,
  areaSeries: SeriesPoint[] = [],
): TrendPoint[] {
  const target = targetFor(v, metric, segment);
  const of = (periodType: string) => {
    const status = new Map(
      v.attainment
        .filter((a) => target && area === "xining" && a.clause === target.clause && a.period_type === periodType)
        .map((a) => [a.period, a.status]),
    );
    return (area === "xining" ? v.series : areaSeries)
      .filter((s) => s.metric === metric && s.segment === segment && s.area === area && s.period_type === periodType)
      .sort((a, b) => a.period.localeCompare(b.period))
      .map((s) => ({period: s.period, value: s.median, status: status.get(s.period) ?? null}));
  };
  const months = of("month");
  return months.length ? months : of("year");
}

/**
 * The segment a metric opens on: for the headline metric, the segment of the target its card shows (the page then
 * draws that target's line), else the first segment with data ("all" when there is one).
 */
export function defaultSegment(v: IndicatorView, metric: string): string {
  const segments = v.data.metrics.find((m) => m.id === metric)?.segments ?? [];
  const headline = v.data.targets.find((t) => t.clause === v.data.card.target_clause && t.metric === metric);
  return headline && segments.includes(headline.segment) ? headline.segment : (segments[0] ?? "all");
}

/** Forecasts of a target clause, as they stood at the end of each month of data, oldest first. */
export function forecastsFor(v: IndicatorView, clause: string | undefined): ForecastPoint[] {
  return v.forecasts.filter((f) => f.clause === clause).sort((a, b) => a.as_of_month.localeCompare(b.as_of_month));
}

/** The national reference lines of a metric (best and advanced), as the loader chose them. */
export function referencesFor(
  v: IndicatorView,
  metric: string,
): Array<{reference: string; value: number; source: string}> {
  return (v.data.references[metric] ?? []).map((r) => ({reference: r.reference, value: r.value, source: r.source}));
}

/** Areas with values of a metric (counties, districts and parks by year). */
export function areasOf(v: IndicatorView, metric: string): string[] {
  return [...new Set(v.series.filter((s) => s.metric === metric && s.area !== "xining").map((s) => s.area))];
}

/** Years with values for a metric (series, distributions or areas), newest last. */
export function yearsOf(v: IndicatorView, metric: string): number[] {
  const years = new Set<number>();
  for (const s of v.series) if (s.metric === metric && s.period_type === "year") years.add(Number(s.period));
  for (const a of v.areas) if (a.metric === metric) years.add(a.year);
  return [...years].sort();
}

/** Each segment's value of a metric in a year, with the status against its own target when it has one. */
export function segmentValues(v: IndicatorView, metric: string, year: number) {
  const rows = v.series.filter(
    (s) => s.metric === metric && s.area === "xining" && s.period_type === "year" && s.period === String(year),
  );
  return rows
    .filter((r) => r.segment !== "all")
    .map((r) => {
      const target = targetFor(v, metric, r.segment);
      const status = target
        ? (v.attainment.find((a) => a.clause === target.clause && a.period_type === "year" && a.period === String(year))
            ?.status ?? null)
        : null;
      return {segment: r.segment, value: r.median, n: r.n, target: target?.value ?? null, status};
    });
}
