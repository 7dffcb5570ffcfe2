import type {Catalog, Target} from "../catalog/index.ts";
import type {ExportRow} from "../export/exportsContract.ts";
import {meets as meetsTarget, type Comparator} from "../scoring/attainment.ts";
import {exportQuarterOf} from "./assessPeriod.ts";
import type {AssessmentInputs, WarehouseLoad} from "./readAssessmentInputs.ts";
import type {AssessPeriod, AttainmentFigure, EvidenceFile, ForecastFigure, TargetAssessment} from "./types.ts";

/** The whole city's figures: the appraisal judges the city's targets, the areas are in areas.csv. */
const CITY_AREA = "xining";

type Attainment = ExportRow<"attainment.csv">;

function figure(row: Attainment | undefined): AttainmentFigure | null {
  if (!row) return null;
  return {
    period_type: row.period_type ?? "",
    period: row.period ?? "",
    period_start: row.period_start ?? "",
    actual: row.actual,
    n: row.n,
    gap: row.gap,
    status: row.status,
  };
}

/** Whether a figure can be judged: a value, and a status other than the export's `no_data` (too few cases). */
const usable = (f: AttainmentFigure | null): f is AttainmentFigure & {actual: number} =>
  f !== null && f.actual !== null && f.status !== "no_data";

/** `{applicant_type: individual}` → `applicant_type=individual`; null → `all` (the exports' spelling). */
function segmentKey(segment: Target["segment"]): string {
  if (!segment) return "all";
  return Object.entries(segment)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(";");
}

/**
 * Meets the target: at or below a ceiling, at or above a floor, strictly beyond a strict one (`<`, `>`: equal to
 * the target, or within floating-point noise of it, is missed). The scoring's rule (pipeline/scoring/attainment.ts).
 */
export function meets(actual: number, comparator: Comparator, target: number): boolean {
  return meetsTarget(actual, target, comparator);
}

/** The last day of the month a period of the exports covers up to (`2022-12` → 2022-12-31, `2022-Q4` too). */
function periodEnd(periodType: string, periodStart: string): string {
  const [y, m] = periodStart.split("-").map(Number) as [number, number];
  const months = periodType === "year" ? 12 : periodType === "quarter" ? 3 : 1;
  return new Date(Date.UTC(y, m - 1 + months, 0)).toISOString().slice(0, 10);
}

/**
 * The source files a figure rests on: the loaded files of the feeds that measure the metric (or the metric it is
 * derived from) whose data overlaps the figure's period, and the baseline period's for a relative target. With only
 * the exports (no warehouse) the data range of a file is unknown, so every loaded file of those feeds is listed.
 */
function evidenceFiles(
  feeds: string[],
  loads: AssessmentInputs["load_log.csv"],
  warehouseLoads: WarehouseLoad[] | null,
  ranges: Array<{from: string; to: string}>,
): EvidenceFile[] {
  const ranged = new Map((warehouseLoads ?? []).map((l) => [l.load_id, l]));
  const out: EvidenceFile[] = [];
  for (const load of loads) {
    if (load.status !== "loaded" || !load.feed || !feeds.includes(load.feed) || load.load_id === null) continue;
    const stored = ranged.get(load.load_id);
    const from = stored?.data_from ?? null;
    const to = stored?.data_to ?? null;
    if (warehouseLoads && from !== null && to !== null && !ranges.some((r) => from <= r.to && to >= r.from)) continue;
    out.push({
      load_id: load.load_id,
      feed: load.feed,
      file_name: load.file_name ?? "",
      sha256: load.sha256 ?? "",
      data_from: from,
      data_to: to,
    });
  }
  return out.sort((a, b) => a.feed.localeCompare(b.feed) || a.load_id - b.load_id);
}

/**
 * Every quantitative target of the plan, judged for the period.
 * A target due by the period's end is judged on the value reached at its deadline: the city's figure for the
 * deadline's month (the `actual_at_deadline` the dashboards' forecasts show), or for the deadline's quarter when
 * the month has too few cases (or the deadline's year, for annual measures). met when that value meets the target (≤ a ceiling, ≥ a floor), else missed; the
 * export's amber `at_risk` (within target but past the alert value) counts as met. A target due later shows the
 * forecast to its deadline as it stood at the end of the period.
 */
