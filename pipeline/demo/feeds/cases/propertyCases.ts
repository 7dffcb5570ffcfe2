import {afterOfficeTime, compactMonth, duration, type CaseModel} from "../caseFeed.ts";
import {shareBetween} from "../../planTrend.ts";
import {round} from "../caseFeed.ts";
import {sideRng} from "./sideRng.ts";

const INDIVIDUAL_TYPES = [
  ["transfer", 0.42],
  ["mortgage", 0.33],
  ["first", 0.15],
  ["change", 0.06],
  ["other", 0.04],
] as const;
const ENTERPRISE_TYPES = [
  ["first", 0.3],
  ["mortgage", 0.35],
  ["transfer", 0.2],
  ["change", 0.1],
  ["other", 0.05],
] as const;
/** Mortgages are quicker, first registrations slower than the median case. */
const TYPE_FACTOR: Record<string, number> = {mortgage: 0.85, first: 1.15};

/**
 * 不动产登记: ~8,000 registrations a month at the counter, 87 % by individuals. Individuals: median 5 → 1.7
 * workdays (the 2.5 target of clause 6.1 met); enterprises: 7 → 4.8 (the 4-workday target of clause 6.2 missed).
 * Registration centres are few, so areas lag only half as much as elsewhere. Joint water-power-gas transfer grows
 * from 5 % to 65 % of transfers and first registrations. Steps 4 → 3 (一窗受理); a transfer is priced (individuals'
 * median 0.9 million yuan, enterprises' 6 million) and pays 契税 (3 % for enterprises, 1–3 % for individuals),
 * 印花税 0.05 % and the registration fee (80 / 550 yuan); other registrations pay the fee only.
 */
export const propertyCases: CaseModel = {
  noun: "registrations",
  monthlyVolume: 8000,
  closedDayWeight: 0.02,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row, progress} = d;
    const individual = rng.chance(0.87);
    row.applicant_type = individual ? "individual" : "enterprise";
    const type = rng.weighted(individual ? INDIVIDUAL_TYPES : ENTERPRISE_TYPES);
    row.registration_type = type;
    const levels = individual ? {baseline: 5, end: 1.7} : {baseline: 7, end: 4.8};
    const workdays = duration(d, {...levels, sigma: 0.5, lagWeight: 0.5, min: 0.05}) * (TYPE_FACTOR[type] ?? 1);
    row.completed_at = afterOfficeTime(d, d.start, workdays);
    row.utilities_transferred =
      type === "transfer" || type === "first" ? rng.chance(shareBetween(0.05, 0.65, progress)) : null;
    const side = sideRng(d);
    row.procedures = Math.max(1, Math.round(4 - Math.min(1, progress) + side.uniform(-0.5, 0.5)));
    const fee = individual ? 80 : 550;
    if (type === "transfer") {
      const value = round(side.logNormal(individual ? 900_000 : 6_000_000, 0.6), -3);
      const deedTax = individual ? side.pick([0.01, 0.015, 0.03]) : 0.03;
      row.property_value_yuan = value;
      row.cost_yuan = round(value * (deedTax + 0.0005) + fee, 0);
    } else {
      row.cost_yuan = fee;
    }
  },
  caseId: (d, seq) => `BDC${compactMonth(d)}${String(seq).padStart(6, "0")}`,
};
