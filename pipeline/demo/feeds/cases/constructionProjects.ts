import {afterWorkdays, type CaseModel} from "../caseFeed.ts";
import {shareBetween} from "../../planTrend.ts";

const TYPES = [
  ["government_investment", 0.3],
  ["social_investment", 0.35],
  ["small_social_investment", 0.2],
  ["industrial", 0.15],
] as const;

/** Project names by kind, with the words a platform record carries. */
const NAMES: Record<string, readonly string[]> = {
  government_investment: ["市政道路改造工程", "中小学校舍建设项目", "老旧小区改造项目", "污水管网建设工程"],
  social_investment: ["住宅小区建设项目", "商业综合体项目", "写字楼建设项目"],
  small_social_investment: ["小型仓库建设项目", "厂房改扩建项目"],
  industrial: ["标准化厂房建设项目", "生产线技术改造项目", "新材料产业园项目"],
};

/** Intermediary services (surveys, assessments, drawing reviews…) a project uses, by kind. */
const SERVICES: Record<string, readonly [number, number]> = {
  government_investment: [3, 9],
  social_investment: [2, 8],
  small_social_investment: [0, 3],
  industrial: [2, 7],
};

/** Industry codes (国民经济行业) used in the synthetic project codes. */
const INDUSTRY = ["47", "48", "50", "30", "44"];

/**
 * 工程建设项目赋码清单: ~60 projects a month coded on the investment project platform. A coded project enters the
 * approval management system within three workdays when it does; the share that does rises from 80 % (2021) to
 * every project in the main districts at the plan's deadline, while the lagging counties stay short of it (clause
 * 22.1 missed city-wide). The intermediary services a project uses are handled in the system from 55 % of them to all
 * of them at the deadline, in every area alike (clause 22.2 met from 2023). A project entering the system after the
 * as-of date is not in it yet.
 */
export const constructionProjects: CaseModel = {
  noun: "coded construction projects",
  monthlyVolume: 60,
  closedDayWeight: 0.01,
  afterHoursShare: 0,
  fill(d) {
    const {rng, row} = d;
    const type = rng.weighted(TYPES);
    row.project_type = type;
    row.project_name = rng.pick(NAMES[type]!);
    const entered = rng.chance(shareBetween(0.8, 1, d.progress / d.lag))
      ? afterWorkdays(d, d.start.day, rng.int(0, 3))
      : null;
    row.is_in_approval_system = entered !== null;
    row.entered_system_on = entered;
    const [low, high] = SERVICES[type]!;
    const services = rng.int(low, high);
    const inSystem = shareBetween(0.55, 1, d.progress);
    let handled = 0;
    for (let k = 0; k < services; k++) if (rng.chance(inSystem)) handled++;
    row.intermediary_services = services;
    row.intermediary_services_in_system = handled;
  },
  // 项目代码 as the national investment project platform writes it: year-division-industry-type-sequence.
  caseId(d, seq) {
    const area = d.ctx.catalog.areas.find((a) => a.id === d.area?.id);
    const code = area && /^\d{6}$/.test(area.code) ? area.code : "630100";
    const industry = INDUSTRY[seq % INDUSTRY.length];
    return `${d.month.slice(0, 4)}-${code}-${industry}-0${1 + (seq % 3)}-${d.month.slice(5)}${String(seq).padStart(4, "0")}`;
  },
};
