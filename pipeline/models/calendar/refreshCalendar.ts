import {createHash} from "node:crypto";
import type {Warehouse} from "../../db.ts";
import {calendarRows} from "../../calendar/calendarTable.ts";
import {CALENDAR_PROVENANCE, calendarCitation, chinaCalendar, type WorkCalendar} from "../../calendar/chinaCalendar.ts";
import {defaultOfficeHours, type OfficeHours} from "../../calendar/officeHours.ts";

/** The dates `dim_calendar` covers: every year a feed may hold, from 2019 to three years after the plan. */
const CALENDAR_FROM = "2019-01-01";
const CALENDAR_TO = "2027-12-31";

export interface CalendarSource {
  citation: string;
  package: string;
  version: string;
  first_official_year: number;
  last_official_year: number;
  /** The law that gives years after the last notice their statutory holidays, or `none` (Monday–Friday only). */
  statutory_rule: string;
  office_hours: string;
  minutes_per_workday: number;
  from: string;
  to: string;
  /** sha256 of everything above: the table is rewritten when it changes. */
  fingerprint: string;
}

/**
 * What `dim_calendar` and `dim_office_minute` are built from. `calendar` and `officeHours` are seams for tests;
 * the defaults are China's official calendar (chinese-days, then `sources/calendar/statutory-holidays.yaml`) and
 * `sources/calendar/office-hours.yaml`.
 */
export function calendarSource(
  officeHours: OfficeHours = defaultOfficeHours(),
  calendar: WorkCalendar = chinaCalendar,
): CalendarSource {
  const hours = officeHours.sessions.map((s) => `${clock(s.start_minute)}-${clock(s.end_minute)}`).join(",");
  const base = {
    citation: calendarCitation(),
    package: CALENDAR_PROVENANCE.package,
    version: CALENDAR_PROVENANCE.version,
    first_official_year: calendar.officialYears[0] ?? Number.NaN,
    last_official_year: calendar.officialYears.at(-1) ?? Number.NaN,
    statutory_rule: calendar.statutoryRule?.source ?? "none",
    office_hours: `${officeHours.time_zone} ${hours}`,
    minutes_per_workday: officeHours.minutes_per_workday,
    from: CALENDAR_FROM,
    to: CALENDAR_TO,
  };
  // The official years themselves enter the fingerprint, so a hand-made calendar in a test never matches the real one;
  // so does the whole statutory rule, so a corrected rule rewrites the provisional years.
  const fingerprint = createHash("sha256")
    .update(JSON.stringify({...base, years: calendar.officialYears, rule: calendar.statutoryRule?.sha256 ?? null}))
    .digest("hex");
  return {...base, fingerprint};
}

/**
 * Write China's working calendar into `dim_calendar` (one row per date, 2019–2027) and the office day into
 * `dim_office_minute`, unless the warehouse already holds this exact calendar (same fingerprint). The SQL macros of
 * migration 0003 read these tables. Returns whether anything was written. It opens no transaction of its own: the
 * model runner calls it inside the transaction that rebuilds the marts.
 */
export async function refreshCalendar(
  warehouse: Warehouse,
  officeHours: OfficeHours = defaultOfficeHours(),
  calendar: WorkCalendar = chinaCalendar,
): Promise<boolean> {
  const source = calendarSource(officeHours, calendar);
  const [current] = await warehouse.all<{value: string}>("select value from calendar_source where key = 'fingerprint'");
  if (current?.value === source.fingerprint) return false;

  await warehouse.run("delete from dim_calendar");
  await warehouse.run("delete from dim_office_minute");
  await warehouse.run("delete from calendar_source");

  // Days: running totals are computed here, in one pass, so the macros only look values up.
  await warehouse.run(
    `create or replace temp table calendar_load (date varchar, is_workday boolean, is_holiday boolean,
       holiday_name varchar, is_makeup_workday boolean, official boolean, office_minutes double,
       office_minutes_before double, workdays_through integer, provisional_days_through integer)`,
  );
  const days = await warehouse.connection.createAppender("calendar_load");
  let before = 0;
  let workdays = 0;
  let provisional = 0;
  for (const row of calendarRows(CALENDAR_FROM, CALENDAR_TO, calendar)) {
    const minutes = row.is_workday ? officeHours.minutes_per_workday : 0;
    if (row.is_workday) workdays++;
    if (!row.year_has_official_data) provisional++;
    days.appendVarchar(row.date);
    days.appendBoolean(row.is_workday);
    days.appendBoolean(row.is_holiday);
    if (row.holiday_name === null) days.appendNull();
    else days.appendVarchar(row.holiday_name);
    days.appendBoolean(row.is_makeup_workday);
    days.appendBoolean(row.year_has_official_data);
    days.appendDouble(minutes);
    days.appendDouble(before);
    days.appendInteger(workdays);
    days.appendInteger(provisional);
    days.endRow();
    before += minutes;
  }
  days.closeSync();
  await warehouse.run(
    `insert into dim_calendar
     select date::date, year(date::date), is_workday, is_holiday, holiday_name, is_makeup_workday, official,
            office_minutes, office_minutes_before, workdays_through, provisional_days_through
     from calendar_load`,
  );
  await warehouse.run("drop table calendar_load");

  // Minutes of one office day.
  const minutes = await warehouse.connection.createAppender("dim_office_minute");
  let office = 0;
  for (let minute = 0; minute <= 1440; minute++) {
    const inside = officeHours.sessions.some((s) => minute >= s.start_minute && minute < s.end_minute);
    minutes.appendInteger(minute);
    minutes.appendDouble(office);
    minutes.appendBoolean(inside);
    minutes.endRow();
    if (inside) office++;
  }
  minutes.closeSync();

  for (const [key, value] of Object.entries(source)) {
    await warehouse.run("insert into calendar_source values ($1, $2)", [key, String(value)]);
  }
  return true;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
