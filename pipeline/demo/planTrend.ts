import type {Catalog} from "../catalog/index.ts";
import {monthIndex} from "./demoClock.ts";

/**
 * How far the synthetic city has moved from its 2021 baseline towards its end-of-plan level, month by month:
 * 0 in January 2021, a slow drift (to 0.1) until the plan is issued, then a steady climb to 1 at the month of the
 * plan's main target deadline (the most common target deadline of the catalog: 2022-12), and small further gains
 * afterwards (+1 % a month, capped at 1.06). Both dates are read from the catalog, not written here.
 */
export class PlanTrend {
  readonly firstMonth: string;
  /** Month the plan was issued (`plan.issued`), when the climb starts. */
  readonly planMonth: string;
  /** Month of the most common target deadline, when the end level is reached. */
  readonly deadlineMonth: string;

  constructor(catalog: Pick<Catalog, "plan" | "targets">, firstMonth = "2021-01") {
    this.firstMonth = firstMonth;
    this.planMonth = catalog.plan.issued.slice(0, 7);
    const counts = new Map<string, number>();
    for (const t of catalog.targets) counts.set(t.deadline, (counts.get(t.deadline) ?? 0) + 1);
    const [deadline] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [catalog.plan.issued];
    this.deadlineMonth = deadline.slice(0, 7);
  }

  /**
   * Progress at `month`, 0 (baseline) … 1 (end level), slightly above 1 after the deadline.
   *
   * @example trend.progress("2022-12") // 1
   */
  progress(month: string): number {
    const m = monthIndex(month);
    const first = monthIndex(this.firstMonth);
    const plan = monthIndex(this.planMonth);
    const deadline = monthIndex(this.deadlineMonth);
    if (m < plan) return (0.1 * Math.max(0, m - first)) / Math.max(1, plan - first);
    if (m <= deadline) return 0.1 + (0.9 * (m - plan + 1)) / Math.max(1, deadline - plan + 1);
    return Math.min(1.06, 1 + 0.01 * (m - deadline));
  }
}

/**
 * A level between `baseline` and `end` at `progress`, interpolated geometrically (a median that halves twice is
 * a quarter): `baseline × (end / baseline)^progress`. Both levels must be positive.
 *
 * @example between(8, 2, 0.5) // 4
 */
export function between(baseline: number, end: number, progress: number): number {
  if (!(baseline > 0 && end > 0)) throw new RangeError("between() needs positive levels");
  return baseline * Math.pow(end / baseline, progress);
}

/** A share between a baseline and an end share, interpolated linearly and kept inside [0, 1]. */
export function shareBetween(baseline: number, end: number, progress: number): number {
  return Math.min(1, Math.max(0, baseline + (end - baseline) * progress));
}
