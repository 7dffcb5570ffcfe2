import {shareBetween} from "../../planTrend.ts";
import {afterWorkdays, compactMonth, duration, type CaseModel} from "../caseFeed.ts";

/** Departments that lead 双随机 tasks, and their share of inspections (the market regulation bureau leads most). */
const LEADS = [
  ["市市场监管局", 0.55],
  ["市生态环境局", 0.1],
  ["市应急管理局", 0.08],
  ["市卫生健康委", 0.08],
  ["市交通运输局", 0.07],
  ["市住房和城乡建设局", 0.07],
  ["市人力资源社会保障局", 0.05],
] as const;

/** Results of an inspection and their shares (most entities inspected show no issue). */
const RESULTS = [
  ["no_issue", 0.8],
  ["issue_corrected", 0.12],
  ["issue_penalised", 0.03],
  ["not_located", 0.05],
] as const;

/**
 * 双随机、一公开: ~300 inspections a month, dated by the inspection. Joint inspections of several departments grow
 * from 25 % to 60 % (clause 29: 将更多部门纳入联合抽查范围). Results are published a median 16 → 8 workdays after
 * the inspection (lagging counties slower), so the share within the 20-workday limit climbs from about seven in
 * ten to nearly all.
 */
export const randomInspections: CaseModel = {
  noun: "inspections",
  monthlyVolume: 300,
  closedDayWeight: 0.01,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row, progress} = d;
    row.lead_department = rng.weighted(LEADS);
    const joint = rng.chance(shareBetween(0.25, 0.6, progress));
    row.is_joint = joint;
    row.departments = joint ? 2 + Math.floor(rng.uniform(0, 4)) : 1;
    row.result = rng.weighted(RESULTS);
    const delay = duration(d, {baseline: 16, end: 8, sigma: 0.45, lagWeight: 0.8, min: 1});
    row.result_published_on = afterWorkdays(d, d.start.day, Math.round(delay));
  },
  caseId: (d, seq) => `SSJ${compactMonth(d)}${String(seq).padStart(5, "0")}`,
};
