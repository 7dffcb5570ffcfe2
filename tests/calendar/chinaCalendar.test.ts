import {createRequire} from "node:module";
import {describe, expect, it} from "vitest";
import {CALENDAR_PROVENANCE, buildWorkCalendar, chinaCalendar} from "../../pipeline/calendar/chinaCalendar.ts";
import {calendarRows} from "../../pipeline/calendar/calendarTable.ts";
import {isoWeekday} from "../../pipeline/calendar/localTime.ts";
import {statutoryHolidays} from "../../pipeline/calendar/statutoryHolidays.ts";
import {defaultStatutoryRule} from "../../pipeline/calendar/statutoryRule.ts";

const require = createRequire(import.meta.url);
const installed = require("chinese-days/package.json") as {version: string};
type Tables = Parameters<typeof buildWorkCalendar>[0];
const packageData = require("chinese-days/dist/chinese-days.json") as Tables;

describe("chinaCalendar", () => {
  it("cites the package and the version actually installed", () => {
    expect(CALENDAR_PROVENANCE.package).toBe("chinese-days");
    expect(CALENDAR_PROVENANCE.version).toBe(installed.version);
    expect(CALENDAR_PROVENANCE.first_official_year).toBeLessThanOrEqual(2019);
  });

  it("has official data for every year from 2019 to the package's last year", () => {
    const last = CALENDAR_PROVENANCE.last_official_year;
    expect(last).toBeGreaterThanOrEqual(2023);
    for (let year = 2019; year <= last; year++) expect(chinaCalendar.officialYears).toContain(year);
    expect(chinaCalendar.officialYears).not.toContain(last + 1);
  });

  it("classifies the 2023 National Day / Mid-Autumn break and its make-up days", () => {
    // 2023-09-29 (Fri) Mid-Autumn, 09-30 … 10-06 National Day: all off; 10-07 (Sat) and 10-08 (Sun) worked.
    const midAutumn = chinaCalendar.day("2023-09-29");
    expect(midAutumn).toMatchObject({
      is_workday: false,
      is_holiday: true,
      holiday_name: "中秋",
      is_makeup_workday: false,
    });
    expect(chinaCalendar.day("2023-10-02")).toMatchObject({
      is_workday: false,
      is_holiday: true,
      holiday_name: "国庆节",
    });
    // 2023-10-06 is a Friday: off although Monday–Friday.
    expect(chinaCalendar.day("2023-10-06")).toMatchObject({is_workday: false, is_holiday: true});
    expect(chinaCalendar.day("2023-10-07")).toMatchObject({
      is_workday: true,
      is_holiday: false,
      is_makeup_workday: true,
    });
    expect(chinaCalendar.day("2023-10-08")).toMatchObject({is_workday: true, is_makeup_workday: true});
  });

  it("treats a plain weekend as neither workday nor holiday", () => {
    // 2023-10-14 is a Saturday with no holiday arrangement.
    expect(chinaCalendar.day("2023-10-14")).toMatchObject({is_workday: false, is_holiday: false, holiday_name: null});
  });

  it("flags a year beyond the package's data instead of passing it off as ordinary", () => {
    const year = CALENDAR_PROVENANCE.last_official_year + 1;
    const day = chinaCalendar.day(`${year}-01-01`);
    expect(day.year_has_official_data).toBe(false);
    expect(day.basis).toBe("statutory rule");
    // Provisional, but New Year's Day is fixed by law.
    expect(day).toMatchObject({is_workday: false, is_holiday: true, holiday_name: "元旦", is_makeup_workday: false});
  });

  it("keeps a year without a notice Monday–Friday only when no rule is given (a hand-made calendar)", () => {
    const calendar = buildWorkCalendar({
      holidays: {"2023-01-02": "New Year's Day,元旦,1"},
      workdays: {},
      inLieuDays: {},
    });
    expect(calendar.statutoryRule).toBeNull();
    // 2027-10-01 is a Friday.
    expect(calendar.day("2027-10-01")).toMatchObject({is_workday: true, is_holiday: false, basis: "weekdays"});
  });

  it("refuses a package table it cannot read", () => {
    expect(() => buildWorkCalendar({holidays: {"2023-1-1": "x"}, workdays: {}, inLieuDays: {}})).toThrow(/cannot read/);
  });
});

