import {chinaCalendar, type WorkCalendar} from "./chinaCalendar.ts";
import {dateFromEpochDay, epochDay, parseLocalTimestamp} from "./localTime.ts";

/** One row of the calendar table loaded into DuckDB (one per date). Column names follow the warehouse style. */
export interface CalendarRow {
  /** `YYYY-MM-DD`. */
  date: string;
  is_workday: boolean;
  is_holiday: boolean;
  /** Chinese holiday name; on a make-up workday, the holiday it makes up for; otherwise `null`. */
  holiday_name: string | null;
  is_makeup_workday: boolean;
  /** `false`: no State Council notice for this year; `is_workday` is then provisional (statutory holidays only). */
  year_has_official_data: boolean;
}

/** Longest range {@link calendarRows} returns: 200 years, far beyond any feed, small enough to catch a typo. */
const MAX_DAYS = 200 * 366;

/**
 * The calendar table for every date from `from` to `to`, both included (`YYYY-MM-DD`).
 * Dates in years without official data are included and flagged (`year_has_official_data: false`), never dropped.
 *
 * @example calendarRows("2023-10-06", "2023-10-07")
 * // [{date: "2023-10-06", is_workday: false, is_holiday: true, holiday_name: "国庆节", is_makeup_workday: false, …},
 * //  {date: "2023-10-07", is_workday: true, is_holiday: false, holiday_name: "国庆节", is_makeup_workday: true, …}]
 */
export function calendarRows(from: string, to: string, calendar: WorkCalendar = chinaCalendar): CalendarRow[] {
  const start = parseDate(from, "from");
  const end = parseDate(to, "to");
  if (end < start) throw new RangeError(`calendar rows need from ≤ to, found from ${from} and to ${to}`);
  if (end - start + 1 > MAX_DAYS)
    throw new RangeError(`calendar rows are limited to 200 years, asked for ${from}…${to}`);
  const rows: CalendarRow[] = [];
  for (let day = start; day <= end; day++) {
    const d = calendar.day(dateFromEpochDay(day));
    rows.push({
      date: d.date,
      is_workday: d.is_workday,
      is_holiday: d.is_holiday,
      holiday_name: d.holiday_name,
      is_makeup_workday: d.is_makeup_workday,
      year_has_official_data: d.year_has_official_data,
    });
  }
  return rows;
}

function parseDate(text: string, name: string): number {
  const parsed = parseLocalTimestamp(text);
  if (parsed.minute !== null) throw new RangeError(`calendar rows take dates, found a time in ${name}: "${text}"`);
  return epochDay(parsed.date);
}
