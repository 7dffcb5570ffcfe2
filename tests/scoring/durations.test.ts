import {describe, expect, it} from "vitest";
import {CALENDAR_PROVENANCE, buildWorkCalendar} from "../../pipeline/calendar/chinaCalendar.ts";
import {IncompleteCalendarError, durationBetween, withinWorkdays} from "../../pipeline/scoring/durations.ts";
import {validateOfficeHours} from "../../pipeline/calendar/officeHours.ts";

// Default office hours (sources/calendar/office-hours.yaml): 09:00–12:00 and 13:00–17:30,
// so one workday = 180 + 270 = 450 office minutes.
// 2023 calendar (State Council notice, via chinese-days):
//   Spring Festival: 01-21 (Sat) … 01-27 (Fri) off; 01-28 (Sat) and 01-29 (Sun) worked.
//   Mid-Autumn + National Day: 09-29 (Fri) … 10-06 (Fri) off; 10-07 (Sat) and 10-08 (Sun) worked.

describe("durationBetween, dates (民法典 art. 201: the first day is not counted)", () => {
  it("gives 0 for the same date", () => {
    expect(durationBetween("2023-10-09", "2023-10-09")).toMatchObject({calendar_days: 0, workdays: 0});
  });

  it("skips a weekend", () => {
    // Fri 03-03 → Mon 03-06: days counted Sat, Sun, Mon → 1 workday; 3 calendar days.
    expect(durationBetween("2023-03-03", "2023-03-06")).toMatchObject({calendar_days: 3, workdays: 1});
  });

  it("counts the 2023 National Day break with its make-up weekend", () => {
    // Thu 09-28 → Mon 10-09: counted 09-29 … 10-09; 09-29 … 10-06 off (8 days), 10-07 Sat and 10-08 Sun make-up,
    // 10-09 Mon → 3 workdays; 11 calendar days.
    expect(durationBetween("2023-09-28", "2023-10-09")).toMatchObject({
      calendar_days: 11,
      workdays: 3,
      calendar_complete: true,
      years_without_official_calendar: [],
    });
    // Thu 09-28 → Fri 10-06: every counted day is off → 0 workdays in 8 calendar days.
    expect(durationBetween("2023-09-28", "2023-10-06")).toMatchObject({calendar_days: 8, workdays: 0});
    // Starting on a holiday: 10-01 → 10-07 counts 10-02 … 10-07, of which only Sat 10-07 is worked → 1.
    expect(durationBetween("2023-10-01", "2023-10-07").workdays).toBe(1);
  });

  it("counts Spring Festival 2023", () => {
    // Fri 01-20 → Mon 01-30: 01-21 … 01-27 off (7 days), 01-28 Sat + 01-29 Sun make-up, 01-30 Mon → 3 workdays.
    expect(durationBetween("2023-01-20", "2023-01-30")).toMatchObject({calendar_days: 10, workdays: 3});
    // Thu 01-19 → Sat 01-28: 01-20 Fri worked, 01-21 … 01-27 off, 01-28 make-up → 2 workdays.
    expect(durationBetween("2023-01-19", "2023-01-28").workdays).toBe(2);
  });

  it("refuses an end before the start and a date mixed with a date-time", () => {
    expect(() => durationBetween("2023-10-09", "2023-10-01")).toThrow(/before the start/);
    expect(() => durationBetween("2023-10-09", "2023-10-10T10:00")).toThrow(/both be dates or both be date-times/);
  });
});

