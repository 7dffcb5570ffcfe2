import type {Lang} from "./i18n.js";

type Labels = Record<string, [zh: string, en: string]>;

function label(table: Labels, fallback: [string, string]) {
  return (key: string | null | undefined, lang: Lang): string => {
    const entry = (key === null || key === undefined ? undefined : table[key]) ?? (key ? [key, key] : fallback);
    return lang === "zh" ? entry[0] : entry[1];
  };
}

/** Attainment of a target (attainment.csv `status`); null means the indicator has no quantitative target. */
export const statusLabel = label(
  {met: ["达标", "Met"], at_risk: ["临界", "At risk"], missed: ["未达标", "Missed"], no_data: ["无数据", "No data"]},
  ["无量化目标", "No target"],
);

/** The forecast for a target's deadline (forecasts.csv `verdict`). */
export const verdictLabel = label(
  {
    on_track: ["有望按期达成", "On track"],
    at_risk: ["按期达成存在风险", "At risk"],
    off_track: ["难以按期达成", "Off track"],
    no_data: ["无法预测", "No forecast"],
  },
  ["无预测", "No forecast"],
);

/** A feed's freshness against its contract (feed_health.csv `freshness`). */
export const freshnessLabel = label(
  {
    ok: ["数据及时", "Up to date"],
    warn: ["数据滞后", "Late"],
    error: ["数据过期", "Stale"],
    no_data: ["无数据", "No data"],
  },
  ["无数据", "No data"],
);

/** Tier verdicts besides the catalog's three tiers (tiers.csv `verdict`). */
export const tierLabel = label(
  {
    national_first_class: ["全国一流", "National first class"],
    national_advanced: ["全国先进", "National advanced"],
    comprehensive_improvement: ["全面提升", "Comprehensive improvement"],
    below: ["未达档次", "Below the tiers"],
    no_data: ["暂无评定", "Not assessed"],
  },
  ["暂无评定", "Not assessed"],
);

/** Task status per unit (tasks.csv `status`). */
export const taskStatusLabel = label(
  {
    done: ["按期完成", "Done on time"],
    done_late: ["逾期完成", "Done late"],
    in_progress: ["推进中", "In progress"],
    overdue: ["逾期未完成", "Overdue"],
    not_started: ["未启动", "Not started"],
    ongoing: ["持续推进", "Ongoing"],
  },
  ["未报送", "Not reported"],
);

/** National references (national.csv `reference`). */
export const referenceLabel = label(
  {
    national_best: ["全国最优", "National best"],
    national_advanced: ["全国先进", "National advanced"],
    national_best_practice: ["全国标杆值", "National best practice"],
    best_peer: ["对标城市最优", "Best peer city"],
    excellent_threshold: ["先进值", "Advanced threshold"],
    national_policy_target: ["国家政策目标", "National policy target"],
    db2020_china: ["营商环境报告2020(中国)", "Doing Business 2020 (China)"],
    db2020_beijing: ["营商环境报告2020(北京)", "Doing Business 2020 (Beijing)"],
    db2020_shanghai: ["营商环境报告2020(上海)", "Doing Business 2020 (Shanghai)"],
  },
  ["参照值", "Reference"],
);

export const surveyLabel = label(
  {
    qianqi: ["千企评价", "Thousand-firms evaluation"],
    xining_pingyi: ["西宁评议", "Xining public appraisal"],
    haochaping: ["好差评", "Service ratings"],
    all: ["全部调查", "All surveys"],
  },
  ["调查", "Survey"],
);

export const respondentLabel = label({enterprise: ["企业", "Enterprises"], citizen: ["群众", "Citizens"]}, ["", ""]);

/** Appraisal lists of units (units.csv `list`). */
export const listLabel = label({top10: ["前十名", "Top ten"], bottom10: ["后十名", "Bottom ten"]}, ["", ""]);

export const areaKindLabel = label(
  {city: ["全市", "City"], district: ["区", "District"], county: ["县", "County"], park: ["园区", "Park"]},
  ["", ""],
);

/** Parts of an exported segment (`key=value`), in the plan's own terms. */
const segmentParts: Labels = {
  all: ["全部", "All"],
  "applicant_type=individual": ["个人", "Individuals"],
  "applicant_type=enterprise": ["企业", "Enterprises"],
  "supply_class=high_voltage_single": ["高压单电源", "High voltage, single supply"],
  "supply_class=high_voltage_dual": ["高压双电源", "High voltage, dual supply"],
  "supply_class=low_voltage": ["低压", "Low voltage"],
  "needs_grid_works=true": ["涉及外线工程", "With grid works"],
  "needs_grid_works=false": ["无外线工程", "Without grid works"],
  "area_type=urban": ["城镇地区", "Urban areas"],
  "area_type=rural": ["农村地区", "Rural areas"],
  "utility=water": ["用水", "Water"],
  "utility=gas": ["用气", "Gas"],
  "customer_class=industrial_public": ["工业及公共服务用户", "Industrial and public users"],
  "customer_class=non_industrial_general": ["非工业一般用户", "Non-industrial general users"],
  "applicant_kind=organisation": ["用气单位(不含居民)", "Organisations (households out)"],
  "applicant_kind=household": ["居民用户", "Households"],
};

/** A segment of the exports (`utility=water;customer_class=industrial_public`) as 用水 · 工业及公共服务用户. */
export function segmentLabel(segment: string | null | undefined, lang: Lang): string {
  if (!segment || segment === "all") return lang === "zh" ? "全部" : "All";
  return segment
    .split(";")
    .map((part) => segmentParts[part]?.[lang === "zh" ? 0 : 1] ?? part)
    .join(" · ");
}
