import type {Lang} from "./i18n.js";
import {STATUS_LABELS, type StatusWord} from "./statusLabels.js";

type Labels = Record<string, [zh: string, en: string]>;

/** A table of the shared dictionary (statusLabels.ts) in this file's [zh, en] form. */
const words = (table: Record<string, StatusWord>): Labels =>
  Object.fromEntries(Object.entries(table).map(([code, w]) => [code, [w.zh, w.en]]));

function label(table: Labels, fallback: [string, string]) {
  return (key: string | null | undefined, lang: Lang): string => {
    const entry = (key === null || key === undefined ? undefined : table[key]) ?? (key ? [key, key] : fallback);
    return lang === "zh" ? entry[0] : entry[1];
  };
}

/** Attainment of a target (attainment.csv `status`); null means the indicator has no quantitative target. */
export const statusLabel = label(words(STATUS_LABELS.attainment), ["无量化目标", "No target"]);

/** The forecast for a target's deadline (forecasts.csv `verdict`). */
export const verdictLabel = label(words(STATUS_LABELS.forecast), ["无预测", "No forecast"]);

/** A feed's freshness against its contract (feed_health.csv `freshness`). */
export const freshnessLabel = label(words(STATUS_LABELS.freshness), ["无数据", "No data"]);

/** Tier verdicts besides the catalog's three tiers (tiers.csv `verdict`). */
export const tierLabel = label(words(STATUS_LABELS.tier), ["暂无评定", "Not assessed"]);

/** Where a tier verdict came from (tiers.csv `verdict_source`): the official evaluation's published result, or
 * bizenv's own rule (sources/benchmarks/tier-rules.yaml), which is only ever a simulation of it. */
export const verdictSourceLabel = label(
  {official: ["官方评价", "Official evaluation"], simulated: ["模拟评价", "Simulated evaluation"]},
  ["模拟评价", "Simulated evaluation"],
);

/** A simulated verdict made on peers' earlier-year values (tiers.csv `is_provisional`). */
export const provisionalLabel = (lang: Lang): string => (lang === "zh" ? "暂定" : "provisional");

/**
 * A tier verdict with where it came from, so no page shows bizenv's simulation as the official result:
 * 全国先进（模拟评价·暂定）, 全国一流（官方评价）. A missing source reads as simulated.
 */
export function tierVerdictLabel(
  verdict: string | null | undefined,
  source: string | null | undefined,
  provisional: boolean | null | undefined,
  lang: Lang,
): string {
  const from = [verdictSourceLabel(source ?? "simulated", lang), ...(provisional ? [provisionalLabel(lang)] : [])];
  return lang === "zh"
    ? `${tierLabel(verdict, lang)}（${from.join("·")}）`
    : `${tierLabel(verdict, lang)} (${from.join(", ")})`;
}

/** Task status per unit (tasks.csv `status`). */
export const taskStatusLabel = label(words(STATUS_LABELS.task), ["未报送", "Not reported"]);

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
export const listLabel = label(words(STATUS_LABELS.list), ["", ""]);

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
