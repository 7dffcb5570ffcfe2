import type {ComparatorCode} from "../../dashboards/components/statusLabels.ts";
// The assessment as plain data: what `buildAssessment` computes from the exported figures, what the workbook, the
// HTML report and the PDF render, and what `--final` freezes in the warehouse (as JSON) for `assess diff`.
// Every number in it is copied from an export file or counted from one; nothing is recomputed from raw feeds.

import type {UnitScoreRule} from "../scoring/readBenchmarks.ts";
import type {ExportRow} from "../export/exportsContract.ts";

export type Lang = "zh" | "en";

/** The period assessed: a calendar year (考评) or a quarter (督查). Dates are ISO, both ends included. */
export interface AssessPeriod {
  kind: "year" | "quarter";
  /** `2022` or `2023Q2`: the edition's scope and the output folder name. */
  id: string;
  year: number;
  /** 1–4 for a quarter, null for a year. */
  quarter: number | null;
  start: string;
  end: string;
  /** How the exports spell the period (`period` column): `2022` or `2023-Q2`. */
  exportPeriod: string;
  /** The months of the period, `2022-01` … `2022-12`. */
  months: string[];
}

/** A source file behind a figure: one row of the load log. */
export interface EvidenceFile {
  load_id: number;
  feed: string;
  file_name: string;
  sha256: string;
  /** First and last data date of the file (warehouse load log), null when only the exports were available. */
  data_from: string | null;
  data_to: string | null;
}

/**
 * A target's verdict in the assessment:
 * met / missed: due by the period's end and judged on the value reached at its deadline;
 * no_data: due, but the deadline's period has too few cases (or none) to judge;
 * pending: due within the period but after the data's as-of date (the forecast stands in);
 * ahead: due after the period (the forecast is shown).
 */
type TargetVerdict = "met" | "missed" | "no_data" | "pending" | "ahead";

/** One attainment row (attainment.csv) as the assessment quotes it; `status` is the export's own (met · at_risk · …). */
export type AttainmentFigure = Pick<ExportRow<"attainment.csv">, "actual" | "n" | "gap" | "status"> & {
  period_type: string;
  period: string;
  period_start: string;
};

/** A forecast (forecasts.csv) as the assessment quotes it. */
export type ForecastFigure = Pick<
  ExportRow<"forecasts.csv">,
  "projected" | "lower" | "upper" | "verdict" | "required_monthly_change" | "method"
> & {as_of_month: string};

export interface TargetAssessment {
  clause: string;
  task_number: number;
  indicator_id: string;
  metric_id: string;
  /** `all` or `key=value[;key=value]`, as in the exports. */
  segment: string;
  comparator: ComparatorCode;
  target: number;
  unit: string;
  deadline: string;
  is_due: boolean;
  verdict: TargetVerdict;
  /** The figure the verdict rests on: the deadline's month, else its quarter, else its year (annual measures). */
  judged: AttainmentFigure | null;
  /** True when the deadline month had no usable value and its quarter (or year) was used instead. */
  judged_on_fallback: boolean;
  /** forecasts.csv's `actual_at_deadline` (what the dashboards show as reached at the deadline), for a cross-check. */
  actual_at_deadline: number | null;
  /** The target's value over the assessed period (year or quarter), for context and the change since last time. */
  period_value: AttainmentFigure | null;
  /** The same over the previous period. */
  previous_value: AttainmentFigure | null;
  /** Forecast to the deadline as it stood at the end of the period (targets not yet judged). */
  forecast: ForecastFigure | null;
  /** Baseline value of a relative target (attainment.csv `baseline`, in the baseline metric's unit). */
  baseline: number | null;
  feeds: string[];
  evidence: EvidenceFile[];
  is_synthetic: boolean;
}

/**
 * A case that broke the per-case rule of a target judged as a share (rule_breaches.csv), in the period: the cases
 * behind the share's shortfall, each traceable to the feed, file and line it came from.
 */
