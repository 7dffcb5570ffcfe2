import {chinaCalendar, type WorkCalendar} from "../calendar/chinaCalendar.ts";
import {
  dateFromEpochDay,
  epochDay,
  formatLocalTimestamp,
  fromInstant,
  parseLocalTimestamp,
  type LocalTimestamp,
} from "../calendar/localTime.ts";
import {defaultOfficeHours, type OfficeHours} from "../calendar/officeHours.ts";

/**
 * Durations between two moments in calendar days and in Chinese workdays: the one implementation behind
 * `bizenv workdays` and the marts.
 *
 * Conventions (documented once here, cited elsewhere):
 * - Dates without a time (`YYYY-MM-DD`) count periods as Chinese law does (民法典 art. 201: the day on which a
 *   period starts is not counted): workdays = the workdays after the first date up to and including the last.
 *   Calendar days = last − first. The same date twice gives 0.
 * - Date-times (`YYYY-MM-DDTHH:MM`, China local time) count office time: workdays = office minutes elapsed between
 *   the two moments ÷ minutes of one full office day (`sources/calendar/office-hours.yaml`; default 09:00–12:00 and
 *   13:00–17:30, so 1 workday = 450 minutes). Time outside office hours counts nothing, which means: a submission at
 *   20:00 starts at the next office opening; a completion at 08:00 counts as completed at the previous office close;
 *   lunch breaks, weekends and holidays add nothing. Calendar days = elapsed hours ÷ 24 (fractional).
 *   The two conventions agree: from D1 17:30 to D2 17:30 gives the same workdays as from D1 to D2.
 * - Mixing a date and a date-time is refused: which time the bare date stands for is not knowable.
 * - An end before the start is refused (a negative duration is a data error to fix, not a number to average).
 * - A year without an official holiday notice in the calendar is counted provisionally and REPORTED:
 *   `calendar_complete: false` and the years listed; with `missingYear: "error"` it throws instead. Provisionally
 *   means its statutory holidays are days off but its make-up days are unknown (`pipeline/calendar/chinaCalendar.ts`).
 */

/** One end of a duration: text (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`), a parsed local timestamp, or an instant. */
export type Moment = string | Date | LocalTimestamp;

export interface DurationOptions {
  /** Working calendar; default: China's official calendar from `chinese-days`. */
  calendar?: WorkCalendar;
  /** Office hours for date-times; default: `sources/calendar/office-hours.yaml`. */
  officeHours?: OfficeHours;
  /** What to do when a counted day lies in a year without official data: report it (default) or throw. */
  missingYear?: "report" | "error";
}

export interface Duration {
  /** The start as read, normalised (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`). */
  from: string;
  /** The end as read, normalised. */
  to: string;
  /** `dates` (legal day counting) or `times` (office-hour counting). */
  kind: "dates" | "times";
  /** Calendar days elapsed; whole for dates, fractional for date-times. */
  calendar_days: number;
  /** Workdays elapsed; whole for dates, fractional (by office hours) for date-times. 1 = one full office day. */
  workdays: number;
  /** `false` when some counted day is in a year without official holiday data (see `years_without_official_calendar`). */
  calendar_complete: boolean;
  /** Years whose days were counted without a notice (provisionally), ascending. Empty when complete. */
  years_without_official_calendar: number[];
}

/** A day in a year without official data was counted while `missingYear: "error"` was asked for. */
export class IncompleteCalendarError extends Error {
  readonly years: number[];
  constructor(years: number[]) {
    super(
      `the working calendar has no official holiday arrangement for ${years.join(", ")}; ` +
        `workdays in ${years.length === 1 ? "that year" : "those years"} cannot be counted reliably`,
    );
    this.name = "IncompleteCalendarError";
    this.years = years;
  }
}

