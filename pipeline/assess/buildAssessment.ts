import type {Catalog} from "../catalog/index.ts";
import type {Contract} from "../ingest/contractSchema.ts";
import type {Benchmarks} from "../scoring/readBenchmarks.ts";
import {assessIndicators} from "./assessIndicators.ts";
import {previousPeriod} from "./assessPeriod.ts";
import {assessTargets} from "./assessTargets.ts";
import {assessTasks} from "./assessTasks.ts";
import {compareAssessments} from "./compareAssessments.ts";
import {dataCaveats, feedFigures} from "./dataCaveats.ts";
import type {AssessmentInputs} from "./readAssessmentInputs.ts";
import {assessUnits} from "./assessUnits.ts";
import type {Assessment, AssessmentSummary, AssessPeriod, RuleBreach} from "./types.ts";

export interface BuildArgs {
  catalog: Catalog;
  /** Feed contracts: which feeds measure which metric (evidence) and which feeds to expect (caveats). */
  contracts: Pick<Contract, "feed" | "metrics">[];
  inputs: AssessmentInputs;
  period: AssessPeriod;
  /**
   * The unit score and the 710 rule (unit-score.yaml, supervision-710.yaml), the reject-rate caveat (judging.yaml),
   * and the tier rules with each threshold's source and the fixed DTF bounds (tier-rules.yaml), for the method.
   */
  benchmarks: Pick<Benchmarks, "unitScore" | "supervision" | "judging" | "tierRules" | "tierStandIn" | "tierBounds">;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The assessment of one period from the exported figures: pure, the same inputs give the same value.
 * Quarterly reports (督查) also carry what changed since the previous quarter, computed by assessing that quarter
 * from the same exports and comparing the two.
 */
export function buildAssessment(args: BuildArgs): Assessment {
  const current = assessOnce(args);
  if (args.period.kind !== "quarter") return current;
  const before = assessOnce({...args, period: previousPeriod(args.period)});
  return {...current, changes: compareAssessments(before, current, {from: before.period.id, to: current.period.id})};
}

function assessOnce({catalog, contracts, inputs, period, benchmarks}: BuildArgs): Assessment {
  const asOf = inputs.manifest.as_of;
  const evaluatedAt = asOf < period.end ? asOf : period.end;
  const feedsOfMetric = (metricId: string) => contracts.filter((c) => c.metrics.includes(metricId)).map((c) => c.feed);

  const targets = assessTargets(catalog, inputs, period, previousPeriod(period), asOf, feedsOfMetric);
  const indicators = assessIndicators(catalog, inputs, period);
  const tasks = assessTasks(inputs["tasks.csv"], evaluatedAt, asOf);
  const units = assessUnits({
    catalog,
    tasks,
    satisfaction: inputs["satisfaction.csv"],
    hotline: inputs["hotline.csv"],
    period,
    evaluatedAt,
    unitScore: benchmarks.unitScore,
    supervision: benchmarks.supervision,
  });
  const feeds = feedFigures(inputs["feed_health.csv"]);
  const caveats = dataCaveats({
    inputs,
    feeds,
    expectedFeeds: contracts.map((c) => c.feed).sort(),
    period,
    evaluatedAt,
    targets,
    tasks,
    rejectRateCaveatPct: benchmarks.judging.reject_rate_caveat_pct,
  });
  const tierRules = new Map<string, string>();
  for (const row of inputs["tiers.csv"]) if (row.rule_id && row.rule_text) tierRules.set(row.rule_id, row.rule_text);
  // Every rule of the ladder, used this period or not, so the method states each judging rule with its source.
  for (const rule of benchmarks.tierRules) if (!tierRules.has(rule.id)) tierRules.set(rule.id, rule.text);

  // The cases behind each share's shortfall: those observed in the period, up to the day it is evaluated at.
  const ruleBreaches: RuleBreach[] = inputs["rule_breaches.csv"]
    .filter((b) => b.observed_on! >= period.start && b.observed_on! <= evaluatedAt)
    .map((b) => ({
      clause: b.target_clause!,
      metric_id: b.metric_id!,
      area_id: b.area_id!,
      unit_name: b.unit_name,
      observed_on: b.observed_on!,
      measure: b.measure!,
      measured_value: b.measured_value,
      case_limit: b.case_limit,
      limit_unit: b.limit_unit!,
      finding: b.finding!,
      feed: b.feed!,
      file_name: b.file_name,
      source_line: b.source_line,
      case_key: b.case_key!,
      is_synthetic: b.is_synthetic === true,
    }))
    .sort(
      (x, y) =>
        x.clause.localeCompare(y.clause, "en", {numeric: true}) ||
        x.observed_on.localeCompare(y.observed_on) ||
        x.case_key.localeCompare(y.case_key),
    );

  const countTargets = (v: string) => targets.filter((t) => t.verdict === v).length;
  const countGoals = (s: string) => indicators.filter((i) => i.goal_status === s).length;
  const countTasks = (s: string) => tasks.filter((t) => t.status === s).length;
  const judged = tasks.filter((t) => t.is_judged).length;
  const summary: AssessmentSummary = {
    targets: targets.length,
    targets_due: targets.filter((t) => t.is_due).length,
    targets_met: countTargets("met"),
    targets_missed: countTargets("missed"),
    targets_no_data: countTargets("no_data"),
    targets_pending: countTargets("pending"),
    targets_ahead: countTargets("ahead"),
    indicators: indicators.length,
    goals_due: indicators.filter((i) => i.goal_due).length,
    goals_reached: countGoals("reached"),
    goals_not_reached: countGoals("not_reached"),
    goals_provisional: indicators.filter(
      (i) => i.is_provisional && (i.goal_status === "reached" || i.goal_status === "not_reached"),
    ).length,
    goals_on_course: countGoals("on_course"),
    goals_off_course: countGoals("off_course"),
    verdicts_official: indicators.filter((i) => i.verdict_source === "official").length,
    verdicts_provisional: indicators.filter((i) => i.is_provisional).length,
    task_rows: tasks.length,
    tasks_judged: judged,
    tasks_done_on_time: countTasks("done_on_time"),
    tasks_done_late: countTasks("done_late"),
    tasks_overdue: countTasks("overdue"),
    tasks_open: countTasks("open"),
    tasks_ongoing: countTasks("ongoing"),
    task_on_time_rate: judged ? round1((100 * countTasks("done_on_time")) / judged) : null,
    units_ranked: units.filter((u) => u.rank !== null).length,
    rule_breaches: ruleBreaches.length,
  };

  return {
    period,
    evaluated_at: evaluatedAt,
    as_of: asOf,
    exports_generated_at: inputs.manifest.generated_at,
    synthetic: inputs.manifest.synthetic === true,
    catalog_version: inputs.manifest.catalog_version,
    catalog_sha256: inputs.manifest.catalog_sha256,
    calendar: inputs.manifest.calendar,
    summary,
    targets,
    indicators,
    rule_breaches: ruleBreaches,
    tasks,
    units,
    feeds,
    caveats,
    scorecard: benchmarks.unitScore,
    tier_rules: [
      ...[...tierRules]
        .map(([rule_id, rule_text]) => {
          const rule = benchmarks.tierRules.find((r) => r.id === rule_id);
          const sources = rule
            ? Object.entries(rule.sources)
                .map(([key, source]) => `${key} ${String(rule[key as keyof typeof rule.sources])}: ${source}`)
                .join("; ")
            : undefined;
          return sources === undefined ? {rule_id, rule_text} : {rule_id, rule_text, sources};
        })
        .sort((a, b) => a.rule_id.localeCompare(b.rule_id)),
      {
        rule_id: "stand_in",
        rule_text: `a metric without the city's value of the year is judged on its latest loaded value at most ${benchmarks.tierStandIn.max_years_back} year(s) earlier, counted as unchanged; the verdict is provisional (暂定)`,
        sources: `max_years_back ${benchmarks.tierStandIn.max_years_back}: ${benchmarks.tierStandIn.source}`,
      },
      ...benchmarks.tierBounds.map((b) => ({
        rule_id: `bound ${b.metric}`,
        rule_text: `${b.component}: ${round2(b.best)} scores 100, ${round2(b.worst)} scores 0 (in the metric's unit)`,
        sources: b.source,
      })),
    ],
    changes: null,
  };
}