export interface RuleBreach {
  clause: string;
  metric_id: string;
  area_id: string;
  unit_name: string | null;
  observed_on: string;
  measure: string;
  measured_value: number | null;
  case_limit: number | null;
  limit_unit: string;
  finding: string;
  feed: string;
  file_name: string | null;
  source_line: number | null;
  case_key: string;
  is_synthetic: boolean;
}

interface NationalReference {
  reference: string;
  value: number | null;
  source: string | null;
}

/** goal_status: reached / not_reached (goal deadline within the period), on_course / off_course (later), no_data. */
export type GoalStatus = "reached" | "not_reached" | "on_course" | "off_course" | "no_data";

export interface IndicatorAssessment {
  indicator_id: string;
  number: number;
  action_id: string;
  goal: string;
  goal_deadline: string;
  goal_due: boolean;
  /** Tier verdict for the period's year (tiers.csv); null when the export has no row. */
  verdict: string | null;
  /** `official` (官方评价, the evaluation's published result) or `simulated` (模拟评价, bizenv's rule); null without a row. */
  verdict_source: "official" | "simulated" | null;
  /** bizenv's own verdict, beside an official one. */
  simulated_verdict: string | null;
  /** A simulated verdict made on peers' earlier-year values (暂定): listed apart until the same year's are loaded. */
  is_provisional: boolean;
  /** The document an official result was published in. */
  official_source: string | null;
  goal_status: GoalStatus;
  rule_id: string | null;
  rule_text: string | null;
  evidence: string | null;
  headline_metric: string | null;
  city_value: number | null;
  dtf_score: number | null;
  /**
   * The indicator score (前沿距离, the mean of its components' scores; indicators.json) of the period's year, else of
   * its latest earlier year with one (a yearly feed not yet in), with that year; null when none.
   */
  indicator_score: number | null;
  indicator_score_year: string | null;
  /** The trend: indicator_score minus the score of the year before indicator_score_year; null without both. */
  score_change: number | null;
  peer_rank: number | null;
  peer_count: number | null;
  percentile: number | null;
  references: NationalReference[];
}

/**
 * A task's status for one responsible unit at the period's end (or the data's as-of date when earlier):
 * done_on_time · done_late · overdue (due, not done) · open (not yet due) · ongoing (持续推进, no deadline).
 */
export type TaskStatus = "done_on_time" | "done_late" | "overdue" | "open" | "ongoing";

export interface TaskAssessment {
  task_number: number;
  indicator_id: string;
  unit_id: string;
  deadline: string | null;
  /** Judged: done (even ahead of its deadline), or due by the evaluation date. Open and ongoing tasks are not. */
  is_judged: boolean;
  status: TaskStatus;
  /** The export's status (tasks.csv), as of the data's as-of date. */
  export_status: string | null;
  reported_on: string | null;
  percent_done: number | null;
  /** Calendar days past the deadline: until done (done late) or until the evaluation date (overdue). */
  days_late: number | null;
}

/** One unit's record and its place in the 十佳 / 十差 (assessUnits.ts, the formula in unit-score.yaml). */
export interface UnitAssessment {
  unit_id: string;
  /** Task × unit rows judged (done, or due and not done): the on-time rate's denominator. */
  tasks_judged: number;
  done_on_time: number;
  done_late: number;
  overdue: number;
  open: number;
  ongoing: number;
  /** Overdue tasks still open past their 710 supervision limit on the evaluation date (each costs points). */
  supervision_breaches: number;
  /** The components, 0–100, one decimal; null when the unit has nothing to judge on it. */
  on_time_rate: number | null;
  satisfaction_index: number | null;
  satisfaction_n: number;
  hotline_on_time_rate: number | null;
  /** 12345 callers' satisfaction rate: shown, not scored (unit-score.yaml says why). */
  hotline_satisfaction_rate: number | null;
  /** Weighted mean of the components the unit has, minus the breach penalty (unit-score.yaml), one decimal. */
  score: number | null;
  /** 1 = best; ties share the better rank. */
  rank: number | null;
  list: "top10" | "bottom10" | null;
}