/**
 * Calendar days and workdays from `from` to `to` (see the conventions at the top of this file).
 * Throws `RangeError` for unreadable input, a date mixed with a date-time, or an end before the start.
 *
 * @example durationBetween("2023-09-28", "2023-10-09").workdays          // 3 (10-07, 10-08 make-up days, 10-09)
 * @example durationBetween("2023-10-09T16:30", "2023-10-10T10:00").workdays // 2 h ÷ 7.5 h = 0.2667
 */
export function durationBetween(from: Moment, to: Moment, options: DurationOptions = {}): Duration {
  const start = toLocal(from, "from");
  const end = toLocal(to, "to");
  const calendar = options.calendar ?? chinaCalendar;
  const startText = formatLocalTimestamp(start);
  const endText = formatLocalTimestamp(end);
  if ((start.minute === null) !== (end.minute === null)) {
    throw new RangeError(`from and to must both be dates or both be date-times, found "${startText}" and "${endText}"`);
  }
  const startDay = epochDay(start.date);
  const endDay = epochDay(end.date);
  const missing = new Set<number>();
  const isWorkday = (day: number): boolean => {
    const info = calendar.day(dateFromEpochDay(day));
    if (!info.year_has_official_data) missing.add(Number(info.date.slice(0, 4)));
    return info.is_workday;
  };

  let calendarDays: number;
  let workdays: number;
  if (start.minute === null || end.minute === null) {
    if (endDay < startDay) throw new RangeError(`the end (${endText}) is before the start (${startText})`);
    calendarDays = endDay - startDay;
    workdays = 0;
    for (let day = startDay + 1; day <= endDay; day++) if (isWorkday(day)) workdays++;
  } else {
    const startMinute = start.minute;
    const endMinute = end.minute;
    if (endDay < startDay || (endDay === startDay && endMinute < startMinute)) {
      throw new RangeError(`the end (${endText}) is before the start (${startText})`);
    }
    const hours = options.officeHours ?? defaultOfficeHours();
    calendarDays = endDay - startDay + (endMinute - startMinute) / 1440;
    let minutes: number;
    if (startDay === endDay) {
      minutes = isWorkday(startDay) ? officeMinutes(hours, startMinute, endMinute) : 0;
    } else {
      minutes = isWorkday(startDay) ? officeMinutes(hours, startMinute, 1440) : 0;
      for (let day = startDay + 1; day < endDay; day++) if (isWorkday(day)) minutes += hours.minutes_per_workday;
      if (isWorkday(endDay)) minutes += officeMinutes(hours, 0, endMinute);
    }
    workdays = minutes / hours.minutes_per_workday;
  }

  const years = [...missing].sort((a, b) => a - b);
  if (years.length > 0 && options.missingYear === "error") throw new IncompleteCalendarError(years);
  return {
    from: startText,
    to: endText,
    kind: start.minute === null ? "dates" : "times",
    calendar_days: calendarDays,
    workdays,
    calendar_complete: years.length === 0,
    years_without_official_calendar: years,
  };
}

/**
 * Whether a duration meets a limit "within N workdays" (≤ N), tolerant of floating-point noise from minute division.
 *
 * @example withinWorkdays(durationBetween("2023-10-09T09:00", "2023-10-10T09:00"), 1) // true (exactly 1 workday)
 */
export function withinWorkdays(duration: Pick<Duration, "workdays">, limit: number): boolean {
  if (!(limit >= 0)) throw new RangeError(`a workday limit must be a number ≥ 0, found ${limit}`);
  return duration.workdays <= limit + 1e-9;
}

/** Office minutes between two minutes-after-midnight of one workday. */
function officeMinutes(hours: OfficeHours, from: number, to: number): number {
  let total = 0;
  for (const s of hours.sessions) total += Math.max(0, Math.min(to, s.end_minute) - Math.max(from, s.start_minute));
  return total;
}

function toLocal(moment: Moment, name: string): LocalTimestamp {
  if (moment instanceof Date) return fromInstant(moment);
  if (typeof moment === "string") {
    try {
      return parseLocalTimestamp(moment);
    } catch (error) {
      throw new RangeError(`${name}: ${(error as Error).message}`, {cause: error});
    }
  }
  return moment;
}