describe("durationBetween, date-times (office hours; 1 workday = 450 office minutes)", () => {
  it("counts part of one day, skipping lunch", () => {
    // Mon 10-09 10:00 → 15:00: 10–12 (120) + 13–15 (120) = 240 / 450 = 0.5333; 5 h / 24 = 0.2083 calendar days.
    const d = durationBetween("2023-10-09T10:00", "2023-10-09T15:00");
    expect(d.workdays).toBeCloseTo(240 / 450, 10);
    expect(d.calendar_days).toBeCloseTo(5 / 24, 10);
    expect(d.kind).toBe("times");
    // 12:00 → 13:00 is the lunch break: nothing.
    expect(durationBetween("2023-10-09T12:00", "2023-10-09T13:00").workdays).toBe(0);
  });

  it("counts overnight", () => {
    // Mon 16:30 → Tue 10:00: 16:30–17:30 (60) + 09:00–10:00 (60) = 120 / 450 = 0.2667; 17.5 h = 0.7292 days.
    const d = durationBetween("2023-10-09T16:30", "2023-10-10T10:00");
    expect(d.workdays).toBeCloseTo(120 / 450, 10);
    expect(d.calendar_days).toBeCloseTo(17.5 / 24, 10);
  });

  it("starts an evening submission at the next opening and ends an early completion at the previous close", () => {
    // Submitted Mon 20:00 (after hours, counts 0), completed Tue 17:30 (a full day) → exactly 1 workday.
    const evening = durationBetween("2023-10-09T20:00", "2023-10-10T17:30");
    expect(evening.workdays).toBe(1);
    expect(withinWorkdays(evening, 1)).toBe(true);
    // Completed Wed 08:00 counts as completed Tue 17:30: Mon 09:00 → Wed 08:00 = 450 + 450 + 0 = 2 workdays.
    expect(durationBetween("2023-10-09T09:00", "2023-10-11T08:00").workdays).toBe(2);
    expect(durationBetween("2023-10-09T09:00", "2023-10-10T17:30").workdays).toBe(2);
  });

  it("measures 2.5 workdays honestly", () => {
    // Mon 03-06 09:00 → Wed 03-08 13:45: 450 + 450 + (09–12: 180) + (13:00–13:45: 45) = 1125 / 450 = 2.5.
    const d = durationBetween("2023-03-06T09:00", "2023-03-08T13:45");
    expect(d.workdays).toBeCloseTo(2.5, 10);
    expect(withinWorkdays(d, 2.5)).toBe(true);
    expect(withinWorkdays(d, 2)).toBe(false);
  });

  it("counts weekends and holidays as nothing and make-up days as workdays", () => {
    // Fri 03-03 16:00 → Mon 03-06 11:00: 16:00–17:30 (90) + Mon 09–11 (120) = 210 / 450 = 0.4667.
    expect(durationBetween("2023-03-03T16:00", "2023-03-06T11:00").workdays).toBeCloseTo(210 / 450, 10);
    // Submitted Sat 03-04 10:00 → Mon 03-06 10:00: only Mon 09–10 counts = 60 / 450.
    expect(durationBetween("2023-03-04T10:00", "2023-03-06T10:00").workdays).toBeCloseTo(60 / 450, 10);
    // Thu 09-28 15:00 → Sat 10-07 (make-up) 10:00: 15:00–17:30 (150) + 09–10 (60) = 210 / 450;
    // calendar: 8 days and 19 hours.
    const national = durationBetween("2023-09-28T15:00", "2023-10-07T10:00");
    expect(national.workdays).toBeCloseTo(210 / 450, 10);
    expect(national.calendar_days).toBeCloseTo(8 + 19 / 24, 10);
    // Fri 10-06 (holiday) 10:00 → Sat 10-07 (make-up) 12:00: 09–12 on Saturday = 180 / 450 = 0.4.
    expect(durationBetween("2023-10-06T10:00", "2023-10-07T12:00").workdays).toBeCloseTo(0.4, 10);
  });

  it("accepts instants and uses China time", () => {
    // 01:00Z = 09:00 in China; 09:30Z = 17:30 in China → one full office day.
    expect(durationBetween(new Date("2023-10-09T01:00:00Z"), new Date("2023-10-09T09:30:00Z")).workdays).toBe(1);
  });

  it("uses the office hours it is given", () => {
    const hours = validateOfficeHours({time_zone: "Asia/Shanghai", sessions: [{start: "08:30", end: "12:00"}]}, "t");
    // One 210-minute session; 10:00 → 11:45 = 105 / 210 = 0.5.
    expect(durationBetween("2023-10-09T10:00", "2023-10-09T11:45", {officeHours: hours}).workdays).toBe(0.5);
  });
});

describe("years without official data", () => {
  const next = CALENDAR_PROVENANCE.last_official_year + 1;

  it("reports a year beyond the package's data and counts it provisionally", () => {
    // Seven days from 03-01 of that year, whatever weekday: exactly 5 of any 7 consecutive days are Mon–Fri, and
    // March holds no statutory holiday.
    const d = durationBetween(`${next}-03-01`, `${next}-03-08`);
    expect(d.workdays).toBe(5);
    expect(d.calendar_complete).toBe(false);
    expect(d.years_without_official_calendar).toEqual([next]);
  });

  it("names only the years actually counted", () => {
    // Dec 30 → Jan 4 crosses into the missing year; the covered year is not listed.
    const d = durationBetween(`${next - 1}-12-30`, `${next}-01-04`);
    expect(d.years_without_official_calendar).toEqual([next]);
  });

  it("throws on request instead of reporting", () => {
    expect(() => durationBetween(`${next}-03-01`, `${next}-03-08`, {missingYear: "error"})).toThrow(
      IncompleteCalendarError,
    );
  });

  it("works with a hand-made calendar (one official year)", () => {
    // 2023-01-02 (Mon) is a holiday in this toy calendar; 2024 has no data.
    const calendar = buildWorkCalendar({
      holidays: {"2023-01-02": "New Year's Day,元旦,1"},
      workdays: {},
      inLieuDays: {},
    });
    // Fri 2022-12-30 → Tue 2023-01-03: 2022 not official (Sat 12-31 counted, not a workday); Sun 01-01 off,
    // Mon 01-02 holiday, Tue 01-03 worked → 1 workday, year 2022 reported.
    expect(durationBetween("2022-12-30", "2023-01-03", {calendar})).toMatchObject({
      workdays: 1,
      years_without_official_calendar: [2022],
    });
  });
});
