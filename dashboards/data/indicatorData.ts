import type {PlanJson} from "../../pipeline/catalog/index.ts";
import type {ExportRow} from "../../pipeline/export/exportsContract.ts";
import {judgingRule} from "../../pipeline/export/judgingRule.ts";
import {toColumnar, type Columnar} from "../components/columnar.ts";
import type {ComparatorCode} from "../components/statusLabels.ts";
import type {IndicatorCard, MetricInfo} from "./overviewData.ts";
import {referenceLines, type ReferenceLine} from "./referenceLines.ts";
import {taskRows, unitNames, type TaskRow} from "./tasksData.ts";

/** The catalog's segment object as the exports write it: {"applicant_type": "individual"} → applicant_type=individual. */
function segmentKey(segment: Record<string, string | boolean> | null): string {
  if (segment === null || Object.keys(segment).length === 0) return "all";
  return Object.entries(segment)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(";");
}

/** Whether an exported segment (`utility=water;customer_class=industrial_public`) lies inside a target's segment. */
export function segmentMatches(exported: string, target: string): boolean {
  if (target === "all") return exported === "all";
  const parts = new Set(exported.split(";"));
  return target.split(";").every((p) => parts.has(p));
}

export interface IndicatorMetric extends MetricInfo {
  description_en: string;
  derived_from: string | null;
  /** share_within_limit: judged as the share of a population (its words below name the denominator and rule). */
  kind: string | null;
  population_zh: string | null;
  population_en: string | null;
  rule_zh: string | null;
  rule_en: string | null;
  /** The one reading of a feed that could be counted two ways (clause 1), stated on the page. */
  definition_zh: string | null;
  definition_en: string | null;
  /** Segments with data, "all" first. */
  segments: string[];
}

export interface IndicatorTarget {
  clause: string;
  metric: string;
  /** The segment as the exports write it, matched against metric_periods (e.g. with the utility prefix). */
  segment: string;
  comparator: ComparatorCode;
  value: number;
  unit: string;
  deadline: string;
  text_zh: string;
  summary_en: string;
  baseline: {
    metric: string;
    period: string;
    statistic: string;
    reference_zh: string;
    description_zh: string;
    description_en: string;
    limits_in_force?: Array<{segment: Record<string, string | boolean>; value: number; source: string}>;
  } | null;
  /** A share target's per-case number as the plan words it (30 days, 160 kW). */
  case_limit: {value: number; unit: string} | null;
  /** How the target is judged, in words, with its population and source (pipeline/export/judgingRule.ts). */
  judging_rule_zh: string;
  judging_rule_en: string;
  reading_zh: string | null;
  reading_en: string | null;
}

/** One value of a metric for an area, period and segment (metric_periods.csv, only the columns the page shows). */
export interface SeriesPoint {
  metric: string;
  area: string;
  period_type: string;
  period: string;
  segment: string;
  n: number | null;
  median: number | null;
  mean: number | null;
  p90: number | null;
  share: number | null;
}

/** An attainment row (attainment.csv) as the page shows it. */
export type AttainmentPoint = Pick<
  ExportRow<"attainment.csv">,
  "actual" | "gap" | "status" | "n" | "baseline" | "statistic"
> & {clause: string; period_type: string; period: string};

/** A forecast (forecasts.csv) as the page shows it. */
export type ForecastPoint = Omit<ExportRow<"forecasts.csv">, "clause" | "as_of_month" | "deadline" | "method"> & {
  clause: string;
  as_of_month: string;
  deadline: string;
};

export interface AreaPoint {
  metric: string;
  area: string;
  year: number;
  value: number | null;
  rank: number | null;
  of: number | null;
  status: string | null;
}

