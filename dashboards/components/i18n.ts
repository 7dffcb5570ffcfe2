import {COMPARATOR_SIGNS, UNIT_WORDS, type ComparatorCode} from "./statusLabels.js";

/** Page language. Chinese pages live at the root, their English twins under /en/. */
export type Lang = "zh" | "en";

/** BCP 47 locale used for numbers, dates and collation. */
function locale(lang: Lang): string {
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

/** Units of measure of quantitative targets (sources/plans/<plan>/targets.yaml `unit`): statusLabels.ts. */
const measureUnits: Record<string, Record<Lang, string>> = UNIT_WORDS.threshold;

/** A target's threshold as the plan states it: "≤ 1 个工作日", "≥ 95%". Unknown units print as they are. */
export function formatThreshold(
  target: {comparator: ComparatorCode; value: number; unit: string; case_limit?: {value: number; unit: string} | null},
  lang: Lang,
): string {
  const symbol = COMPARATOR_SIGNS[target.comparator];
  const amount = (value: number, unitId: string) => {
    const unit = measureUnits[unitId]?.[lang] ?? unitId;
    return `${formatNumber(value, lang)}${unit.startsWith("%") ? "" : " "}${unit}`;
  };
  const threshold = `${symbol} ${amount(target.value, target.unit)}`;
  // A share target (clauses 13, 19): the share required, and the plan's per-case number it counts against.
  if (!target.case_limit) return threshold;
  const limit = amount(target.case_limit.value, target.case_limit.unit);
  return lang === "zh" ? `${threshold}(限值 ${limit})` : `${threshold} (limit ${limit})`;
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

/** Chooses the Chinese or English text. */
export function tr(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? zh : en;
}

/**
 * A measured value with at most `digits` decimals in the page's locale (12.5, 1,234), or "—" when there is none.
 * Trailing zeros are dropped: 2.50 prints as 2.5.
 */
export function formatDecimal(value: number | null | undefined, lang: Lang, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString(locale(lang), {maximumFractionDigits: digits});
}

/**
 * A count as Chinese readers expect it: 12,345 as 1.23万 and 123,456,789 as 1.23亿 on Chinese pages (万 = 10⁴,
 * 亿 = 10⁸), with grouping separators on English ones.
 */
export function formatCount(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (lang === "zh" && Math.abs(value) >= 1e8) return `${formatDecimal(value / 1e8, lang, 2)}亿`;
  if (lang === "zh" && Math.abs(value) >= 1e4) return `${formatDecimal(value / 1e4, lang, 2)}万`;
  return formatDecimal(value, lang, 0);
}

/** Short unit names for values and axes (metrics.yaml `unit`): statusLabels.ts. */
const valueUnits: Record<string, Record<Lang, string>> = UNIT_WORDS.value;

/** A metric's unit for an axis label: 个工作日, hours, %. */
export function unitLabel(unit: string, lang: Lang): string {
  return valueUnits[unit]?.[lang] ?? unit;
}

/** A value with its unit: "2.13 个工作日", "96.2%", "160 kW"; "—" when there is no value. */
export function formatValue(value: number | null | undefined, unit: string, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const u = unitLabel(unit, lang);
  return `${formatDecimal(value, lang, 2)}${u.startsWith("%") ? "" : " "}${u}`;
}

/** A period of the exports: 2023-06 → 2023年6月 / Jun 2023, 2023-Q2 → 2023年第2季度 / Q2 2023, 2023 → 2023年 / 2023. */
export function formatPeriod(period: string | null | undefined, lang: Lang): string {
  if (!period) return "—";
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    if (lang === "zh") return `${m[1]}年${Number(m[2])}月`;
    const month = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    return month.toLocaleDateString("en-GB", {month: "short", year: "numeric", timeZone: "UTC"});
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return lang === "zh" ? `${m[1]}年第${m[2]}季度` : `Q${m[2]} ${m[1]}`;
  if (/^\d{4}$/.test(period)) return lang === "zh" ? `${period}年` : period;
  if (/^\d{4}-\d{2}-\d{2}/.test(period)) return formatDate(period.slice(0, 10), lang);
  return period;
}

/** An ISO instant (2023-07-01T02:00:00Z) as a date and time in China: 2023年7月1日 10:00 / 1 Jul 2023, 10:00. */
export function formatInstant(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale(lang), {
    year: "numeric",
    month: lang === "zh" ? "long" : "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Asia/Shanghai",
  });
}
