import {dateFromEpochDay} from "../../../calendar/localTime.ts";
import {dateCell} from "../../cells.ts";
import {between, shareBetween} from "../../planTrend.ts";
import {duration, round, type CaseModel} from "../caseFeed.ts";

/** Days open after which the synthetic court lists a case as long-pending (its own definition; real courts set theirs). */
export const LONG_PENDING_AFTER_DAYS = 540;

/**
 * 办理破产: a handful of bankruptcy cases a month (the engine's floor of 8), 80 % liquidations. Proceedings take a
 * median 620 → 450 calendar days (DB2019 China: 1.7 years), cost 22 % → 15 % of the estate, and secured creditors
 * recover 30 → 42 cents on the dollar (DB2020 China: 36.9). A case still open after a year and a half enters the
 * long-pending ledger of clause 42.
 */
export const insolvencyCases: CaseModel = {
  noun: "bankruptcy cases",
  monthlyVolume: 8,
  closedDayWeight: 0,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row, progress, ctx} = d;
    row.procedure = rng.weighted([
      ["liquidation", 0.8],
      ["reorganization", 0.17],
      ["conciliation", 0.03],
    ] as const);
    const estate = Math.min(5e9, Math.max(1e5, rng.logNormal(8e6, 1.3)));
    row.estate_value_yuan = round(estate, 0);
    const days = Math.round(duration(d, {baseline: 620, end: 450, sigma: 0.5, lagWeight: 0.5, min: 60}));
    const closed = d.start.day + days;
    row.closed_on = closed <= ctx.asOfDay ? dateCell(closed) : null;
    const costShare = between(22, 15, progress) * rng.uniform(0.7, 1.3);
    row.costs_yuan = row.closed_on ? round((estate * costShare) / 100, 0) : null;
    // What creditors get depends on how the estate is sold at the end (online auctions, the reforms of the
    // closing month), not on the month the petition came in.
    const atClose = ctx.trend.progress(dateFromEpochDay(Math.min(closed, ctx.asOfDay)).slice(0, 7));
    row.recovery_rate_pct = row.closed_on
      ? round(Math.min(100, 100 * shareBetween(0.3, 0.42, atClose) * rng.uniform(0.8, 1.2)), 1)
      : null;
    const listed = d.start.day + LONG_PENDING_AFTER_DAYS;
    row.long_pending_since = days > LONG_PENDING_AFTER_DAYS && listed <= ctx.asOfDay ? dateCell(listed) : null;
  },
  caseId: (d, seq) => `(${d.month.slice(0, 4)})青01破${Number(d.month.slice(5)) * 100 + seq}号`,
};
