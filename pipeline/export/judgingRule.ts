import {COMPARATOR_SIGNS, isStrict, type ComparatorCode} from "../../dashboards/components/statusLabels.ts";

/** What a target says, as far as its judging rule needs it (catalog targets and the dashboards' targets both fit). */
export interface RuleTarget {
  clause: string;
  comparator: ComparatorCode;
  value: number;
  unit: string;
  /** `all`, or the segment as the exports write it (`supply_class=low_voltage`). */
  segment: string;
  text_zh: string;
  case_limit?: {value: number; unit: string} | null;
  baseline?: {
    period: string;
    statistic: string;
    reference_zh: string;
    limits_in_force?: Array<{segment: Record<string, string | boolean>; value: number; source: string}>;
  } | null;
  reading_zh?: string | null;
  reading_en?: string | null;
  /** The word of the plan the value is read from, where the plan states it without digits (全流程: 100 %). */
  value_from_words?: string | null;
}

/** What the target's metric is, as far as the rule's words need it (metrics.yaml). */
export interface RuleMetric {
  name_zh: string;
  name_en: string;
  unit: string;
  kind?: string | null;
  population_zh?: string | null;
  population_en?: string | null;
  rule_zh?: string | null;
  rule_en?: string | null;
  definition_zh?: string | null;
  definition_en?: string | null;
}

const UNIT: Record<string, [string, string]> = {
  workday: ["个工作日", " workdays"],
  hour: ["小时", " hours"],
  day: ["日", " days"],
  percent: ["%", " %"],
  percent_reduction: ["%", " %"],
  kW: ["千瓦", " kW"],
};

const STATISTIC: Record<string, [string, string]> = {
  median: ["中位数", "median"],
  mean: ["平均值(比率按分子分母汇总)", "mean (a rate pooled over its numerators and denominators)"],
  p90: ["第90百分位数", "90th percentile"],
  p10: ["第10百分位数", "10th percentile"],
  max: ["最大值", "largest value"],
  min: ["最小值", "smallest value"],
};

const amount = (value: number, unit: string, zh: boolean) => `${value}${UNIT[unit]?.[zh ? 0 : 1] ?? ` ${unit}`}`;
const sign = (comparator: ComparatorCode) => COMPARATOR_SIGNS[comparator];
/** A baseline period in words: `2021` → 2021 年 / 2021, `2021-12` → 2021 年 12 月 / December 2021. */
const periodWords = (period: string, zh: boolean) => {
  const [year, month] = period.split("-");
  if (!month) return zh ? `${year} 年` : year!;
  return zh ? `${year} 年 ${Number(month)} 月` : `${year}-${month}`;
};

/**
 * The judging rule of one target in words, with its source: which quantity is judged, over which population (the
 * denominator, for a share of cases within a limit), against what, and where each part comes from (the plan's
 * words, targets.yaml, judging.yaml). Shown on every indicator page and in the assessment's method section, so an
 * evaluator can defend every "met".
 *
 * @example judgingRule({target: t13, metric: m13, statistic: "mean", minCases: 5}, "en")
 * // "Clause 13: a rule for every procurement project. Judged on the share of procurement projects of the period …"
 */
