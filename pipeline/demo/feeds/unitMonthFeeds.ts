import {areaLag} from "../areaProfile.ts";
import type {Row} from "../cells.ts";
import {shareBetween} from "../planTrend.ts";
import {createRng, type Rng} from "../prng.ts";
import {
  monthlyPeriods,
  unitsConcerned,
  type DemoContext,
  type DemoPeriod,
  type FeedGenerator,
} from "./feedGenerator.ts";

/**
 * Feeds with one row per unit and month, for every unit the feed concerns (see `unitsConcerned`). Each unit keeps a
 * size of its own across months (drawn once from its own stream); rates improve with plan progress and lag in the
 * units of the slower counties. Counts describe the city and are not multiplied by `--scale`.
 */
function unitMonthFeed(
  ctx: DemoContext,
  description: string,
  makeRow: (unit: UnitState, month: string, rng: Rng) => Row,
): FeedGenerator {
  const units: UnitState[] = unitsConcerned(ctx).map((id) => {
    const unit = ctx.catalog.units.find((u) => u.id === id)!;
    const profile = ctx.areas.find((a) => a.id === unit.area);
    const own = createRng(ctx.seed, ctx.contract.feed, "unit", id);
    return {id, kind: unit.kind, lagEnd: profile ? profile.lag[1] : 1, profile, size: own.logNormal(1, 0.35)};
  });
  return {
    description,
    periods: () => monthlyPeriods(ctx),
    *rows(period: DemoPeriod) {
      const rng = createRng(ctx.seed, ctx.contract.feed, period.label);
      for (const unit of units) yield makeRow(unit, period.label, rng);
    },
  };
}

interface UnitState {
  id: string;
  kind: string;
  lagEnd: number;
  profile: {lag: readonly [number, number]} | undefined;
  /** The unit's own size factor (log-normal around 1). */
  size: number;
}

/** Tickets a month by kind of unit: area governments take most 12345 calls. */
const TICKETS: Record<string, number> = {area_government: 2600, park_committee: 180, municipal_department: 320};

/**
 * 12345 hotline: tickets per unit and month (30 % more in the heating season, November to March); on-time
 * resolution 90 % → 98.5 %, caller satisfaction 88 % → 96.5 %, a few points lower in the lagging counties.
 */
export function hotlineFeed(ctx: DemoContext): FeedGenerator {
  return unitMonthFeed(
    ctx,
    "one row per unit and month: tickets, due, on time, rated, satisfied",
    (unit, month, rng) => {
      const progress = ctx.trend.progress(month);
      const m = Number(month.slice(5));
      const heating = m >= 11 || m <= 3 ? 1.3 : 1;
      const tickets = Math.round((TICKETS[unit.kind] ?? 200) * unit.size * heating * rng.uniform(0.85, 1.15));
      const due = Math.round(tickets * rng.uniform(0.9, 1.02));
      const penalty = unit.profile ? 0.02 * (areaLag(unit.profile, progress) - 1) : 0;
      const onTime = clamp(shareBetween(0.9, 0.985, progress) - penalty + 0.008 * rng.normal());
      const rated = Math.round(tickets * rng.uniform(0.55, 0.7));
      const satisfied = clamp(shareBetween(0.88, 0.965, progress) - penalty + 0.01 * rng.normal());
      return {
        unit: unit.id,
        month,
        tickets,
        tickets_due: due,
        resolved_on_time: Math.round(due * onTime),
        callers_rated: rated,
        callers_satisfied: Math.round(rated * satisfied),
      };
    },
  );
}

/** Government service items by kind of unit. */
const ITEMS: Record<string, number> = {area_government: 900, park_committee: 260, municipal_department: 140};

/**
 * Online government services: items in scope per unit (slowly growing) and the share handled fully online,
 * 78 % → 97 % (the 95 % target of clause 1 met city-wide), five points lower in the lagging counties. Items online
 * at least in part (可网办) are reported beside: about two thirds of the rest, so the looser count reads higher and
 * the page must say which one clause 1 is judged on.
 */
export function onlineServicesFeed(ctx: DemoContext): FeedGenerator {
  return unitMonthFeed(ctx, "one row per unit and month: items in scope, items fully online", (unit, month, rng) => {
    const progress = ctx.trend.progress(month);
    const items = Math.round((ITEMS[unit.kind] ?? 120) * unit.size * (1 + 0.01 * ctx.months.indexOf(month)));
    const penalty = unit.lagEnd > 2 ? 0.05 * Math.min(1, progress) : 0;
    const share = clamp(shareBetween(0.78, 0.972, progress) - penalty + 0.01 * rng.normal());
    const fully = Math.round(items * share);
    const available = fully + Math.round((items - fully) * 0.65);
    return {unit: unit.id, month, items_in_scope: items, items_fully_online: fully, items_online_available: available};
  });
}

function clamp(share: number): number {
  return Math.min(1, Math.max(0, share));
}
