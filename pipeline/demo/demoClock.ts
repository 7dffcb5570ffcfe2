import {chinaCalendar, type WorkCalendar} from "../calendar/chinaCalendar.ts";
import {dateFromEpochDay, epochDay} from "../calendar/localTime.ts";
import {defaultOfficeHours, type OfficeHours} from "../calendar/officeHours.ts";
import type {Rng} from "./prng.ts";

/** A China-local moment: days since 1970-01-01 and seconds after local midnight. */
export interface Moment {
  day: number;
  second: number;
}

/**
 * Time arithmetic for the demo generators, on the SAME working calendar and office hours the marts count with
 * (`pipeline/calendar/chinaCalendar.ts`, `sources/calendar/office-hours.yaml`). A case generated as "1.5 workdays"
 * therefore measures 1.5 workdays when scored: `durationBetween(applied, completed).workdays` gives it back.
 */
export class DemoClock {
  /** Office sessions of one workday, in seconds after midnight. */
  readonly sessions: ReadonlyArray<{start: number; end: number}>;
  /** Seconds of office time in one workday (27,000 with the default 09:00–12:00 and 13:00–17:30). */
  readonly secondsPerWorkday: number;
  private readonly calendar: WorkCalendar;
  /** Workday flags by epoch day (0 unknown, 1 open, 2 closed): the hottest lookup of the generator. */
  private readonly workdays = new Uint8Array(40_000);
  private readonly dates = new Map<number, string>();

  constructor(calendar: WorkCalendar = chinaCalendar, hours: OfficeHours = defaultOfficeHours()) {
    this.calendar = calendar;
    this.sessions = hours.sessions.map((s) => ({start: s.start_minute * 60, end: s.end_minute * 60}));
    this.secondsPerWorkday = hours.minutes_per_workday * 60;
  }

  /** `YYYY-MM-DD` of an epoch day (cached: rendering asks for the same few hundred dates millions of times). */
  date(day: number): string {
    let text = this.dates.get(day);
    if (text === undefined) {
      text = dateFromEpochDay(day);
      this.dates.set(day, text);
    }
    return text;
  }

  /** Offices are open that day (official calendar; make-up Saturdays count as workdays). */
  isWorkday(day: number): boolean {
    const known = day >= 0 && day < this.workdays.length ? this.workdays[day]! : 0;
    if (known !== 0) return known === 1;
    const open = this.calendar.day(this.date(day)).is_workday;
    if (day >= 0 && day < this.workdays.length) this.workdays[day] = open ? 1 : 2;
    return open;
  }

  /** Chinese name of the official holiday on that day (e.g. `春节`), or `null`. */
  holidayName(day: number): string | null {
    const info = this.calendar.day(this.date(day));
    return info.is_holiday ? info.holiday_name : null;
  }

  /** Whether a second of the day lies inside an office session (the end itself is closed). */
  inOfficeHours(second: number): boolean {
    return this.sessions.some((s) => second >= s.start && second < s.end);
  }

  /**
   * The moment `seconds` of office time after `from`. Time outside office hours counts nothing (the same convention
   * as `durationBetween`): a start at 20:00 begins at the next opening. Zero seconds returns `from` unchanged.
   *
   * @example clock.addOfficeSeconds({day, second: 16 * 3600}, 27_000) // one workday later: next workday 16:00
   */
  addOfficeSeconds(from: Moment, seconds: number): Moment {
    if (seconds <= 0) return {day: from.day, second: from.second};
    let day = from.day;
    let second = from.second;
    let left = seconds;
    for (;;) {
      if (this.isWorkday(day)) {
        if (second === 0 && left > this.secondsPerWorkday) {
          left -= this.secondsPerWorkday;
          day++;
          continue;
        }
        for (const s of this.sessions) {
          if (second >= s.end) continue;
          const start = Math.max(second, s.start);
          const available = s.end - start;
          if (left <= available) return {day, second: start + left};
          left -= available;
          second = s.end;
        }
      }
      day++;
      second = 0;
    }
  }

  /**
   * The date `n` workdays after `day`, counted as Chinese law counts periods (the first day is not counted), the
   * convention `durationBetween` uses for dates. `n` is rounded up to a whole workday; 0 gives the same day.
   */
  addWorkdays(day: number, n: number): number {
    let left = Math.ceil(n);
    let current = day;
    while (left > 0) {
      current++;
      if (this.isWorkday(current)) left--;
    }
    return current;
  }

  /** First and last day of the Spring Festival holiday (春节) of `year`, from the official calendar, or `null`. */
  springFestival(year: number): {first: number; last: number} | null {
    let first: number | null = null;
    let last: number | null = null;
    for (let day = epochDay(`${year}-01-10`); day <= epochDay(`${year}-03-05`); day++) {
      if (this.holidayName(day) === "春节") {
        first ??= day;
        last = day;
      }
    }
    return first === null || last === null ? null : {first, last};
  }

  /**
   * A time of day when people file at a counter: inside the office sessions, busiest mid-morning and mid-afternoon
   * (the mean of two uniforms gives a triangular shape within each session; the afternoon is the longer one).
   */
  officeSecond(rng: Rng): number {
    const total = this.sessions.reduce((sum, s) => sum + (s.end - s.start), 0);
    let x = rng.next() * total;
    for (const s of this.sessions) {
      const length = s.end - s.start;
      if (x < length || s === this.sessions[this.sessions.length - 1]) {
        return s.start + Math.min(length - 1, Math.floor(((rng.next() + rng.next()) / 2) * length));
      }
      x -= length;
    }
    return this.sessions[0]!.start;
  }

  /** A time of day outside office hours, when online applications still arrive: mostly evenings, some early. */
  offHoursSecond(rng: Rng): number {
    for (;;) {
      const second = rng.weighted<number>([
        [0, 0.15], // 07:00–09:00
        [1, 0.15], // lunch break
        [2, 0.7], // evening until 23:30
      ]);
      const candidate =
        second === 0
          ? rng.int(7 * 3600, 9 * 3600 - 1)
          : second === 1
            ? rng.int(12 * 3600, 13 * 3600 - 1)
            : rng.int(17 * 3600 + 1800, 23 * 3600 + 1799);
      if (!this.inOfficeHours(candidate)) return candidate;
    }
  }
}

/** `YYYY-MM` months from `first` up to and including `last`. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  const [ly, lm] = last.split("-").map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

/** Epoch days of a `YYYY-MM` month, stopping at `lastDay` (the as-of date) when it falls inside the month. */
export function daysOfMonth(month: string, lastDay: number): number[] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = epochDay(`${month}-01`);
  const end = Math.min(
    lastDay,
    epochDay(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`) - 1,
  );
  const days: number[] = [];
  for (let day = first; day <= end; day++) days.push(day);
  return days;
}

/** Months since January of year 0 (for month arithmetic): `2022-06` → 24,269. */
export function monthIndex(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return y * 12 + m - 1;
}
