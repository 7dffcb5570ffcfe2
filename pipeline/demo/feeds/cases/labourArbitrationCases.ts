import {dateCell} from "../../cells.ts";
import {shareBetween} from "../../planTrend.ts";
import {compactMonth, duration, type CaseModel} from "../caseFeed.ts";

/** What disputes are about, and their shares (unpaid wages first, as 人社 statistics report). */
const DISPUTE_TYPES = [
  ["wages", 0.45],
  ["labour_contract", 0.25],
  ["social_insurance", 0.12],
  ["work_injury", 0.1],
  ["other", 0.08],
] as const;

/**
 * 劳动人事争议仲裁: ~150 cases a month, dated by acceptance (filed up to five days before, 劳动争议调解仲裁法 art. 29).
 * Cases close a median 48 → 30 calendar days after acceptance (clause 37: 缩短处理期限; the lagging counties
 * slower); most cases running past 45 days were extended with approval, a few past 60 were not closed in time.
 * Mediation closes 35 % → 60 % of cases (clause 37: 调解与仲裁衔接), awards most of the rest.
 */
export const labourArbitrationCases: CaseModel = {
  noun: "arbitration cases",
  monthlyVolume: 150,
  closedDayWeight: 0.01,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row, progress, ctx} = d;
    row.dispute_type = rng.weighted(DISPUTE_TYPES);
    row.filed_on = dateCell(d.start.day - Math.floor(rng.uniform(0, 6)));
    const days = Math.max(1, Math.round(duration(d, {baseline: 48, end: 30, sigma: 0.35, lagWeight: 0.5})));
    row.is_extended = days > 45 ? rng.chance(0.8) : rng.chance(0.03);
    const closed = d.start.day + days;
    if (closed > ctx.asOfDay) {
      row.closed_on = null;
      row.closure = null;
      return;
    }
    row.closed_on = dateCell(closed);
    const mediated = rng.chance(shareBetween(0.35, 0.6, progress));
    row.closure = mediated
      ? "mediated"
      : rng.weighted([
          ["award", 0.8],
          ["withdrawn", 0.15],
          ["other", 0.05],
        ] as const);
  },
  caseId: (d, seq) => `XNLZ${compactMonth(d)}${String(seq).padStart(4, "0")}`,
};