/** The city's distance to frontier and peer standing per year (national.csv repeats them on every reference row). */
function dtfHistory(national: ExportRow<"national.csv">[], metric: string) {
  const byYear = new Map<
    number,
    {
      year: number;
      dtf_score: number | null;
      percentile: number | null;
      peer_rank: number | null;
      peer_count: number | null;
      city_value: number | null;
    }
  >();
  for (const n of national) {
    if (n.metric_id !== metric || n.year === null || byYear.has(n.year)) continue;
    byYear.set(n.year, {
      year: n.year,
      dtf_score: n.dtf_score,
      percentile: n.percentile,
      peer_rank: n.peer_rank,
      peer_count: n.peer_count,
      city_value: n.city_value,
    });
  }
  return [...byYear.values()]
    .filter((d) => d.dtf_score !== null || d.percentile !== null)
    .sort((a, b) => a.year - b.year);
}

/** One case that broke a share target's per-case rule, with where it came from. */
/**
 * The breaches an indicator page carries, latest first: enough to look up this month's and last month's shortfalls,
 * few enough that the page stays small (the demo city has 14,000 seal cases); rule_breaches.csv has them all.
 */
export const BREACHES_SHOWN = 200;

interface BreachRow {
  clause: string;
  case_key: string;
  area: string;
  unit_name: string | null;
  observed_on: string;
  measure: string;
  value: number | null;
  limit: number | null;
  limit_unit: string;
  finding: string;
  feed: string;
  file_name: string | null;
  line: number | null;
}

export interface IndicatorData {
  as_of: string;
  synthetic: boolean;
  card: IndicatorCard;
  action: {id: string; number: number; name_zh: string; name_en: string};
  metrics: IndicatorMetric[];
  targets: IndicatorTarget[];
  /** The city by month and year (every segment), counties, districts and parks by year. */
  series: Columnar<SeriesPoint>;
  /** Attainment of the indicator's targets by the city (areas: see `areas`). */
  attainment: Columnar<AttainmentPoint>;
  forecasts: Columnar<ForecastPoint>;
  /** The forecast method of each clause, stated once (forecasts.csv repeats it on every row). */
  methods: Record<string, string>;
  distributions: Columnar<{metric: string; segment: string; year: number; lo: number; hi: number; n: number}>;
  areas: Columnar<AreaPoint>;
  national: ExportRow<"national.csv">[];
  /** Per metric: the national lines the trend draws, and the distance-to-frontier history. */
  references: Record<string, ReferenceLine[]>;
  dtf: Record<string, ReturnType<typeof dtfHistory>>;
  tiers: ExportRow<"tiers.csv">[];
  tasks: TaskRow[];
  /** The cases that broke a per-case rule of the indicator's share targets (rule_breaches.csv), latest first. */
  breaches: BreachRow[];
  /** How many cases broke the rules in all: the page shows the latest BREACHES_SHOWN, the download has every one. */
  breachesTotal: number;
  unitNames: Record<string, [string, string]>;
  areaNames: Array<{id: string; name_zh: string; name_en: string; kind: string}>;
}

export interface IndicatorExports {
  metricPeriods: ExportRow<"metric_periods.csv">[];
  attainment: ExportRow<"attainment.csv">[];
  forecasts: ExportRow<"forecasts.csv">[];
  distributions: ExportRow<"distributions.csv">[];
  areas: ExportRow<"areas.csv">[];
  national: ExportRow<"national.csv">[];
  tiers: ExportRow<"tiers.csv">[];
  tasks: ExportRow<"tasks.csv">[];
  breaches: ExportRow<"rule_breaches.csv">[];
}

/**
 * The counties', districts' and parks' monthly values of an indicator's metrics: loaded by the indicator page only
 * when the reader picks an area, so the page opens without them.
 */
export function indicatorAreaSeries(plan: PlanJson, id: string, metricPeriods: ExportRow<"metric_periods.csv">[]) {
  const metricIds = new Set(plan.metrics.filter((m) => m.indicator === id).map((m) => m.id));
  return toColumnar(
    metricPeriods
      .filter((r) => metricIds.has(r.metric_id ?? "") && r.area_id !== "xining" && r.period_type === "month")
      .map((r) => ({
        metric: r.metric_id!,
        area: r.area_id!,
        period_type: r.period_type!,
        period: r.period!,
        segment: r.segment ?? "all",
        n: r.n,
        median: r.median,
        mean: r.mean,
        p90: r.p90,
        share: r.share_within_target,
      })),
  );
}

