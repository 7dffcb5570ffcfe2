import {shareBetween} from "../../planTrend.ts";
import {afterWorkdays, compactMonth, duration, type CaseModel} from "../caseFeed.ts";

/** What is repaired, and its share of applications (mostly removal from the abnormal-operations list). */
const RECORD_TYPES = [
  ["abnormal_operations", 0.7],
  ["administrative_penalty", 0.27],
  ["serious_violation", 0.03],
] as const;

/**
 * 信用修复: ~120 applications a month, dated by the complete application. Online applications grow from 40 % to
 * 85 % (clause 32: 线上线下等多渠道受理); the decision takes a median 10 → 4 workdays, counter applications
 * longer; nine in ten are repaired.
 */
export const creditRepairs: CaseModel = {
  noun: "credit repair applications",
  monthlyVolume: 120,
  closedDayWeight: 0.02,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row, progress} = d;
    row.record_type = rng.weighted(RECORD_TYPES);
    const online = rng.chance(shareBetween(0.4, 0.85, progress));
    row.channel = online ? "online" : "counter";
    const workdays = duration(d, {baseline: 10, end: 4, sigma: 0.5, lagWeight: 0.6, min: 1}) * (online ? 1 : 1.3);
    const decided = afterWorkdays(d, d.start.day, Math.max(1, Math.round(workdays)));
    row.decided_on = decided;
    row.is_repaired = decided === null ? null : rng.chance(0.9);
  },
  caseId: (d, seq) => `XYXF${compactMonth(d)}${String(seq).padStart(5, "0")}`,
};
