// The words for the status, verdict, tier and list codes of the exports (docs/exports.md), in Chinese and English:
// the one dictionary the dashboards (labels.ts beside this file) and the assessment report (pipeline/assess/labels.ts)
// both read, so a code is called the same on screen and on paper. It lives in the site's root because Observable
// Framework refuses a browser import from outside it ("non-local import"), while node imports it from anywhere;
// hence plain data, no imports, nothing node-only.

/** One word in both languages. */
export interface StatusWord {
  zh: string;
  en: string;
}

export const STATUS_LABELS = {
  /**
   * A target in a period (attainment.csv `status`, pipeline/scoring/attainment.ts). `at_risk` meets the target but is
   * past its alert value (预警值, sources/benchmarks/thresholds.yaml): 预警, the term of Chinese monitoring platforms.
   */
  attainment: {
    met: {zh: "达标", en: "Met"},
    at_risk: {zh: "预警", en: "Alert"},
    missed: {zh: "未达标", en: "Missed"},
    no_data: {zh: "无数据", en: "No data"},
  },
  /** The forecast for a target's deadline (forecasts.csv `verdict`, pipeline/scoring/forecast.ts). */
  forecast: {
    on_track: {zh: "有望按期达成", en: "On track"},
    at_risk: {zh: "按期达成存在风险", en: "At risk"},
    off_track: {zh: "难以按期达成", en: "Off track"},
    no_data: {zh: "无法预测", en: "No forecast"},
  },
  /** Tier verdicts (tiers.csv `verdict`): the catalog's three tiers, and the two outcomes beside them. */
  tier: {
    national_first_class: {zh: "全国一流", en: "National first class"},
    national_advanced: {zh: "全国先进", en: "National advanced"},
    comprehensive_improvement: {zh: "全面提升", en: "Comprehensive improvement"},
    below: {zh: "未达档次", en: "Below the tiers"},
    no_data: {zh: "暂无评定", en: "Not assessed"},
  },
  /** A task for one responsible unit (tasks.csv `status`, pipeline/scoring/taskStatus.ts). */
  task: {
    done: {zh: "按期完成", en: "Done on time"},
    done_late: {zh: "逾期完成", en: "Done late"},
    in_progress: {zh: "推进中", en: "In progress"},
    overdue: {zh: "逾期未完成", en: "Overdue"},
    not_started: {zh: "未启动", en: "Not started"},
    ongoing: {zh: "持续推进", en: "Ongoing"},
  },
  /** The unit appraisal lists (units.csv `list`): the plan's own 十佳 / 十差. */
  list: {
    top10: {zh: "十佳", en: "Top ten"},
    bottom10: {zh: "十差", en: "Bottom ten"},
  },
  /** A feed's freshness against its contract (feed_health.csv `freshness`). */
  freshness: {
    ok: {zh: "数据及时", en: "Up to date"},
    warn: {zh: "数据滞后", en: "Late"},
    error: {zh: "数据过期", en: "Stale"},
    no_data: {zh: "无数据", en: "No data"},
  },
} as const satisfies Record<string, Record<string, StatusWord>>;

/**
 * The words for the units of measure (metrics.yaml and targets.yaml `unit`), in the three forms they are printed:
 * `threshold` after a target's number as the plan states it ("≤ 1 个工作日"), `value` after a value and on an axis,
 * `report` in the assessment's tables. One dictionary for the site and the report, so a unit added to the catalog is
 * named in one place.
 */
export const UNIT_WORDS = {
  threshold: {
    workday: {zh: "个工作日", en: "working days"},
    hour: {zh: "小时", en: "hours"},
    day: {zh: "天", en: "days"},
    percent: {zh: "%", en: "%"},
    percent_reduction: {zh: "%(压减)", en: "% reduction"},
    kW: {zh: "千瓦", en: "kW"},
    count: {zh: "个", en: ""},
    yuan: {zh: "元", en: "yuan"},
    index: {zh: "分", en: "points"},
    percent_of_income: {zh: "%(占人均收入)", en: "% of income per capita"},
    usd: {zh: "美元", en: "US dollars"},
  },
  value: {
    workday: {zh: "个工作日", en: "workdays"},
    hour: {zh: "小时", en: "hours"},
    day: {zh: "天", en: "days"},
    percent: {zh: "%", en: "%"},
    percent_reduction: {zh: "%", en: "%"},
    kW: {zh: "千瓦", en: "kW"},
    count: {zh: "个", en: "count"},
    yuan: {zh: "元", en: "yuan"},
    index: {zh: "分", en: "points"},
    percent_of_income: {zh: "%人均收入", en: "% of income p.c."},
    usd: {zh: "美元", en: "USD"},
  },
  report: {
    workday: {zh: "工作日", en: "workdays"},
    hour: {zh: "小时", en: "hours"},
    day: {zh: "天", en: "days"},
    percent: {zh: "%", en: "%"},
    percent_reduction: {zh: "压减%", en: "% cut"},
    kW: {zh: "千瓦", en: "kW"},
    count: {zh: "个", en: "count"},
    yuan: {zh: "元", en: "yuan"},
    index: {zh: "分", en: "points"},
    percent_of_income: {zh: "%人均收入", en: "% of income per capita"},
    usd: {zh: "美元", en: "USD"},
  },
} as const satisfies Record<string, Record<string, StatusWord>>;

/**
 * A target's comparator (targets.yaml `comparator`) as printed before its value, on screen and on paper: `≤` a
 * ceiling and `≥` a floor, met on the value itself; `<` and `>` strict, met only beyond it (clause 37's 缩短: a cut
 * of more than 0 %).
 */
export const COMPARATOR_SIGNS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"} as const;

/** A target's comparator (targets.yaml `comparator`). */
export type ComparatorCode = keyof typeof COMPARATOR_SIGNS;

/** Whether lower values meet the comparator (a ceiling, `<=` or `<`). */
export function isCeiling(comparator: ComparatorCode): boolean {
  return comparator === "<=" || comparator === "<";
}

/** Whether the comparator is strict (`<`, `>`): equality does not meet it. */
export function isStrict(comparator: ComparatorCode): boolean {
  return comparator === "<" || comparator === ">";
}
