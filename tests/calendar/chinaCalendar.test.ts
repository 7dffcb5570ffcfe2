import {createRequire} from "node:module";
import {describe, expect, it} from "vitest";
import {CALENDAR_PROVENANCE, buildWorkCalendar, chinaCalendar} from "../../pipeline/calendar/chinaCalendar.ts";
import {calendarRows} from "../../pipeline/calendar/calendarTable.ts";

const installed = createRequire(import.meta.url)("chinese-days/package.json") as {version: string};

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
    expect(day.is_holiday).toBe(false); // provisional: no notice, no holiday known
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
