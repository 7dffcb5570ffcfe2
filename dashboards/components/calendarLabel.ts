import type {Lang} from "./i18n.js";

/**
 * The workday calendar the exports were scored with (manifest.json `calendar`, written in English by
 * pipeline/export/runScore.ts), in the page's language: the Chinese page words each known part in Chinese
 * (package and version, official years, office hours, the minutes of a workday, the provisional years) so no English
 * phrase reaches it. A part this does not know stays as written, rather than being dropped.
 *
 * @example calendarLabel("chinese-days 1.5.7 (official years 2015–2025); office hours 09:00–12:00, 13:00–17:30 (1 workday = 450 min)", "zh")
 * // "chinese-days 1.5.7(国务院通知年份 2015–2025);办公时间 09:00–12:00、13:00–17:30(1 个工作日 = 450 分钟)"
 */
export function calendarLabel(calendar: string, lang: Lang): string {
  if (lang === "en") return calendar;
  return calendar
    .replace(/ \(official years ([^)]*)\)/, "(国务院通知年份 $1)")
    .replace(/ \(synthetic fixture\)/, "(模拟测试数据)")
    .replace(
      /; office hours ([^(;]*?) \(1 workday = (\d+) min\)/,
      (_, hours: string, minutes: string) => `;办公时间 ${hours.replaceAll(", ", "、")}(1 个工作日 = ${minutes} 分钟)`,
    )
    .replace(
      /; some durations reach years after (\d+), counted with their statutory holidays and days in lieu but no make-up days \(provisional\)/,
      ";部分时长延伸到 $1 年以后,按法定节假日及补假计算、不含调休(临时)",
    );
}
