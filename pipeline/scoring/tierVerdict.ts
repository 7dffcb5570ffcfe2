import type {TierRule} from "./readBenchmarks.ts";

export type TierVerdict =
  "national_first_class" | "national_advanced" | "comprehensive_improvement" | "below" | "no_data";

/** Rank of a verdict, 1 = national first class … 4 = below; null for no_data. */
export const TIER_RANK: Record<TierVerdict, number | null> = {
  national_first_class: 1,
  national_advanced: 2,
  comprehensive_improvement: 3,
  below: 4,
  no_data: null,
};

export interface TierEvidence {
  /** Mean percentile among peers over the indicator's metrics (0–100), null without peers. */
  percentile: number | null;
  /** Mean distance-to-frontier score (0–100), null without bounds. */
  dtf: number | null;
  /** The same mean DTF score of the previous year, for improvement rules. */
  previous_dtf: number | null;
}

/**
 * The first rule of tier-rules.yaml whose every condition holds; `below` when none does, `no_data` when there is
 * neither a percentile nor a DTF score. A condition on a missing value does not hold.
 *
 * @example tierVerdict({percentile: 85, dtf: 92, previous_dtf: 80}, rules) // {verdict: "national_first_class", rule: rules[0]}
 */
export function tierVerdict(
  evidence: TierEvidence,
  rules: readonly TierRule[],
): {verdict: TierVerdict; rule: TierRule | null} {
  if (evidence.percentile === null && evidence.dtf === null) return {verdict: "no_data", rule: null};
  for (const rule of rules) {
    const checks: boolean[] = [];
    if (rule.min_percentile !== undefined)
      checks.push(evidence.percentile !== null && evidence.percentile >= rule.min_percentile);
    if (rule.min_dtf !== undefined) checks.push(evidence.dtf !== null && evidence.dtf >= rule.min_dtf);
    if (rule.min_dtf_gain !== undefined) {
      checks.push(
        evidence.dtf !== null &&
          evidence.previous_dtf !== null &&
          evidence.dtf - evidence.previous_dtf >= rule.min_dtf_gain,
      );
    }
    if (checks.length > 0 && checks.every(Boolean)) return {verdict: rule.tier, rule};
  }
  return {verdict: "below", rule: null};
}

/** Whether a verdict reaches the goal tier (same or better rank); null when there is no verdict. */
export function onCourse(verdict: TierVerdict, goal: TierVerdict): boolean | null {
  const v = TIER_RANK[verdict];
  const g = TIER_RANK[goal];
  return v === null || g === null ? null : v <= g;
}