export function assessTargets(
  catalog: Catalog,
  inputs: Pick<AssessmentInputs, "attainment.csv" | "forecasts.csv" | "load_log.csv" | "warehouseLoads">,
  period: AssessPeriod,
  previous: AssessPeriod,
  asOf: string,
  feedsOfMetric: (metricId: string) => string[],
): TargetAssessment[] {
  const byKey = new Map<string, Attainment>();
  for (const row of inputs["attainment.csv"]) {
    if (row.area_id !== CITY_AREA) continue;
    byKey.set(`${row.clause}|${row.period_type}|${row.period}`, row);
  }
  const find = (clause: string, type: string, p: string) => byKey.get(`${clause}|${type}|${p}`);
  const forecastsByClause = new Map<string, ExportRow<"forecasts.csv">[]>();
  for (const row of inputs["forecasts.csv"]) {
    if (!row.clause) continue;
    forecastsByClause.set(row.clause, [...(forecastsByClause.get(row.clause) ?? []), row]);
  }
  const lastMonth = period.months.at(-1)!;
  const metricOf = new Map(catalog.metrics.map((m) => [m.id, m]));

  return catalog.targets.map((t): TargetAssessment => {
    const deadlineMonth = t.deadline.slice(0, 7);
    const isDue = t.deadline <= period.end;
    const monthly = figure(find(t.clause, "month", deadlineMonth));
    const quarterly = figure(find(t.clause, "quarter", exportQuarterOf(deadlineMonth)));
    const yearly = figure(find(t.clause, "year", deadlineMonth.slice(0, 4)));
    let judged: AttainmentFigure | null = null;
    let fallback = false;
    let verdict: TargetAssessment["verdict"];
    if (!isDue) verdict = "ahead";
    else if (t.deadline > asOf) verdict = "pending";
    else {
      // Annual measures (one value a year) have only the year; a month with too few cases borrows its quarter.
      const usableFallback = [quarterly, yearly].find(usable);
      if (usable(monthly)) judged = monthly;
      else if (usableFallback) {
        judged = usableFallback;
        fallback = true;
      } else judged = monthly ?? quarterly ?? yearly;
      verdict = usable(judged) ? (meets(judged.actual, t.comparator, t.value) ? "met" : "missed") : "no_data";
    }
    // The forecast as it stood at the end of the period (or the latest month of data before it).
    let forecast: ForecastFigure | null = null;
    if (verdict === "ahead" || verdict === "pending") {
      const rows = (forecastsByClause.get(t.clause) ?? [])
        .filter((r) => r.as_of_month !== null && r.as_of_month <= lastMonth)
        .sort((a, b) => a.as_of_month!.localeCompare(b.as_of_month!));
      const row = rows.at(-1);
      if (row) {
        forecast = {
          as_of_month: row.as_of_month!,
          projected: row.projected,
          lower: row.lower,
          upper: row.upper,
          verdict: row.verdict,
          required_monthly_change: row.required_monthly_change,
          method: row.method,
        };
      }
    }
    const periodRow = find(t.clause, period.kind, period.exportPeriod);
    const previousRow = find(t.clause, previous.kind, previous.exportPeriod);
    const metric = metricOf.get(t.metric);
    const feeds = [
      ...new Set([...feedsOfMetric(t.metric), ...(metric?.derived_from ? feedsOfMetric(metric.derived_from) : [])]),
    ];
    const ranges: Array<{from: string; to: string}> = [];
    const basis = judged ?? figure(periodRow);
    if (basis && basis.period_start) {
      ranges.push({from: basis.period_start, to: periodEnd(basis.period_type, basis.period_start)});
    }
    if (t.baseline) {
      const p = t.baseline.period;
      ranges.push(
        p.length === 4 ? {from: `${p}-01-01`, to: `${p}-12-31`} : {from: `${p}-01`, to: periodEnd("month", `${p}-01`)},
      );
    }
    const source = judged ? find(t.clause, judged.period_type, judged.period) : periodRow;
    return {
      clause: t.clause,
      task_number: t.task,
      indicator_id: t.indicator,
      metric_id: t.metric,
      segment: segmentKey(t.segment),
      comparator: t.comparator,
      target: t.value,
      unit: t.unit,
      deadline: t.deadline,
      is_due: isDue,
      verdict,
      judged,
      judged_on_fallback: fallback,
      actual_at_deadline:
        (forecastsByClause.get(t.clause) ?? []).find((r) => r.actual_at_deadline !== null)?.actual_at_deadline ?? null,
      period_value: figure(periodRow),
      previous_value: figure(previousRow),
      forecast,
      baseline: source?.baseline ?? null,
      feeds,
      evidence: ranges.length ? evidenceFiles(feeds, inputs["load_log.csv"], inputs.warehouseLoads, ranges) : [],
      is_synthetic: (source ?? periodRow)?.is_synthetic === true,
    };
  });
}