type CaveatSeverity = "critical" | "warning" | "info";

export interface Caveat {
  severity: CaveatSeverity;
  code: string;
  subject: string;
  zh: string;
  en: string;
}

export interface FeedHealthFigure {
  feed: string;
  rows: number | null;
  rejected: number | null;
  /** rejected ÷ (rows + rejected) × 100. */
  reject_rate_pct: number | null;
  files: number | null;
  refused_files: number | null;
  data_as_of: string | null;
  freshness: string | null;
  synthetic_rows: number | null;
}

export interface AssessmentSummary {
  targets: number;
  targets_due: number;
  targets_met: number;
  targets_missed: number;
  targets_no_data: number;
  targets_pending: number;
  targets_ahead: number;
  indicators: number;
  goals_due: number;
  goals_reached: number;
  goals_not_reached: number;
  /** Of the goals due and judged, those judged on a provisional (暂定) verdict: listed apart in the report. */
  goals_provisional: number;
  goals_on_course: number;
  goals_off_course: number;
  /** Verdicts from the official evaluation (官方评价), and simulated ones made on earlier-year peer values (暂定). */
  verdicts_official: number;
  verdicts_provisional: number;
  task_rows: number;
  tasks_judged: number;
  tasks_done_on_time: number;
  tasks_done_late: number;
  tasks_overdue: number;
  tasks_open: number;
  tasks_ongoing: number;
  /** done on time ÷ judged × 100, one decimal; null when nothing is judged. */
  task_on_time_rate: number | null;
  units_ranked: number;
  /** Cases of the period that broke a share target's per-case rule (listed in rule_breaches). */
  rule_breaches: number;
}

/** What changed between two assessments (the previous quarter, or two frozen editions). */
export interface AssessmentChanges {
  from: string;
  to: string;
  /** Judged value (at the deadline) and the value over the assessed period, on each side. */
  targets: Array<{
    clause: string;
    from_verdict: TargetVerdict | null;
    to_verdict: TargetVerdict | null;
    from_value: number | null;
    to_value: number | null;
    from_period_value: number | null;
    to_period_value: number | null;
    from_period: string | null;
    to_period: string | null;
  }>;
  indicators: Array<{indicator_id: string; from_verdict: string | null; to_verdict: string | null}>;
  tasks: Array<{task_number: number; unit_id: string; from_status: TaskStatus | null; to_status: TaskStatus | null}>;
  units: Array<{
    unit_id: string;
    from_rank: number | null;
    to_rank: number | null;
    from_score: number | null;
    to_score: number | null;
    from_list: string | null;
    to_list: string | null;
  }>;
}

export interface Assessment {
  period: AssessPeriod;
  /** The day the evaluation stands at: the period's end, or the data's as-of date when that is earlier. */
  evaluated_at: string;
  /** The exports' as-of date and when `bizenv score` wrote them. */
  as_of: string;
  exports_generated_at: string;
  synthetic: boolean;
  catalog_version: string;
  catalog_sha256: string;
  calendar: string;
  summary: AssessmentSummary;
  targets: TargetAssessment[];
  indicators: IndicatorAssessment[];
  /** The cases of the period that broke a share target's per-case rule, by clause, date and case (违反规则的个案). */
  rule_breaches: RuleBreach[];
  tasks: TaskAssessment[];
  units: UnitAssessment[];
  feeds: FeedHealthFigure[];
  caveats: Caveat[];
  /** The unit score's weights, penalty and list size as applied (sources/benchmarks/unit-score.yaml). */
  scorecard: UnitScoreRule;
  /**
   * The tier rules the verdicts came from (distinct rule_id → rule_text of tiers.csv) and every rule of the ladder,
   * each with the reason or source of its thresholds (tier-rules.yaml), and the fixed DTF bounds with their sources.
   */
  tier_rules: Array<{rule_id: string; rule_text: string; sources?: string}>;
  /** Quarterly reports: what changed since the previous quarter. */
  changes: AssessmentChanges | null;
}
