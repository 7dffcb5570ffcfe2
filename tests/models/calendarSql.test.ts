import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Warehouse} from "../../pipeline/db.ts";
import {migrate} from "../../pipeline/migrate.ts";
import {calendarSource, refreshCalendar} from "../../pipeline/models/calendar/refreshCalendar.ts";
import {buildWorkCalendar, chinaCalendar} from "../../pipeline/calendar/chinaCalendar.ts";
import {defaultOfficeHours} from "../../pipeline/calendar/officeHours.ts";
import {defaultStatutoryRule} from "../../pipeline/calendar/statutoryRule.ts";
import {durationBetween} from "../../pipeline/scoring/durations.ts";
import {dateFromEpochDay, epochDay} from "../../pipeline/calendar/localTime.ts";

// The SQL macros of migration 0003 against the TypeScript function behind `bizenv workdays`: same numbers, to 1e-9.
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open(":memory:");
  await migrate(warehouse);
  await refreshCalendar(warehouse);
});
afterAll(() => warehouse.close());

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible pair. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
function stamp(day: number, seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${dateFromEpochDay(day)} ${pad(h)}:${pad(m)}:${pad(seconds % 60)}`;
}

/** Start days that stress the calendar: holidays, make-up Saturdays and Sundays, year ends, plus random days. */
const SPECIAL = [
  "2023-09-28",
  "2023-09-29",
  "2023-10-06",
  "2023-10-07",
  "2023-10-08",
  "2023-10-09",
  "2023-01-20",
  "2023-01-28",
  "2021-02-07",
  "2021-02-10",
  "2022-04-02",
  "2022-04-24",
  "2022-12-31",
  "2024-02-04",
  "2024-02-18",
  "2026-12-31",
  "2019-01-02",
  "2021-09-18",
  "2021-09-26",
  "2022-10-08",
];

function pairs(count: number): Array<{from: string; to: string}> {
  const random = prng(20230630);
  const out: Array<{from: string; to: string}> = [];
  const first = epochDay("2019-01-01");
  const last = epochDay("2027-06-30");
  for (let i = 0; i < count; i++) {
    const start =
      i < SPECIAL.length * 3
        ? epochDay(SPECIAL[i % SPECIAL.length]!) + (i % 3) - 1
        : first + Math.floor(random() * (last - first));
    // Same day, overnight, a few days, or a few weeks; times anywhere in the day (before opening, lunch, evening).
    const span = [0, 1, 2, 5, 12, 40][i % 6]!;
    const end = start + Math.floor(random() * (span + 1));
    const s1 = Math.floor(random() * 86400);
    let s2 = Math.floor(random() * 86400);
    if (end === start && s2 < s1) s2 = s1 + Math.floor(random() * (86400 - s1));
    out.push({from: stamp(start, s1), to: stamp(end, s2)});
  }
  return out;
}

async function loadPairs(list: Array<{from: string; to: string}>): Promise<void> {
  await warehouse.run("create or replace temp table pairs (i integer, a varchar, b varchar)");
  const appender = await warehouse.connection.createAppender("pairs");
  list.forEach((p, i) => {
    appender.appendInteger(i);
    appender.appendVarchar(p.from);
    appender.appendVarchar(p.to);
    appender.endRow();
  });
  appender.closeSync();
}

describe("calendar macros agree with durationBetween", () => {
  it("office workdays and hours of date-times (holidays, make-up days, overnight, same day) to 1e-9", async () => {
    const list = pairs(400);
    await loadPairs(list);
    const rows = await warehouse.all<{i: number; w: number; h: number; e: number; official: boolean}>(
      `select i, office_workdays(a::timestamp, b::timestamp) as w, office_hours(a::timestamp, b::timestamp) as h,
              elapsed_days(a::timestamp, b::timestamp) as e, calendar_is_official(a::date, b::date) as official
       from pairs order by i`,
    );
    expect(rows).toHaveLength(400);
    let fractional = 0;
    for (const row of rows) {
      const pair = list[row.i]!;
      const d = durationBetween(pair.from, pair.to);
      expect(Math.abs(row.w - d.workdays), `${pair.from} → ${pair.to}`).toBeLessThan(1e-9);
      expect(Math.abs(row.h - d.workdays * 7.5)).toBeLessThan(1e-9);
      expect(Math.abs(row.e - d.calendar_days)).toBeLessThan(1e-9);
      expect(row.official).toBe(d.calendar_complete);
      if (!Number.isInteger(d.workdays)) fractional++;
    }
    expect(fractional).toBeGreaterThan(150);
  });

  it("legal workdays and calendar days of dates (民法典 art. 201) exactly", async () => {
    const list = pairs(300).map((p) => ({from: p.from.slice(0, 10), to: p.to.slice(0, 10)}));
    await loadPairs(list);
    const rows = await warehouse.all<{i: number; w: number; c: number}>(
      "select i, legal_workdays(a::date, b::date) as w, calendar_days(a::date, b::date) as c from pairs order by i",
    );
    for (const row of rows) {
      const pair = list[row.i]!;
      const d = durationBetween(pair.from, pair.to);
      expect(row.w, `${pair.from} → ${pair.to}`).toBe(d.workdays);
      expect(row.c).toBe(d.calendar_days);
    }
  });

  it("knows the 2023 National Day break and its two make-up workdays", async () => {
    const rows = await warehouse.all<{date: string; is_workday: boolean; is_makeup_workday: boolean}>(
      `select date::varchar as date, is_workday, is_makeup_workday from dim_calendar
       where date between '2023-09-29' and '2023-10-08' order by date`,
    );
    expect(rows.filter((r) => !r.is_workday).map((r) => r.date)).toEqual([
      "2023-09-29",
      "2023-09-30",
      "2023-10-01",
      "2023-10-02",
      "2023-10-03",
      "2023-10-04",
      "2023-10-05",
      "2023-10-06",
    ]);
    expect(rows.filter((r) => r.is_makeup_workday).map((r) => r.date)).toEqual(["2023-10-07", "2023-10-08"]);
    const [d] = await warehouse.all<{w: number}>(
      "select office_workdays(timestamp '2023-09-28 16:30', timestamp '2023-10-07 10:00') as w",
    );
    expect(d!.w).toBeCloseTo(durationBetween("2023-09-28T16:30", "2023-10-07T10:00").workdays, 12);
  });

  it("flags years without an official notice and is not rewritten when nothing changed", async () => {
    const [row] = await warehouse.all<{official: boolean; n: number}>(
      "select bool_and(year_has_official_data) as official, count(*) as n from dim_calendar where year = 2027",
    );
    expect(row).toEqual({official: false, n: 365});
    // Provisional, yet with the statutory holidays (issue 12): 国庆节 2027-10-01 (a Friday) is a day off.
    const [national] = await warehouse.all<{is_workday: boolean; holiday_name: string}>(
      "select is_workday, holiday_name from dim_calendar where date = '2027-10-01'",
    );
    expect(national).toEqual({is_workday: false, holiday_name: "国庆节"});
    expect(await refreshCalendar(warehouse)).toBe(false);
  });

  it("rewrites the calendar when the statutory rule changes", () => {
    const tables = {holidays: {"2023-01-01": "New Year's Day,元旦,1"}, workdays: {}, inLieuDays: {}};
    const rule = defaultStatutoryRule();
    const amended = {...rule, sha256: "0".repeat(64)};
    const hours = defaultOfficeHours();
    const withRule = calendarSource(
      hours,
      buildWorkCalendar(tables, () => rule),
    );
    expect(withRule.statutory_rule).toBe(rule.source);
    expect(
      calendarSource(
        hours,
        buildWorkCalendar(tables, () => amended),
      ).fingerprint,
    ).not.toBe(withRule.fingerprint);
    expect(calendarSource(hours, buildWorkCalendar(tables)).statutory_rule).toBe("none");
    expect(calendarSource(hours, chinaCalendar).statutory_rule).toContain("国务院令第795号");
  });
});
