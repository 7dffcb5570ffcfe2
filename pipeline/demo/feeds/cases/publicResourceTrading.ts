import {afterWorkdays, compactMonth, duration, round, type CaseModel} from "../caseFeed.ts";
import {shareBetween} from "../../planTrend.ts";

/** Kinds of tendered project and their share of the trading centre's volume. */
const PROJECT_TYPES = [
  ["construction", 0.55],
  ["government_procurement", 0.3],
  ["land_mineral_rights", 0.08],
  ["state_assets", 0.05],
  ["other", 0.02],
] as const;

/**
 * 招标投标: ~120 tenders a month through the public resources trading centre, dated by bid opening (the as-of
 * column); 45 % tendered by municipal bodies. Fully electronic trading rises from 85 % (2021) to 99 % (clause 12's
 * 全流程电子化 nearly met), e-guarantees from 30 % to 80 % of the securities asked for, remote evaluation from 10 %
 * to 35 %, out-of-town winners from 20 % to 35 %. One tender in 20 draws a complaint, decided in a median 18 → 10
 * workdays (the 30-workday statutory limit).
 */
export const publicResourceTrading: CaseModel = {
  noun: "tendered projects",
  monthlyVolume: 120,
  closedDayWeight: 0,
  afterHoursShare: 0,
  areaShares: {
    xining: 0.45,
    chengdong: 0.07,
    chengzhong: 0.07,
    chengxi: 0.07,
    chengbei: 0.06,
    huangzhong: 0.08,
    datong: 0.07,
    huangyuan: 0.05,
    dongchuan: 0.04,
    nanchuan: 0.02,
    biotech: 0.02,
  },
  fill(d) {
    const {rng, row, progress} = d;
    // Lagging areas move more slowly: their progress counts less.
    const p = progress / d.lag;
    row.project_type = rng.weighted(PROJECT_TYPES);
    row.estimate_10k_yuan = round(Math.min(500_000, Math.max(5, rng.logNormal(300, 1.2))), 2);
    row.is_fully_electronic = rng.chance(shareBetween(0.85, 0.99, p));
    const waived = rng.chance(0.1);
    row.bid_security_form = waived
      ? "waived"
      : rng.chance(shareBetween(0.3, 0.8, p))
        ? "e_guarantee"
        : rng.weighted([
            ["cash", 0.6],
            ["bank_guarantee", 0.3],
            ["insurance", 0.1],
          ] as const);
    row.bid_security_pct = waived ? null : round(rng.uniform(0.5, 2), 2);
    row.is_remote_evaluation = rng.chance(shareBetween(0.1, 0.35, p));
    row.winner_home = rng.chance(0.04) ? null : rng.chance(shareBetween(0.2, 0.35, p)) ? "nonlocal" : "local";
    if (rng.chance(0.05)) {
      // A complaint comes within ten workdays of the opening; it exists only if that is on or before the as-of date.
      const lag = rng.int(1, 10);
      const receivedDay = d.ctx.clock.addWorkdays(d.start.day, lag);
      const received = afterWorkdays(d, d.start.day, lag);
      row.complaint_received_on = received;
      const workdays = Math.round(duration(d, {baseline: 18, end: 10, sigma: 0.35, lagWeight: 0.5, min: 1}));
      row.complaint_decided_on = received ? afterWorkdays(d, receivedDay, workdays) : null;
    }
  },
  caseId: (d, seq) => `XNJY${compactMonth(d)}${String(seq).padStart(4, "0")}`,
};
