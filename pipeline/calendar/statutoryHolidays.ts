import {epochDay, dateFromEpochDay} from "./localTime.ts";
import {solarDateOfLunar, solarTermDate} from "./lunisolar.ts";
import type {HolidayDate, StatutoryRule} from "./statutoryRule.ts";

/** One statutory rest day. */
export interface StatutoryDay {
  /** `YYYY-MM-DD`. */
  date: string;
  name: string;
  name_en: string;
}

/**
 * The statutory rest days of Gregorian `year` under `rule` (《全国年节及纪念日放假办法》 art. 2), ascending, with
 * lunar dates and the 清明 solar term computed for that year. Only the days the law fixes: no 调休 make-up workday,
 * and no 补假 for a holiday on a Saturday or Sunday (art. 6), since the State Council's notice decides both.
 *
 * A day two holidays share (中秋 fell on 国庆 in 2020 and does again in 2028) is listed once, under the holiday the
 * rule lists first; the day the law then owes is one of the notice's unknowns. Days before `rule.in_force_from` are
 * left out: an earlier version of the law had other holidays. A day that falls in the next or previous year
 * (春节 counted back from an early 正月初一 never does, but the rule does not assume it) is left to that year.
 *
 * Throws a `RangeError` for a year outside {@link LUNISOLAR_YEARS} when the rule needs lunar dates or solar terms.
 *
 * @example statutoryHolidays(2027, rule).slice(1, 5).map((d) => d.date)
 * // ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"] (除夕 to 正月初三)
 */
export function statutoryHolidays(year: number, rule: StatutoryRule): StatutoryDay[] {
  const days = new Map<string, StatutoryDay>();
  const inForce = epochDay(rule.in_force_from);
  for (const holiday of rule.holidays) {
    const anchor = epochDay(anchorDate(year, holiday.date));
    for (let i = 0; i < holiday.days; i++) {
      const day = anchor - holiday.days_before + i;
      const date = dateFromEpochDay(day);
      if (day < inForce || Number(date.slice(0, 4)) !== year || days.has(date)) continue;
      days.set(date, {date, name: holiday.name, name_en: holiday.name_en});
    }
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

function anchorDate(year: number, date: HolidayDate): string {
  switch (date.calendar) {
    case "gregorian":
      return `${year}-${pad(date.month)}-${pad(date.day)}`;
    case "lunar":
      return solarDateOfLunar(year, date.month, date.day);
    case "solar_term":
      return solarTermDate(year, date.term);
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
