/** Page language. Chinese pages live at the root, their English twins under /en/. */
export type Lang = "zh" | "en";

/** BCP 47 locale used for numbers, dates and collation. */
export function locale(lang: Lang): string {
  return lang === "zh" ? "zh-CN" : "en-GB";
}

/** Picks the Chinese or English name of anything with `name_zh`/`name_en`. */
export function nameOf(item: {name_zh: string; name_en: string}, lang: Lang): string {
  return lang === "zh" ? item.name_zh : item.name_en;
}

/** A count or value with grouping separators in the page's locale, e.g. 1,234 or 12.5. */
export function formatNumber(value: number, lang: Lang): string {
  return value.toLocaleString(locale(lang));
}

const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/**
 * An ISO calendar date (YYYY-MM-DD) as 2022年12月31日 or 31 Dec 2022. Dates are calendar days, not instants: they
 * are read and printed in UTC so no time zone can move them to the previous day.
 */
export function formatDate(iso: string, lang: Lang): string {
  let format = dateFormats.get(lang);
  if (!format) {
    // zh-CN "long" months give 2022年12月31日 (numeric ones give 2022/12/31).
    const month = lang === "zh" ? "long" : "short";
    format = new Intl.DateTimeFormat(locale(lang), {year: "numeric", month, day: "numeric", timeZone: "UTC"});
    dateFormats.set(lang, format);
  }
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/** A task or target deadline: an ISO date, or "ongoing" (持续推进) for work with no end date. */
export function formatDeadline(deadline: string, lang: Lang): string {
  if (deadline === "ongoing") return lang === "zh" ? "持续推进" : "Ongoing";
  return formatDate(deadline, lang);
}

/** Units of measure of quantitative targets (sources/plans/<plan>/targets.yaml `unit`). */
const measureUnits: Record<string, Record<Lang, string>> = {
  workday: {zh: "个工作日", en: "working days"},
  hour: {zh: "小时", en: "hours"},
  day: {zh: "天", en: "days"},
  percent: {zh: "%", en: "%"},
  percent_reduction: {zh: "%(压减)", en: "% reduction"},
  kW: {zh: "千瓦", en: "kW"},
};

/** A target's threshold as the plan states it: "≤ 1 个工作日", "≥ 95%". Unknown units print as they are. */
export function formatThreshold(target: {comparator: "<=" | ">="; value: number; unit: string}, lang: Lang): string {
  const symbol = target.comparator === "<=" ? "≤" : "≥";
  const unit = measureUnits[target.unit]?.[lang] ?? target.unit;
  const glue = unit.startsWith("%") ? "" : " ";
  return `${symbol} ${formatNumber(target.value, lang)}${glue}${unit}`;
}

/** A target's segment ({"applicant_type": "individual"}) as "applicant_type = individual"; null means everyone. */
export function formatSegment(segment: Record<string, string | boolean> | null, lang: Lang): string {
  if (segment === null || Object.keys(segment).length === 0) return lang === "zh" ? "全部" : "All";
  return Object.entries(segment)
    .map(([key, value]) => `${key} = ${String(value)}`)
    .join("; ");
}

const chineseNumerals = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** An action's heading as the plan numbers it: "(一)开展……专项行动" or "Action 1 · …". */
export function actionHeading(action: {number: number; name_zh: string; name_en: string}, lang: Lang): string {
  if (lang === "en") return `Action ${action.number} · ${action.name_en}`;
  const numeral = chineseNumerals[action.number] ?? String(action.number);
  return `(${numeral})${action.name_zh}`;
}
