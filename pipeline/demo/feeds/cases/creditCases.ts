import {shareBetween} from "../../planTrend.ts";
import {afterWorkdays, compactMonth, duration, round, type CaseModel} from "../caseFeed.ts";

/** Lenders and their share of SME loans (free text in the feed, as banks write their names). */
const LENDERS = [
  ["青海银行", 0.22],
  ["西宁农村商业银行", 0.18],
  ["中国农业银行西宁分行", 0.12],
  ["中国工商银行西宁分行", 0.1],
  ["中国建设银行西宁分行", 0.1],
  ["中国银行西宁分行", 0.08],
  ["中国邮政储蓄银行西宁分行", 0.08],
  ["交通银行西宁分行", 0.06],
  ["兴业银行西宁分行", 0.06],
] as const;

/**
 * 获得信贷: ~400 SME loans a month, counted in dates (application to disbursement). Median 21 → 9.5 workdays,
 * about 10–11 once rounded up to whole days (the 13-workday target of clause 25.2 on track). A government-backed
 * guarantee on 25 % → 40 % of loans, its fee 2.0 % → 1.1 % a year (target 1.5 %).
 */
export const creditCases: CaseModel = {
  noun: "SME loans",
  monthlyVolume: 400,
  closedDayWeight: 0.02,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row, progress} = d;
    row.lender = rng.weighted(LENDERS);
    const workdays = duration(d, {baseline: 21, end: 9.5, sigma: 0.45, lagWeight: 0.3, min: 1});
    row.disbursed_on = afterWorkdays(d, d.start.day, workdays);
    row.amount_10k_yuan = round(Math.min(5000, Math.max(3, rng.logNormal(60, 1))), 2);
    const guaranteed = rng.chance(shareBetween(0.25, 0.4, progress));
    row.is_guaranteed = guaranteed;
    const fee = 2.0 + (1.1 - 2.0) * Math.min(1, progress) + 0.25 * rng.normal();
    row.guarantee_fee_rate_pct = guaranteed ? round(Math.min(3, Math.max(0.5, fee)), 2) : null;
  },
  caseId: (d, seq) => `DK${compactMonth(d)}${String(seq).padStart(5, "0")}`,
};