describe("calendarRows", () => {
  it("returns one row per date, both ends included, with the warehouse columns", () => {
    const rows = calendarRows("2023-09-28", "2023-10-09");
    expect(rows).toHaveLength(12); // 28, 29, 30 September + 1 … 9 October
    expect(rows[0]).toEqual({
      date: "2023-09-28",
      is_workday: true,
      is_holiday: false,
      holiday_name: null,
      is_makeup_workday: false,
      year_has_official_data: true,
    });
    expect(rows.filter((r) => r.is_workday).map((r) => r.date)).toEqual([
      "2023-09-28",
      "2023-10-07",
      "2023-10-08",
      "2023-10-09",
    ]);
    // A make-up day carries the name of the holiday it makes up for.
    expect(rows.find((r) => r.date === "2023-10-07")?.holiday_name).toBe("国庆节");
  });

  it("keeps and flags dates of years without official data", () => {
    const year = CALENDAR_PROVENANCE.last_official_year;
    const rows = calendarRows(`${year}-12-31`, `${year + 1}-01-01`);
    expect(rows.map((r) => r.year_has_official_data)).toEqual([true, false]);
  });

  it("refuses a reversed range or a time", () => {
    expect(() => calendarRows("2023-10-09", "2023-10-01")).toThrow(/from ≤ to/);
    expect(() => calendarRows("2023-10-01T09:00", "2023-10-09")).toThrow(/found a time/);
  });
});

describe("years after the last State Council notice (issue 12)", () => {
  // The package's own tables, cut after 2026: these tests keep describing a year without a notice when a later
  // chinese-days publishes 2027.
  const cut = (entries: Record<string, string>) =>
    Object.fromEntries(Object.entries(entries).filter(([date]) => date < "2027"));
  const through2026: Tables = {
    holidays: cut(packageData.holidays),
    workdays: cut(packageData.workdays),
    inLieuDays: cut(packageData.inLieuDays),
  };
  const calendar = buildWorkCalendar(through2026, defaultStatutoryRule);
  const worked = (date: string) => calendar.day(date).is_workday;

  it("rests on the Spring Festival, 除夕 to 正月初三 (2027-02-05 … 02-08)", () => {
    expect(worked("2027-02-04")).toBe(true); // Thursday before 除夕
    for (const date of ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"]) {
      expect(calendar.day(date), date).toMatchObject({
        is_workday: false,
        is_holiday: true,
        holiday_name: "春节",
        year_has_official_data: false,
        basis: "statutory rule",
      });
    }
    // 初一 and 初二 fall on Saturday and Sunday: art. 6 gives them back on Tuesday and Wednesday (补假).
    for (const date of ["2027-02-09", "2027-02-10"]) {
      expect(calendar.day(date), date).toMatchObject({is_workday: false, is_holiday: true, holiday_name: "春节"});
    }
    expect(worked("2027-02-11")).toBe(true); // no make-up break is guessed beyond what the law owes
  });

  it("rests on 清明 (2027-04-05), 中秋 (2027-09-15) and National Day (2027-10-01 … 03)", () => {
    expect(calendar.day("2027-04-05")).toMatchObject({is_workday: false, holiday_name: "清明"});
    expect(calendar.day("2027-09-15")).toMatchObject({is_workday: false, holiday_name: "中秋"});
    for (const date of ["2027-10-01", "2027-10-02", "2027-10-03"]) {
      expect(calendar.day(date), date).toMatchObject({is_workday: false, holiday_name: "国庆节"});
    }
    // 10-02 and 10-03 fall on the weekend: given back on 10-04 and 10-05.
    expect(calendar.day("2027-10-04")).toMatchObject({is_workday: false, holiday_name: "国庆节"});
    expect(calendar.day("2027-10-05")).toMatchObject({is_workday: false, holiday_name: "国庆节"});
    expect(worked("2027-10-06")).toBe(true);
  });

  it("knows no make-up day: no weekend is worked, and the weekdays off are the statutory ones and the 补假", () => {
    const rows = calendarRows("2027-01-01", "2027-12-31", calendar);
    expect(rows.some((r) => r.is_makeup_workday)).toBe(false);
    expect(rows.filter((r) => isoWeekday(r.date) >= 6).every((r) => !r.is_workday)).toBe(true);
    // 13 statutory days, of which 02-06, 02-07, 05-01, 05-02, 10-02 and 10-03 fall on a weekend: each given back on
    // the first workday after its holiday (art. 6).
    expect(rows.filter((r) => isoWeekday(r.date) <= 5 && !r.is_workday).map((r) => r.date)).toEqual([
      "2027-01-01",
      "2027-02-05",
      "2027-02-08",
      "2027-02-09",
      "2027-02-10",
      "2027-04-05",
      "2027-05-03",
      "2027-05-04",
      "2027-06-09",
      "2027-09-15",
      "2027-10-01",
      "2027-10-04",
      "2027-10-05",
    ]);
  });

  it("agrees with every notice published since the rule came into force: each statutory day is a day off", () => {
    const rule = defaultStatutoryRule();
    const years = chinaCalendar.officialYears.filter((y) => y >= Number(rule.in_force_from.slice(0, 4)));
    expect(years).toEqual(expect.arrayContaining([2025, 2026]));
    for (const year of years) {
      for (const day of statutoryHolidays(year, rule)) {
        expect(chinaCalendar.day(day.date), `${day.date} ${day.name}`).toMatchObject({
          is_workday: false,
          is_holiday: true,
          holiday_name: day.name,
          basis: "notice",
        });
      }
    }
  });
});
