import {afterOfficeTime, compactMonth, duration, type CaseModel} from "../caseFeed.ts";

/** Median workdays at the 2021 baseline and at the end level, by utility and customer class (gas: applicant). */
const LEVELS: Record<string, {baseline: number; end: number}> = {
  "water:industrial_public": {baseline: 12, end: 5},
  "water:non_industrial_general": {baseline: 15, end: 7},
  "gas:organisation": {baseline: 20, end: 7},
  "gas:household": {baseline: 14, end: 3.5},
};

/**
 * 用水用气: ~800 connections a month (55 % water). Water: 12 → 5 workdays for industrial and public-interest users
 * (target 8), 15 → 7 for the others (target 11). Gas, judged on organisations (用气单位, clause 20.3): 20 → 7
 * (target 10, met city-wide, missed in the lagging counties), while households connect faster (14 → 3.5), so all gas
 * connections together read better than the organisations the target covers. Medians in the main districts; the
 * lagging areas take up to twice as long. Industrial and public users are organisations; of the others, 60 % are
 * households.
 */
export const waterGasCases: CaseModel = {
  noun: "water and gas connections",
  monthlyVolume: 800,
  closedDayWeight: 0.05,
  afterHoursShare: 0.04,
  fill(d) {
    const {rng, row} = d;
    const utility = rng.chance(0.55) ? "water" : "gas";
    const customer = rng.chance(0.3) ? "industrial_public" : "non_industrial_general";
    const applicant = customer === "industrial_public" || rng.chance(0.4) ? "organisation" : "household";
    row.utility = utility;
    row.customer_class = customer;
    row.applicant_kind = applicant;
    const levels = LEVELS[utility === "gas" ? `gas:${applicant}` : `water:${customer}`]!;
    row.connected_at = afterOfficeTime(d, d.start, duration(d, {...levels, sigma: 0.45, lagWeight: 0.8, min: 0.2}));
  },
  caseId: (d, seq) => `${d.row.utility === "gas" ? "RQ" : "SW"}${compactMonth(d)}${String(seq).padStart(5, "0")}`,
};
