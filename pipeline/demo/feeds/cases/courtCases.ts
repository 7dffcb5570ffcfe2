import {dateCell} from "../../cells.ts";
import {between, shareBetween} from "../../planTrend.ts";
import {duration, round, type CaseModel} from "../caseFeed.ts";

/** Causes of action among commercial contract cases, and their share. */
const CASE_TYPES = [
  ["sale_of_goods", 0.45],
  ["financial_loan", 0.35],
  ["other_contract", 0.2],
] as const;

/**
 * 执行合同: ~300 commercial contract cases a month filed in the city's courts (dates only). Online filing rises from
 * 35 % to 80 % (clause 33: 以线上立案为主). Trial takes a median 150 → 110 calendar days; 40 % of judgments need
 * enforcement, which takes a median 330 → 250 more, so filing to the end of enforcement is about 480 → 360 days
 * (DB2020 China: 496). Court fees follow the 诉讼费用交纳办法 schedule roughly (1–2 % of the claim), attorney fees
 * fall from 12 % to 9 % of the claim with online service, enforcement fees are about 1 %: cost ≈ 15 → 12 % of the
 * claim (DB2020 China: 16.2 %).
 */
export const courtCases: CaseModel = {
  noun: "commercial cases",
  monthlyVolume: 300,
  closedDayWeight: 0.02,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row, progress, ctx} = d;
    row.case_type = rng.weighted(CASE_TYPES);
    row.is_filed_online = rng.chance(shareBetween(0.35, 0.8, progress / d.lag));
    const claim = Math.min(50_000_000, Math.max(2_000, rng.logNormal(150_000, 1)));
    row.claim_yuan = round(claim, 0);
    row.court_fees_yuan = round(claim * rng.uniform(0.01, 0.02), 0);
    row.attorney_fees_yuan = rng.chance(0.15)
      ? null
      : round(claim * between(0.12, 0.09, progress) * rng.uniform(0.7, 1.3), 0);
    const trial = Math.round(duration(d, {baseline: 150, end: 110, sigma: 0.4, lagWeight: 0.5, min: 20}));
    const judged = d.start.day + trial;
    row.judgment_on = judged <= ctx.asOfDay ? dateCell(judged) : null;
    const enforced = row.judgment_on !== null && rng.chance(0.4);
    if (enforced) {
      const days = Math.round(duration(d, {baseline: 330, end: 250, sigma: 0.35, lagWeight: 0.5, min: 30}));
      row.enforcement_fees_yuan = round(claim * rng.uniform(0.007, 0.013), 0);
      row.enforcement_closed_on = judged + days <= ctx.asOfDay ? dateCell(judged + days) : null;
    } else {
      row.enforcement_fees_yuan = null;
      row.enforcement_closed_on = null;
    }
  },
  caseId: (d, seq) =>
    `(${d.month.slice(0, 4)})青01民初${String(seq + 10_000 * Number(d.month.slice(5))).padStart(6, "0")}号`,
};
