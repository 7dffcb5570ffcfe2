import type {Catalog} from "../catalog/index.ts";
import type {AssessmentInputs} from "./readAssessmentInputs.ts";
import type {AssessPeriod, GoalStatus, IndicatorAssessment} from "./types.ts";

/**
 * Every indicator's tier verdict for the period's year (tiers.csv, with the rule that produced it) against the
 * plan's tier goal. A goal whose deadline falls within the period is `reached` when the verdict's tier ranks at or
 * above the goal's (catalog tier ranks: 1 全国一流, 2 全国先进, 3 全面提升), else `not_reached`; a later goal is
 * `on_course` / `off_course` as tiers.csv says. The distance-to-frontier score, peer rank and the national
 * references come from national.csv for the indicator's headline metric (indicators.json) and the same year.
 * Each verdict says where it came from: the official evaluation's published result (官方评价) or bizenv's simulated
 * rule (模拟评价), the latter provisional (暂定) when made on peers' earlier-year values.
 */
export function assessIndicators(
  catalog: Catalog,
  inputs: Pick<AssessmentInputs, "indicators" | "tiers.csv" | "national.csv">,
  period: AssessPeriod,
): IndicatorAssessment[] {
  const tierRank = new Map(catalog.tiers.map((t) => [t.id as string, t.rank]));
  const headline = new Map(inputs.indicators.map((i) => [i.indicator_id, i.headline_metric]));
  const tierRow = new Map(
    inputs["tiers.csv"].filter((r) => r.year === period.year).map((r) => [r.indicator_id ?? "", r]),
  );
  return [...catalog.indicators]
    .sort((a, b) => a.number - b.number)
    .map((ind): IndicatorAssessment => {
      const tier = tierRow.get(ind.id);
      const metric = headline.get(ind.id) ?? null;
      const national = inputs["national.csv"].filter((r) => r.metric_id === metric && r.year === period.year);
      const first = national[0];
      const scores = inputs.indicators.find((i) => i.indicator_id === ind.id)?.indicator_scores ?? [];
      const latest = scores
        .filter((sc) => sc.score !== null && Number(sc.year) <= period.year)
        .sort((a, b) => a.year.localeCompare(b.year))
        .at(-1);
      const before = latest && scores.find((sc) => Number(sc.year) === Number(latest.year) - 1 && sc.score !== null);
      const goalDue = ind.tier_goal.deadline <= period.end;
      const verdict = tier?.verdict ?? null;
      const verdictRank = verdict === null ? undefined : tierRank.get(verdict);
      let goalStatus: GoalStatus;
      if (verdict === null || verdict === "no_data") goalStatus = "no_data";
      else if (goalDue) {
        goalStatus =
          verdictRank !== undefined && verdictRank <= tierRank.get(ind.tier_goal.tier)! ? "reached" : "not_reached";
      } else if (tier?.on_course === null || tier?.on_course === undefined) goalStatus = "no_data";
      else goalStatus = tier.on_course ? "on_course" : "off_course";
      return {
        indicator_id: ind.id,
        number: ind.number,
        action_id: ind.action,
        goal: ind.tier_goal.tier,
        goal_deadline: ind.tier_goal.deadline,
        goal_due: goalDue,
        verdict,
        verdict_source: tier?.verdict_source === "official" ? "official" : tier ? "simulated" : null,
        simulated_verdict: tier?.simulated_verdict ?? null,
        is_provisional: tier?.is_provisional === true,
        official_source: tier?.official_source ?? null,
        goal_status: goalStatus,
        rule_id: tier?.rule_id ?? null,
        rule_text: tier?.rule_text ?? null,
        evidence: tier?.evidence ?? null,
        headline_metric: metric,
        city_value: first?.city_value ?? null,
        dtf_score: first?.dtf_score ?? null,
        indicator_score: latest?.score ?? null,
        indicator_score_year: latest?.year ?? null,
        score_change: latest && before ? latest.score! - before.score! : null,
        peer_rank: first?.peer_rank ?? null,
        peer_count: first?.peer_count ?? null,
        percentile: first?.percentile ?? null,
        references: national.map((r) => ({reference: r.reference ?? "", value: r.reference_value, source: r.source})),
      };
    });
}
