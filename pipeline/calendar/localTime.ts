/**
 * Wall-clock dates and times in China Standard Time (Asia/Shanghai, UTC+8; China has had no daylight saving since
 * 1991, so the offset is fixed). Durations are computed on these local values directly, never through the host's
 * time zone, so the results do not depend on where bizenv runs.
 */

/** A moment as read on a clock in Xining (China Standard Time). */
export interface LocalTimestamp {
  /** Calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Minutes after local midnight, 0 ≤ minute < 1440 (seconds become fractions); `null` when only a date was given. */
  minute: number | null;
}

/** UTC+8, in milliseconds: the fixed offset of China Standard Time. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Read `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM[:SS]` as China local time.
 * Throws a `RangeError` whose message says what was expected and what is wrong (suitable to show to a person).
 *
 * @example parseLocalTimestamp("2023-10-07T20:00") // {date: "2023-10-07", minute: 1200}
 * @example parseLocalTimestamp("2023-10-07")       // {date: "2023-10-07", minute: null}
 */
export function parseLocalTimestamp(text: string): LocalTimestamp {
  const trimmed = text.trim();
  const match = PATTERN.exec(trimmed);
  if (!match) {
    const zone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? " (give China local time without a zone suffix)" : "";
    throw new RangeError(`expected YYYY-MM-DD or YYYY-MM-DDTHH:MM (China time), found "${text}"${zone}`);
  }
  const [, y, mo, d, h, mi, s] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1900 || year > 2999) throw new RangeError(`"${text}" has year ${y}; expected a year from 1900 to 2999`);
  if (month < 1 || month > 12) throw new RangeError(`"${text}" has month ${mo}; months run 01–12`);
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    throw new RangeError(`"${text}" has day ${d}, but ${y}-${mo} has ${lastDay} days`);
  }
  const date = `${y}-${mo}-${d}`;
  if (h === undefined || mi === undefined) return {date, minute: null};
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23)
    throw new RangeError(`"${text}" has hour ${h}; hours run 00–23 (write the next day's 00:00 for midnight)`);
  if (minute > 59 || second > 59) throw new RangeError(`"${text}" has minutes or seconds above 59`);
  return {date, minute: hour * 60 + minute + second / 60};
}

/**
 * The China local date and time of an instant (for example a `TIMESTAMPTZ` read from DuckDB).
 *
 * @example fromInstant(new Date("2023-10-07T12:00:00Z")) // {date: "2023-10-07", minute: 1200} (20:00 in Xining)
 */
export function fromInstant(instant: Date): LocalTimestamp {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("expected a valid Date, found an invalid one");
  const local = ms + CHINA_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  return {date: dateFromEpochDay(day), minute: (local - day * MS_PER_DAY) / 60_000};
}

/** Write a local timestamp back as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (`:SS` only when seconds are not zero). */
export function formatLocalTimestamp(ts: LocalTimestamp): string {
  if (ts.minute === null) return ts.date;
  const totalSeconds = Math.round(ts.minute * 60);
  const hh = String(Math.floor(totalSeconds / 3600)).padStart(2, "0");
  const mm = String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, "0");
  const ss = totalSeconds % 60;
  return `${ts.date}T${hh}:${mm}${ss === 0 ? "" : `:${String(ss).padStart(2, "0")}`}`;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), for day arithmetic free of time zones.
 *
 * @example epochDay("1970-01-02") // 1
 */
export function epochDay(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined)
    throw new RangeError(`expected YYYY-MM-DD, found "${date}"`);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** The `YYYY-MM-DD` date `day` days after 1970-01-01. Inverse of {@link epochDay}. */
export function dateFromEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * ISO weekday of a date: 1 = Monday … 6 = Saturday, 7 = Sunday.
 *
 * @example isoWeekday("2023-10-07") // 6 (a Saturday, which was a make-up workday)
 */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