export function judgingRule(
  {target, metric, statistic, minCases}: {target: RuleTarget; metric: RuleMetric; statistic: string; minCases?: number},
  lang: "zh" | "en",
): string {
  const zh = lang === "zh";
  const parts: string[] = [];
  const word = target.value_from_words;
  const valueWord = word
    ? zh
      ? `(目标值 ${target.value}% 读自“${word}”)`
      : ` (the value ${target.value} % read from “${word}”)`
    : "";
  const words = zh ? `方案原文“${target.text_zh}”${valueWord}` : `the plan's words “${target.text_zh}”${valueWord}`;
  const segment = target.segment === "all" ? "" : target.segment;
  if (metric.kind === "share_within_limit" && target.case_limit) {
    const limit = String(target.case_limit.value);
    const population = (zh ? metric.population_zh : metric.population_en) ?? "";
    const rule = ((zh ? metric.rule_zh : metric.rule_en) ?? "").replace("{limit}", limit);
    parts.push(
      zh
        ? `条款 ${target.clause}:对每一个${population}都适用的规则。按比例评定:分母为统计期内全部${population}${segment ? `(${segment})` : ""},分子为其中“${rule}”的个数;比例 ${sign(target.comparator)} ${target.value}% 为达标,即一件不符即未达标。不按中位数或最大值评定,因为那样多数以外的${population}可以违反规则而仍显示达标。每一件不符的${population}逐件列于“违反规则的个案”(rule_breaches.csv),注明数据源、文件和行号。`
        : `Clause ${target.clause}: a rule for every one of the ${population}. Judged as a share: the denominator is all ${population} of the period${segment ? ` (${segment})` : ""}, the numerator those with ${rule}; met when the share is ${sign(target.comparator)} ${target.value} %, so a single breach is a miss. Not judged on a median or a largest value, under which many ${population} could break the rule while the target reads met. Every one that broke it is listed in 违反规则的个案 (rule_breaches.csv) with its feed, file and line.`,
    );
  } else {
    const stat = STATISTIC[statistic]?.[zh ? 0 : 1] ?? statistic;
    const relative = target.unit === "percent_reduction" && target.baseline;
    const strict = isStrict(target.comparator);
    // A stock (clause 42) is one count at each month end: a period's statistic is over its month ends, not cases.
    const stock = metric.kind === "stock";
    const quantity = relative
      ? stock
        ? zh
          ? `${metric.name_zh.replace(/减少幅度$/, "")}较基准的减少幅度`
          : "the month-end count's cut against the baseline"
        : zh
          ? "每件办件压减幅度"
          : "the per-case cut"
      : zh
        ? metric.name_zh
        : metric.name_en.toLowerCase();
    const over = stock
      ? zh
        ? "统计期内各月末"
        : "the month ends of the period"
      : zh
        ? segment
          ? `统计期内${segment} 的`
          : "统计期内全部"
        : segment
          ? `the ${segment} cases of the period`
          : "all cases of the period";
    // Durations are judged on a typical case, so the tail is named beside; rates and fees are pooled already.
    const perCase = ["workday", "hour", "day"].includes(target.unit);
    parts.push(
      zh
        ? `条款 ${target.clause}:按${over}${quantity}的${stat}评定,${sign(target.comparator)} ${amount(target.value, target.unit, zh)} 为达标${perCase ? ";同时列出在限值以内的办件比例(n 为办件数)" : ""}。`
        : `Clause ${target.clause}: judged on the ${stat} of ${quantity} over ${over}, met at ${sign(target.comparator)} ${amount(target.value, target.unit, zh)}${perCase ? "; the share of cases within the limit (n cases) is shown beside it" : ""}.`,
    );
    if (relative && target.baseline?.limits_in_force) {
      const limits = target.baseline.limits_in_force
        .map((l) => `${Object.values(l.segment).join("/")} ${amount(l.value, "workday", zh)}(${l.source})`)
        .map((s) => (zh ? s : s.replace("(", " (")));
      parts.push(
        zh
          ? `基准为${target.baseline.reference_zh}:每件按其类别的现行时限计算压减幅度:${limits.join(";")}。${target.baseline.period} 年实测中位数仅作对照,不作基准。`
          : `Baseline: the limits in force (${target.baseline.reference_zh}), each case cut against its class's limit: ${limits.join("; ")}. The measured ${target.baseline.statistic} of ${target.baseline.period} is shown beside it, not judged against.`,
      );
    } else if (relative && target.baseline) {
      parts.push(
        zh
          ? `基准(${target.baseline.reference_zh}):${periodWords(target.baseline.period, zh)}${stock ? "月末实测件数" : `实测${STATISTIC[target.baseline.statistic]?.[0] ?? target.baseline.statistic}`}。`
          : `Baseline (${target.baseline.reference_zh}): the measured ${stock ? "count at the end" : target.baseline.statistic} of ${periodWords(target.baseline.period, zh)}.`,
      );
    }
    if (strict) {
      const more = target.comparator === ">";
      parts.push(
        zh
          ? `比较符为严格的“${sign(target.comparator)}”:须${more ? "大于" : "小于"} ${amount(target.value, target.unit, zh)}${relative ? ",即本期值须优于基准" : ""};恰好等于(或只差浮点误差)不算达标。`
          : `The comparator is strict (${sign(target.comparator)}): the value must be ${more ? "more" : "less"} than ${amount(target.value, target.unit, zh)}${relative ? ", i.e. the period better than the baseline" : ""}; exactly equal (or equal within floating-point noise) is missed.`,
      );
    }
  }
  const definition = zh ? metric.definition_zh : metric.definition_en;
  if (definition) parts.push(definition);
  const reading = zh ? target.reading_zh : target.reading_en;
  if (reading) parts.push(zh ? `解读:${reading}` : `A reading: ${reading}`);
  if (minCases !== undefined)
    parts.push(zh ? `少于 ${minCases} 件为“无数据”。` : `Fewer than ${minCases} cases: no data.`);
  parts.push(
    zh
      ? `依据:${words};目标见 targets.yaml,统计量见 judging.yaml。`
      : `Source: ${words}; the target in targets.yaml, the statistic in judging.yaml.`,
  );
  return parts.join(zh ? "" : " ");
}
