import {dateCell} from "../../cells.ts";
import {shareBetween} from "../../planTrend.ts";
import {afterWorkdays, compactMonth, duration, round, type CaseModel} from "../caseFeed.ts";

/** The rights pledged or disputed, and their shares. */
const IP_TYPES = [
  ["patent", 0.45],
  ["trademark", 0.4],
  ["copyright", 0.12],
  ["other", 0.03],
] as const;

/**
 * 知识产权: ~60 records a month, dated by the application or acceptance: 40 % pledge financings (a median 300 万元,
 * disbursed about 15 workdays later), 60 % dispute mediations. Mediations end a median 35 → 18 calendar days after
 * acceptance (clause 36: 调解+司法确认), and settle 55 % → 75 % of the time.
 */
export const ipRecords: CaseModel = {
  noun: "pledges and mediations",
  monthlyVolume: 60,
  closedDayWeight: 0.01,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row, progress, ctx} = d;
    row.ip_type = rng.weighted(IP_TYPES);
    if (rng.chance(0.4)) {
      row.record_type = "pledge";
      row.ended_on = afterWorkdays(d, d.start.day, Math.max(1, Math.round(rng.logNormal(15, 0.4))));
      row.amount_10k_yuan = round(Math.min(50_000, Math.max(10, rng.logNormal(300, 0.9))), 2);
      row.is_settled = null;
      return;
    }
    row.record_type = "mediation";
    row.amount_10k_yuan = null;
    const days = Math.max(1, Math.round(duration(d, {baseline: 35, end: 18, sigma: 0.45, lagWeight: 0.5})));
    const ended = d.start.day + days;
    row.ended_on = ended > ctx.asOfDay ? null : dateCell(ended);
    row.is_settled = ended > ctx.asOfDay ? null : rng.chance(shareBetween(0.55, 0.75, progress));
  },
  caseId: (d, seq) => `ZSCQ${compactMonth(d)}${String(seq).padStart(4, "0")}`,
};