/**
 * Everything one indicator page shows, from the exports, for one indicator: its card, metrics and targets, the
 * city's monthly and yearly values (all segments) and each area's yearly ones, attainment of its targets, the forecasts as they
 * stood each month, the duration distributions, area ranks, national references, tier verdicts and the plan's tasks.
 * Quarterly rows are left out (the page draws months and years). Its size grows with months, areas and segments,
 * never with case rows. Pure.
 */
export function indicatorData(
  plan: PlanJson,
  card: IndicatorCard,
  meta: {as_of: string; synthetic: boolean},
  x: IndicatorExports,
): IndicatorData {
  const id = card.indicator_id;
  const metricIds = new Set(plan.metrics.filter((m) => m.indicator === id).map((m) => m.id));
  const targets = plan.targets.filter((t) => t.indicator === id);
  const series = x.metricPeriods
    .filter((r) => metricIds.has(r.metric_id ?? "") && (r.period_type === "month" || r.period_type === "year"))
    .map((r) => ({
      metric: r.metric_id!,
      area: r.area_id!,
      period_type: r.period_type!,
      period: r.period!,
      segment: r.segment ?? "all",
      n: r.n,
      median: r.median,
      mean: r.mean,
      p90: r.p90,
      share: r.share_within_target,
    }));
  const segmentsOf = (metric: string) => {
    const found = [...new Set(series.filter((s) => s.metric === metric).map((s) => s.segment))];
    return found.sort((a, b) => (a === "all" ? -1 : b === "all" ? 1 : a.localeCompare(b)));
  };
  const exportedSegment = (metric: string, segment: string) =>
    segmentsOf(metric).find((s) => segmentMatches(s, segment)) ?? segment;
  const clauses = new Set(targets.map((t) => t.clause));
  const breaches = x.breaches
      .filter((b) => clauses.has(b.target_clause ?? ""))
      .map(
        (b): BreachRow => ({
          clause: b.target_clause!,
          case_key: b.case_key!,
          area: b.area_id!,
          unit_name: b.unit_name,
          observed_on: b.observed_on!,
          measure: b.measure!,
          value: b.measured_value,
          limit: b.case_limit,
          limit_unit: b.limit_unit!,
          finding: b.finding!,
          feed: b.feed!,
          file_name: b.file_name,
          line: b.source_line,
        }),
      )
      .sort(
        (a, b) =>
          b.observed_on.localeCompare(a.observed_on) ||
          a.clause.localeCompare(b.clause) ||
          a.case_key.localeCompare(b.case_key),
      );
  const forecasts = x.forecasts
    .filter((f) => clauses.has(f.clause ?? ""))
    .sort((a, b) => a.clause!.localeCompare(b.clause!) || (a.as_of_month ?? "").localeCompare(b.as_of_month ?? ""));
  const tasks = taskRows(plan, x.tasks).filter((t) => t.indicator === id);
  const action = plan.actions.find((a) => a.id === card.action_id)!;
  return {
    ...meta,
    card,
    action: {id: action.id, number: action.number, name_zh: action.name_zh, name_en: action.name_en},
    metrics: plan.metrics
      .filter((m) => metricIds.has(m.id))
      .map((m) => ({
        id: m.id,
        name_zh: m.name_zh,
        name_en: m.name_en,
        unit: m.unit,
        polarity: m.polarity,
        description_en: m.description_en,
        derived_from: m.derived_from,
        kind: m.kind ?? null,
        population_zh: m.population_zh ?? null,
        population_en: m.population_en ?? null,
        rule_zh: m.rule_zh ?? null,
        rule_en: m.rule_en ?? null,
        definition_zh: m.definition_zh ?? null,
        definition_en: m.definition_en ?? null,
        segments: segmentsOf(m.id),
      })),
    targets: targets.map((t) => {
      const rule = {
        target: {...t, segment: segmentKey(t.segment)},
        metric: plan.metrics.find((m) => m.id === t.metric)!,
        statistic: x.attainment.find((a) => a.clause === t.clause)?.statistic ?? "median",
      };
      return {
        clause: t.clause,
        metric: t.metric,
        segment: exportedSegment(t.metric, segmentKey(t.segment)),
        comparator: t.comparator,
        value: t.value,
        unit: t.unit,
        deadline: t.deadline,
        text_zh: t.text_zh,
        summary_en: t.summary_en,
        baseline: t.baseline
          ? {
              metric: t.baseline.metric,
              period: t.baseline.period,
              statistic: t.baseline.statistic,
              reference_zh: t.baseline.reference_zh,
              description_zh: t.baseline.description_zh,
              description_en: t.baseline.description_en,
              ...(t.baseline.limits_in_force ? {limits_in_force: t.baseline.limits_in_force} : {}),
            }
          : null,
        case_limit: t.case_limit,
        reading_zh: t.reading_zh,
        reading_en: t.reading_en,
        judging_rule_zh: judgingRule(rule, "zh"),
        judging_rule_en: judgingRule(rule, "en"),
      };
    }),
    series: toColumnar(series.filter((s) => s.area === "xining" || s.period_type === "year")),
    attainment: toColumnar(
      x.attainment
        .filter(
          (a) =>
            clauses.has(a.clause ?? "") &&
            a.area_id === "xining" &&
            (a.period_type === "month" || a.period_type === "year"),
        )
        .map((a) => ({
          clause: a.clause!,
          period_type: a.period_type!,
          period: a.period!,
          actual: a.actual,
          gap: a.gap,
          status: a.status,
          n: a.n,
          baseline: a.baseline,
          statistic: a.statistic,
        })),
    ),
    forecasts: toColumnar(
      forecasts.map((f) => ({
        clause: f.clause!,
        as_of_month: f.as_of_month ?? "",
        deadline: f.deadline ?? "",
        projected: f.projected,
        lower: f.lower,
        upper: f.upper,
        verdict: f.verdict,
        required_monthly_change: f.required_monthly_change,
        points: f.points,
        actual_at_deadline: f.actual_at_deadline,
      })),
    ),
    methods: Object.fromEntries(forecasts.map((f) => [f.clause!, f.method ?? ""])),
    breaches: breaches.slice(0, BREACHES_SHOWN),
    breachesTotal: breaches.length,
    distributions: toColumnar(
      x.distributions
        .filter((d) => metricIds.has(d.metric_id ?? ""))
        .map((d) => ({
          metric: d.metric_id!,
          segment: d.segment ?? "all",
          year: d.year!,
          lo: d.bin_lower!,
          hi: d.bin_upper!,
          n: d.n ?? 0,
        })),
    ),
    areas: toColumnar(
      x.areas
        .filter((a) => metricIds.has(a.metric_id ?? ""))
        .map((a) => ({
          metric: a.metric_id!,
          area: a.area_id!,
          year: a.year!,
          value: a.value,
          rank: a.rank,
          of: a.areas_ranked,
          status: a.status,
        })),
    ),
    national: x.national.filter((n) => metricIds.has(n.metric_id ?? "")),
    references: Object.fromEntries([...metricIds].map((m) => [m, referenceLines(x.national, m)])),
    dtf: Object.fromEntries([...metricIds].map((m) => [m, dtfHistory(x.national, m)])),
    tiers: x.tiers.filter((t) => t.indicator_id === id).sort((a, b) => (a.year ?? 0) - (b.year ?? 0)),
    tasks,
    unitNames: unitNames(
      plan,
      tasks.flatMap((t) => t.units.map((u) => u.id)),
    ),
    areaNames: plan.areas.map((a) => ({id: a.id, name_zh: a.name_zh, name_en: a.name_en, kind: a.kind})),
  };
}
