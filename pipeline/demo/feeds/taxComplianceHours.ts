import {epochDay} from "../../calendar/localTime.ts";
import {dateCell} from "../cells.ts";
import {between} from "../planTrend.ts";
import {createRng} from "../prng.ts";
import type {DemoContext, DemoPeriod, FeedGenerator} from "./feedGenerator.ts";

/** Annual hours by taxpayer type, 2021 baseline and end level; `all` is their mix (45 % general, 55 % small). */
const LEVELS: Record<string, {baseline: number; end: number}> = {
  general_vat: {baseline: 132, end: 104},
  small_scale: {baseline: 96, end: 82},
};
const MIX: Record<string, number> = {general_vat: 0.45, small_scale: 0.55};
/**
 * The same measurement's payments a year and total tax and contribution rate (% of profit), all taxpayers only,
 * 2021 → end level; synthetic levels, fewer payments and a lower rate as the plan takes hold.
 */
const PAYMENTS = {baseline: 9, end: 7};
const TOTAL_TAX_RATE = {baseline: 61, end: 57};

/**
 * 纳税时间: the tax bureau's yearly measurement, published on 20 December of the year measured; one file per year
 * published by the as-of date. The mix falls from about 112 hours (2021) to about 92 (2022): the 98-hour target of
 * clause 9.2 met. The all-taxpayer row also carries the payments a year and the total tax and contribution rate.
 */
export function taxComplianceHoursFeed(ctx: DemoContext): FeedGenerator {
  const years = [...new Set(ctx.months.map((m) => Number(m.slice(0, 4))))].filter(
    (y) => epochDay(`${y}-12-20`) <= ctx.asOfDay,
  );
  const types = ctx.contract.columns.find((c) => c.name === "taxpayer_type")?.allowed ?? [];
  return {
    description: "one row per year and taxpayer type, published each 20 December",
    periods: () => years.map((y) => ({label: String(y), stem: `${ctx.contract.feed}_${y}`})),
    *rows(period: DemoPeriod) {
      const year = Number(period.label);
      const rng = createRng(ctx.seed, ctx.contract.feed, period.label);
      const progress = ctx.trend.progress(`${year}-12`);
      const hours = new Map<string, number>();
      for (const [type, levels] of Object.entries(LEVELS)) {
        hours.set(type, between(levels.baseline, levels.end, progress) * rng.uniform(0.97, 1.03));
      }
      const mix = [...hours].reduce((sum, [type, h]) => sum + h * (MIX[type] ?? 0), 0);
      for (const type of types) {
        const value = type === "all" ? mix : hours.get(String(type));
        if (value === undefined) continue;
        yield {
          year,
          taxpayer_type: String(type),
          hours: Math.round(value * 10) / 10,
          measured_on: dateCell(epochDay(`${year}-12-20`)),
          ...(type === "all"
            ? {
                payments: Math.round(between(PAYMENTS.baseline, PAYMENTS.end, Math.min(1, progress))),
                total_tax_rate_pct:
                  Math.round(between(TOTAL_TAX_RATE.baseline, TOTAL_TAX_RATE.end, Math.min(1, progress)) * 10) / 10,
              }
            : {}),
        };
      }
    },
  };
}
