import {describe, expect, it} from "vitest";
import {chinaCalendar} from "../../pipeline/calendar/chinaCalendar.ts";
import {dateFromEpochDay, epochDay, isoWeekday} from "../../pipeline/calendar/localTime.ts";
import {daysInLieu, statutoryHolidays} from "../../pipeline/calendar/statutoryHolidays.ts";
import {defaultStatutoryRule, validateStatutoryRule} from "../../pipeline/calendar/statutoryRule.ts";

const rule = defaultStatutoryRule();

/**
 * The law as it stood from 2014 to 2024 (国务院令第644号, in force 2014-01-01): 春节 three days from 正月初一, 劳动节
 * one day; otherwise the same holidays. Built only to check the 补假 rule against the notices of those years.
 */
const law2014 = validateStatutoryRule(
  {
    source: "《全国年节及纪念日放假办法》第二条（国务院令第644号修订，2014年1月1日起施行）",
    in_force_from: "2014-01-01",
    days_in_lieu: "after_holiday",
    holidays: rule.holidays.map(({name, name_en, date, days_before, days}) =>
      name === "春节"
        ? {name, name_en, date, days_before: 0, days: 3}
        : name === "劳动节"
          ? {name, name_en, date, days_before, days: 1}
          : {name, name_en, date, days_before, days},
    ),
  },
  "test: the law of 2014",
);

/** The year's workdays counted from the law alone: Monday–Friday less the statutory days and the days in lieu. */
function workdaysByLaw(year: number, law = year >= 2025 ? rule : law2014): number {
  const off = new Set([...statutoryHolidays(year, law), ...daysInLieu(year, law)].map((d) => d.date));
  let n = 0;
  for (let day = epochDay(`${year}-01-01`); day <= epochDay(`${year}-12-31`); day++) {
    const date = dateFromEpochDay(day);
    if (isoWeekday(date) <= 5 && !off.has(date)) n++;
  }
  return n;
}

function workdaysByNotice(year: number): number {
  let n = 0;
  for (let day = epochDay(`${year}-01-01`); day <= epochDay(`${year}-12-31`); day++)
    if (chinaCalendar.day(dateFromEpochDay(day)).is_workday) n++;
  return n;
}

describe("daysInLieu (补假, 《全国年节及纪念日放假办法》 art. 6)", () => {
  it("gives back each statutory day on a weekend, on the first workdays after its holiday (2027)", () => {
    expect(daysInLieu(2027, rule).map((d) => `${d.date} ${d.name}`)).toEqual([
      "2027-02-09 春节", // 初一 (Sat 02-06)
      "2027-02-10 春节", // 初二 (Sun 02-07)
      "2027-05-03 劳动节", // Sat 05-01
      "2027-05-04 劳动节", // Sun 05-02
      "2027-10-04 国庆节", // Sat 10-02
      "2027-10-05 国庆节", // Sun 10-03
    ]);
  });

  it("gives back a day two holidays share, after both (中秋 on 国庆's third day, 2028)", () => {
    // 2028-10-01 is a Sunday: one day for it, one for 中秋 falling on 10-03, both after 国庆 ends on Tue 10-03.
    expect(
      daysInLieu(2028, rule)
        .filter((d) => d.date >= "2028-09")
        .map((d) => d.date),
    ).toEqual(["2028-10-04", "2028-10-05"]);
    // New Year 2028 is a Saturday: Monday 01-03 off, as the 2022 notice did for the same weekday.
    expect(daysInLieu(2028, rule)[0]).toEqual({date: "2028-01-03", name: "元旦", name_en: "New Year's Day"});
  });

  it("counts each year's workdays as the notice does, 2014–2026, but for the days two notices added", () => {
    const differences: Record<number, number> = {};
    for (let year = 2014; year <= 2026; year++) {
      const diff = workdaysByLaw(year) - workdaysByNotice(year);
      if (diff !== 0) differences[year] = diff;
    }
    // 2015: the victory anniversary (09-03, 09-04 off, Sun 09-06 worked); 2020: the epidemic's longer Spring
    // Festival (01-31 … 02-02). Without the 补假 the law would count 1–6 workdays a year too many.
    expect(differences).toEqual({2015: 1, 2020: 2});
  });

  it("puts each day in lieu of 2025 and 2026 on a day the notice gave off", () => {
    for (const year of [2025, 2026]) {
      const given = daysInLieu(year, rule);
      expect(given.length, String(year)).toBeGreaterThan(0);
      for (const day of given) expect(chinaCalendar.day(day.date), day.date).toMatchObject({is_workday: false});
    }
  });

  it("gives none when the rule says none", () => {
    expect(daysInLieu(2027, {...rule, days_in_lieu: "none"})).toEqual([]);
    const {days_in_lieu: _, ...withoutKey} = rule;
    const parsed = validateStatutoryRule(
      {source: withoutKey.source, in_force_from: withoutKey.in_force_from, holidays: withoutKey.holidays},
      "test",
    );
    expect(parsed.days_in_lieu).toBe("none");
  });
});
