import type {Action, Indicator, PlanJson, Tier} from "./plan.js";

/** One indicator with what the plan asks of it: its tier goal and how many tasks and quantitative targets serve it. */
interface IndicatorSummary extends Indicator {
  tier: Tier;
  deadline: string;
  taskCount: number;
  targetCount: number;
}

/** The plan's four special actions, each with its indicators in plan order. */
export interface ActionGroup {
  action: Action;
  indicators: IndicatorSummary[];
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Every indicator in plan order (by number), with its task and target counts (0 when it has none). */
function summarizeIndicators(plan: PlanJson): IndicatorSummary[] {
  const tasks = countBy(plan.tasks, (t) => t.indicator);
  const targets = countBy(plan.targets, (t) => t.indicator);
  const tiers = new Map(plan.tiers.map((t) => [t.id, t]));
  return plan.indicators
    .map((indicator) => ({
      ...indicator,
      // The catalog validates that every tier_goal names a known tier.
      tier: tiers.get(indicator.tier_goal.tier)!,
      deadline: indicator.tier_goal.deadline,
      taskCount: tasks.get(indicator.id) ?? 0,
      targetCount: targets.get(indicator.id) ?? 0,
    }))
    .sort((a, b) => a.number - b.number);
}

/** Indicators grouped under their action, actions in plan order; an action without indicators is kept (empty). */
export function groupByAction(plan: PlanJson): ActionGroup[] {
  const summaries = summarizeIndicators(plan);
  return [...plan.actions]
    .sort((a, b) => a.number - b.number)
    .map((action) => ({action, indicators: summaries.filter((s) => s.action === action.id)}));
}
