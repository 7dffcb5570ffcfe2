import type {ComparatorCode} from "../../dashboards/components/statusLabels.ts";
import type {AttainmentStatus} from "../scoring/attainment.ts";
import type {ForecastVerdict} from "../scoring/forecast.ts";
import type {Freshness} from "../ingest/feedStatus.ts";

/**
 * The files `bizenv score` exports (docs/exports.md), as the dashboards read them: each CSV's columns in order, and
 * which of them hold numbers or booleans (the rest are text; an empty cell is null). Readers check a file's header
 * against this list and fail naming the missing column, so a change to the exporter breaks the build loudly instead
 * of drawing an empty chart. Pure data, browser-safe.
 */
export const EXPORT_CSV = {
  "metric_periods.csv": {
    columns: [
      "metric_id",
      "area_id",
      "period_type",
      "period",
      "period_start",
      "segment",
      "n",
      "median",
      "mean",
      "p90",
      "share_within_target",
      "target_clause",
      "is_synthetic",
    ],
    numbers: ["n", "median", "mean", "p90", "share_within_target"],
  },
  "attainment.csv": {
    columns: [
      "clause",
      "indicator_id",
      "metric_id",
      "area_id",
      "period_type",
      "period",
      "period_start",
      "segment",
      "statistic",
      "actual",
      "target",
      "comparator",
      "gap",
      "status",
      "n",
      "baseline",
      "is_synthetic",
    ],
    numbers: ["actual", "target", "gap", "n", "baseline"],
  },
  "forecasts.csv": {
    columns: [
      "clause",
      "as_of_month",
      "deadline",
      "projected",
      "lower",
      "upper",
      "verdict",
      "required_monthly_change",
      "points",
      "method",
      "actual_at_deadline",
    ],
    numbers: ["projected", "lower", "upper", "required_monthly_change", "points", "actual_at_deadline"],
  },
  "distributions.csv": {
    columns: ["metric_id", "segment", "year", "bin_lower", "bin_upper", "n"],
    numbers: ["year", "bin_lower", "bin_upper", "n"],
  },
  "areas.csv": {
    columns: ["metric_id", "area_id", "year", "value", "rank", "areas_ranked", "status"],
    numbers: ["year", "value", "rank", "areas_ranked"],
  },
  "national.csv": {
    columns: [
      "metric_id",
      "year",
      "city_value",
      "reference",
      "reference_value",
      "source",
      "dtf_score",
      "peer_rank",
      "peer_count",
      "percentile",
    ],
    numbers: ["year", "city_value", "reference_value", "dtf_score", "peer_rank", "peer_count", "percentile"],
  },
  "tiers.csv": {
    columns: [
      "indicator_id",
      "year",
      "verdict",
      "verdict_source",
      "simulated_verdict",
      "is_provisional",
      "official_is_benchmark",
      "official_rank",
      "official_percentile",
      "official_source",
      "rule_id",
      "rule_text",
      "evidence",
      "goal",
      "goal_deadline",
      "on_course",
    ],
    numbers: ["year", "official_rank", "official_percentile"],
  },
  "satisfaction.csv": {
    columns: ["month", "respondent_type", "unit_id", "survey", "n", "index"],
    numbers: ["n", "index"],
  },
  "hotline.csv": {
    columns: ["unit_id", "month", "tickets", "tickets_due", "on_time_rate", "callers_rated", "satisfaction_rate"],
    numbers: ["tickets", "tickets_due", "on_time_rate", "callers_rated", "satisfaction_rate"],
  },
  "tasks.csv": {
    columns: [
      "task_number",
      "indicator_id",
      "unit_id",
      "deadline",
      "status",
      "reported_on",
      "percent_done",
      "days_overdue",
    ],
    numbers: ["task_number", "percent_done", "days_overdue"],
  },
  "units.csv": {
    columns: [
      "unit_id",
      "tasks",
      "done_on_time",
      "done_late",
      "overdue",
      "on_time_rate",
      "satisfaction_index",
      "hotline_on_time_rate",
      "score",
      "rank",
      "list",
    ],
    numbers: [
      "tasks",
      "done_on_time",
      "done_late",
      "overdue",
      "on_time_rate",
      "satisfaction_index",
      "hotline_on_time_rate",
      "score",
      "rank",
    ],
  },
  "feed_health.csv": {
    columns: [
      "feed",
      "rows",
      "rejected",
      "files",
      "refused_files",
      "last_loaded_at",
      "data_as_of",
      "freshness",
      "synthetic_rows",
    ],
    numbers: ["rows", "rejected", "files", "refused_files", "synthetic_rows"],
  },
  "load_log.csv": {
    columns: [
      "load_id",
      "feed",
      "file_name",
      "sha256",
      "status",
      "rows_read",
      "rows_loaded",
      "rows_rejected",
      "encoding",
      "decimal_mark",
      "message",
      "finished_at",
    ],
    numbers: ["load_id", "rows_read", "rows_loaded", "rows_rejected"],
    // Added 2026-12-07 (pipeline/ingest/decimalMark.ts): exports written before lack it, and read it as empty.
    since: ["decimal_mark"],
  },
  "rejects.csv": {
    columns: [
      "feed",
      "rule",
      "column_name",
      "rows",
      "example_file",
      "example_line",
      "example_value",
      "example_message",
    ],
    numbers: ["rows", "example_line"],
  },
  // One row per case that broke a share target's per-case rule (mart_rule_breaches): the cases behind each "not met".
  "rule_breaches.csv": {
    columns: [
      "target_clause",
      "metric_id",
      "area_id",
      "unit_name",
      "period",
      "observed_on",
      "measure",
      "measured_value",
      "case_limit",
      "limit_unit",
      "finding",
      "feed",
      "file_name",
      "source_line",
      "case_key",
      "is_synthetic",
    ],
    numbers: ["measured_value", "case_limit", "source_line"],
  },
} as const satisfies Record<
  string,
  {columns: readonly string[]; numbers: readonly string[]; since?: readonly string[]}
