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
  /** Mean distance-to-frontier score (0–100) against fixed bounds, null when no metric has one. */
  dtf: number | null;
  /** The same mean DTF score of the previous year, for improvement rules. */
  previous_dtf: number | null;
  /**
   * Each component's DTF change on the previous year, in points, for the components scored both years: 全面提升
   * asks that none fell beyond a tolerance, which a mean alone would hide.
   */
  component_changes: ReadonlyArray<{metric_id: string; change: number}>;
}

/** Whether one rule holds: true, false, or null when a condition needs a value the evidence lacks. */
function ruleHolds(rule: TierRule, e: TierEvidence): boolean | null {
  const checks: Array<boolean | null> = [];
  const atLeast = (value: number | null, min: number | undefined) => {
    if (min !== undefined) checks.push(value === null ? null : value >= min);
  };
  atLeast(e.percentile, rule.min_percentile);
  atLeast(e.dtf, rule.min_dtf);
  atLeast(e.dtf === null || e.previous_dtf === null ? null : e.dtf - e.previous_dtf, rule.min_dtf_gain);
  if (rule.max_component_fall !== undefined) {
    checks.push(
      e.component_changes.length === 0 ? null : e.component_changes.every((c) => c.change >= -rule.max_component_fall!),
    );
  }
  if (checks.length === 0 || checks.includes(false)) return false;
  return checks.includes(null) ? null : true;
}

/**
 * bizenv's own verdict (模拟评价) on the ladder of tier-rules.yaml: the rules are tried from the highest tier down,
 * whatever their order in the file; the first that holds gives the verdict; `below` when every rule fails on the
 * evidence. `no_data` when a rule cannot be decided before one holds (a condition on a value the evidence lacks):
 * the evidence cannot tell whether the city reaches that tier, so no tier is claimed or denied.
 *
 * @example tierVerdict({percentile: 85, dtf: 92, previous_dtf: 80, component_changes: []}, rules) // {verdict: "national_first_class", rule: rules[0]}
 */
export function tierVerdict(
  evidence: TierEvidence,
  rules: readonly TierRule[],
): {verdict: TierVerdict; rule: TierRule | null; undecided: TierRule | null} {
  const ladder = [...rules].sort((a, b) => TIER_RANK[a.tier]! - TIER_RANK[b.tier]!);
  for (const rule of ladder) {
    const holds = ruleHolds(rule, evidence);
    if (holds === null) return {verdict: "no_data", rule: null, undecided: rule};
    if (holds) return {verdict: rule.tier, rule, undecided: null};
  }
  return {verdict: "below", rule: null, undecided: null};
}

/** Whether a verdict reaches the goal tier (same or better rank); null when there is no verdict. */
export function onCourse(verdict: TierVerdict, goal: TierVerdict): boolean | null {
  const v = TIER_RANK[verdict];
  const g = TIER_RANK[goal];
  return v === null || g === null ? null : v <= g;
}
