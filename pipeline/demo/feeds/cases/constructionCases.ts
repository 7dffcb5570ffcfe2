import {afterWorkdays, duration, round, type CaseModel} from "../caseFeed.ts";
import {sideRng} from "./sideRng.ts";

const TYPES = [
  ["government_investment", 0.3],
  ["social_investment", 0.35],
  ["small_social_investment", 0.2],
  ["industrial", 0.15],
] as const;

/** Median approval workdays as the system counts them, 2021 → end level. No target in the plan; trend only. */
const LEVELS: Record<string, {baseline: number; end: number}> = {
  government_investment: {baseline: 95, end: 60},
  social_investment: {baseline: 80, end: 45},
  small_social_investment: {baseline: 35, end: 15},
  industrial: {baseline: 55, end: 25},
};

/**
 * Approval items and inspections a project goes through (2021 → end level; DB2020 counted 18 for Beijing and
 * Shanghai's warehouse), and the median construction cost (工程造价, yuan) by kind of project.
 */
const STEPS: Record<string, {baseline: number; end: number; value: number}> = {
  government_investment: {baseline: 24, end: 18, value: 50_000_000},
  social_investment: {baseline: 22, end: 16, value: 80_000_000},
  small_social_investment: {baseline: 14, end: 9, value: 5_000_000},
  industrial: {baseline: 20, end: 14, value: 30_000_000},
};

/** Industry codes (国民经济行业) used in the synthetic project codes. */
const INDUSTRY = ["47", "48", "50", "30", "44"];

/**
 * 工程建设项目审批: ~50 projects a month. The system's approval time excludes the applicant's own time, so the
 * permit date lies 15–60 % further out. Projects still in approval on the as-of date have no permit date and no
 * approval time yet. Approval fees fall from about 3 % of the construction cost to about 1.5 %.
 */
export const constructionCases: CaseModel = {
  noun: "construction projects",
  monthlyVolume: 50,
  closedDayWeight: 0.01,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row} = d;
    const type = rng.weighted(TYPES);
    row.project_type = type;
    const workdays = round(duration(d, {...LEVELS[type]!, sigma: 0.35, lagWeight: 0.4, min: 3}), 1);
    const approved = afterWorkdays(d, d.start.day, workdays * rng.uniform(1.15, 1.6));
    row.approved_on = approved;
    row.approval_workdays = approved ? workdays : null;
    const full = type === "small_social_investment" ? 2 : rng.chance(0.9) ? 4 : 3;
    row.stages = approved ? full : rng.int(1, full);
    const side = sideRng(d);
    const steps = STEPS[type]!;
    const p = Math.min(1, d.progress);
    row.procedures = Math.round(steps.baseline + (steps.end - steps.baseline) * p + side.uniform(-2, 2));
    const value = round(side.logNormal(steps.value, 0.7), -3);
    row.construction_value_yuan = value;
    row.cost_yuan = round(value * side.uniform(0.5, 1.5) * (0.03 - 0.015 * p), 0);
  },
  // 项目代码 as the national investment project platform writes it: year-division-industry-type-sequence.
  caseId(d, seq) {
    const area = d.ctx.catalog.areas.find((a) => a.id === d.area?.id);
    const code = area && /^\d{6}$/.test(area.code) ? area.code : "630100";
    const industry = INDUSTRY[seq % INDUSTRY.length];
    return `${d.month.slice(0, 4)}-${code}-${industry}-0${1 + (seq % 3)}-${d.month.slice(5)}${String(seq).padStart(4, "0")}`;
  },
};