>;

export type ExportCsvName = keyof typeof EXPORT_CSV;

/** Columns of every CSV that are booleans (`true`/`false`), wherever they occur. */
export const BOOLEAN_COLUMNS: ReadonlySet<string> = new Set([
  "is_synthetic",
  "on_course",
  "is_provisional",
  "official_is_benchmark",
]);

type Columns<N extends ExportCsvName> = (typeof EXPORT_CSV)[N]["columns"][number];
type Numbers<N extends ExportCsvName> = (typeof EXPORT_CSV)[N]["numbers"][number];

/** A typed row of an exported CSV: numbers as numbers, booleans as booleans, empty cells as null. */
export type ExportRow<N extends ExportCsvName> = {
  [C in Columns<N>]: C extends Numbers<N>
    ? number | null
    : C extends "is_synthetic" | "on_course" | "is_provisional" | "official_is_benchmark"
      ? boolean | null
      : string | null;
};

// The words of attainment.csv `status`, forecasts.csv `verdict` and feed_health.csv `freshness` (all also in
// indicators.json) are declared once, where they are decided: the attainment and forecast judgements of scoring/
// (AttainmentStatus, ForecastVerdict) and the freshness rule of ingest/. Type-only, so this file stays browser-safe.
export type {Freshness} from "../ingest/feedStatus.ts";

/** One row of indicators.json. */
export interface IndicatorExport {
  indicator_id: string;
  action_id: string;
  tier_goal: string;
  tier_goal_deadline: string;
  tier_verdict: string | null;
  /** `official` (官方评价) or `simulated` (模拟评价, bizenv's tier-rules.yaml): where tier_verdict came from. */
  tier_verdict_source: "official" | "simulated" | null;
  /** The simulated verdict used peers' values of an earlier year (暂定). */
  tier_provisional: boolean | null;
  tier_rule: string | null;
  headline_metric: string | null;
  latest_value: number | null;
  latest_period: string | null;
  target_value: number | null;
  comparator: ComparatorCode | null;
  status: AttainmentStatus | null;
  forecast_verdict: ForecastVerdict | null;
  national_best: number | null;
  data_as_of: string | null;
  freshness: Freshness | null;
  /** The last 18 months of the headline metric. */
  trend: Array<{period: string; value: number | null}>;
  /** The indicator score (前沿距离) per year with data, oldest first; empty without components or values. */
  indicator_scores: IndicatorScoreExport[];
}

/** The indicator score of one year: the plain mean of its components' scores against fixed bounds. */
export interface IndicatorScoreExport {
  year: string;
  /** 0–100; null when no component has a value that year. */
  score: number | null;
  /** Components with a value / all the indicator's components. */
  scored: number;
  total: number;
  components: Array<{
    metric_id: string;
    name_zh: string;
    unit: string;
    /** The city's judged value of the year, in the metric's unit; null when none. */
    value: number | null;
    frontier: number;
    worst: number;
    db2020: string | null;
    source: string;
    score: number | null;
    /** Points the component adds to the indicator score (score ÷ components scored). */
    contribution: number | null;
  }>;
}

/** manifest.json, written last: its presence means the set is complete. */
export interface ExportManifest {
  generated_at: string;
  as_of: string;
  catalog_version: string;
  catalog_sha256: string;
  calendar: string;
  synthetic: boolean;
  files: Array<{name: string; rows: number; bytes: number; sha256: string}>;
  loads: Array<{load_id: number; feed: string; file_name: string; sha256: string}>;
}

/** The marts copied as Arrow IPC under explore/ for SQL in the browser. */
export const EXPLORE_TABLES = [
  "metric_periods",
  "attainment",
  "forecasts",
  "distributions",
  "areas",
  "national",
  "tiers",
  "satisfaction",
  "hotline",
  "tasks",
  "units",
  "feed_health",
  "load_log",
  "rejects",
  "rule_breaches",
] as const;
