import type {Indicator, PlanJson, Tier} from "./plan.js";

/** One of the plan's tier goals: which indicators should reach a tier, and by when. */
export interface TierGoal {
  tier: Tier;
  /** The latest deadline among the tier's indicators (the plan gives one per tier: end of 2022 or 2023). */
  deadline: string;
  indicators: Indicator[];
}

/**
 * The tier goals from the most to the least ambitious tier (its `rank`: 全国一流, 全国先进, 全面提升), read from the
 * indicators' `tier_goal`s rather than restated here, so the cards always agree with the catalog. A tier no indicator
 * aims at is left out.
 */
export function tierGoals(plan: PlanJson): TierGoal[] {
  return [...plan.tiers]
    .sort((a, b) => a.rank - b.rank)
    .map((tier) => {
      const indicators = plan.indicators
        .filter((i) => i.tier_goal.tier === tier.id)
        .sort((a, b) => a.number - b.number);
      const deadline =
        indicators
          .map((i) => i.tier_goal.deadline)
          .sort()
          .at(-1) ?? "";
      return {tier, deadline, indicators};
    })
    .filter((goal) => goal.indicators.length > 0);
}
