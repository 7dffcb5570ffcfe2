import {epochDay, dateFromEpochDay, isoWeekday} from "./localTime.ts";
import {solarDateOfLunar, solarTermDate} from "./lunisolar.ts";
import type {HolidayDate, StatutoryRule} from "./statutoryRule.ts";

/** One statutory rest day, or a day off given in lieu of one. */
export interface StatutoryDay {
  /** `YYYY-MM-DD`. */
  date: string;
  name: string;
  name_en: string;
}

/**
 * The statutory rest days of Gregorian `year` under `rule` (《全国年节及纪念日放假办法》 art. 2), ascending, with
 * lunar dates and the 清明 solar term computed for that year. Only the days art. 2 fixes: no 调休 make-up workday
 * (the State Council's notice decides those), and none of the days in lieu art. 6 owes (see {@link daysInLieu}).
 *
 * A day two holidays share (中秋 fell on 国庆 in 2020 and does again in 2028) is listed once, under the holiday the
 * rule lists first; the day the law then owes is one of {@link daysInLieu}. Days before `rule.in_force_from` are
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
  for (const {holiday, days: spanDays} of holidaySpans(year, rule)) {
    for (const day of spanDays) {
      const date = dateFromEpochDay(day);
      if (Number(date.slice(0, 4)) !== year || days.has(date)) continue;
      days.set(date, {date, name: holiday.name, name_en: holiday.name_en});
    }
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * The days off of Gregorian `year` that 《全国年节及纪念日放假办法》 art. 6 owes (补假: "全体公民放假的假日，如果适逢
 * 星期六、星期日，应当在工作日补假"), when `rule.days_in_lieu` is `after_holiday`: one for each statutory day on a
 * Saturday or Sunday, and one for each day two holidays share (2009 and 2020, when 中秋 fell inside 国庆, gave the
 * day back). The law fixes how many; where they go is the State Council's notice's choice, and every notice since
 * 2014 put them on the first workdays after the holiday, or inside the longer break around it, which those days
 * are part of. So each is placed on the first Monday–Friday after its holiday's last day that is no statutory day
 * and no earlier day in lieu, named after its holiday. A day placed in another year is left out.
 *
 * Checked against the notices (tests/calendar/daysInLieu.test.ts): the year's workdays counted this way equal the
 * notice's in every year from 2014 to 2026 but 2015 and 2020, whose notices added days off the law does not
 * (the 2015 victory anniversary, the 2020 epidemic extension).
 *
 * @example daysInLieu(2027, rule).map((d) => d.date) // ["2027-02-09", "2027-02-10", "2027-05-03", "2027-05-04", "2027-10-04", "2027-10-05"]
 */
export function daysInLieu(year: number, rule: StatutoryRule): StatutoryDay[] {
  if (rule.days_in_lieu !== "after_holiday") return [];
  const spans = holidaySpans(year, rule);
  const statutory = new Set(spans.flatMap((s) => s.days));
  const claimed = new Set<number>();
  const owed: {holiday: (typeof spans)[number]["holiday"]; last: number; count: number}[] = [];
  for (const {holiday, days} of spans) {
    let count = 0;
    for (const day of days) {
      if (isoWeekday(dateFromEpochDay(day)) >= 6 || claimed.has(day)) count++;
      claimed.add(day);
    }
    const last = days.at(-1);
    if (count > 0 && last !== undefined) owed.push({holiday, last, count});
  }
  owed.sort((a, b) => a.last - b.last);
  const given = new Map<number, StatutoryDay>();
  for (const {holiday, last, count} of owed) {
    let left = count;
    for (let day = last + 1; left > 0; day++) {
      const date = dateFromEpochDay(day);
      if (isoWeekday(date) >= 6 || statutory.has(day) || given.has(day)) continue;
      given.set(day, {date, name: holiday.name, name_en: holiday.name_en});
      left--;
    }
  }
  return [...given.values()]
    .filter((d) => Number(d.date.slice(0, 4)) === year)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Each holiday of `rule` in `year` with its days in force (epoch days, ascending), in the rule's order. */
function holidaySpans(year: number, rule: StatutoryRule) {
  const inForce = epochDay(rule.in_force_from);
  return rule.holidays.map((holiday) => {
    const anchor = epochDay(anchorDate(year, holiday.date));
    const days: number[] = [];
    for (let i = 0; i < holiday.days; i++) {
      const day = anchor - holiday.days_before + i;
      if (day >= inForce) days.push(day);
    }
    return {holiday, days};
  });
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
