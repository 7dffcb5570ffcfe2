import {createRequire} from "node:module";

/**
 * Gregorian dates of the traditional Chinese calendar (农历) and of the 24 solar terms (二十四节气), computed with the
 * tables and formulas of the `chinese-days` package (the same package that carries the official holiday notices),
 * for any year it covers, so no holiday date is ever typed in per year.
 *
 * Both answers are free of the host's time zone. The package mixes UTC parsing with local-time printing, so two of
 * its functions print the day before west of Greenwich (`getSolarTermDate`, `getSolarDateFromLunar`). bizenv
 * therefore asks only `getLunarDate` for lunar fields, which it computes from absolute instants, and undoes the
 * printing shift of `getSolarTermDate` (see {@link solarTermDate}).
 */

type ChineseDays = typeof import("chinese-days");
const chineseDays = createRequire(import.meta.url)("chinese-days") as ChineseDays;

/** Solar terms by the key `chinese-days` uses, with the Gregorian month each falls in. */
export const SOLAR_TERM_MONTHS = {
  lesser_cold: 1,
  greater_cold: 1,
  the_beginning_of_spring: 2,
  rain_water: 2,
  the_waking_of_insects: 3,
  the_spring_equinox: 3,
  pure_brightness: 4,
  grain_rain: 4,
  the_beginning_of_summer: 5,
  lesser_fullness_of_grain: 5,
  grain_in_beard: 6,
  the_summer_solstice: 6,
  lesser_heat: 7,
  greater_heat: 7,
  the_beginning_of_autumn: 8,
  the_end_of_heat: 8,
  white_dew: 9,
  the_autumn_equinox: 9,
  code_dew: 10,
  frost_descent: 10,
  the_beginning_of_winter: 11,
  lesser_snow: 11,
  greater_snow: 12,
  the_winter_solstice: 12,
} as const;
export type SolarTermKey = keyof typeof SOLAR_TERM_MONTHS;

/**
 * Years the package computes correctly: its lunar table (LUNAR_INFO) runs 1900–2100 and stops converting inside
 * 2100, and its solar-term formula uses 20th/21st-century constants only. A property of the library, not a policy.
 */
export const LUNISOLAR_YEARS = Object.freeze({first: 1901, last: 2099});

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * The Gregorian date (`YYYY-MM-DD`) of lunar `month`/`day` (never the leap month of that number) in lunar year
 * `year`, the lunar year that starts with 正月初一 in Gregorian `year`.
 * Throws a `RangeError` outside {@link LUNISOLAR_YEARS} or when the lunar month has no such day (e.g. a 30th in a
 * 29-day month).
 *
 * @example solarDateOfLunar(2027, 1, 1)  // "2027-02-06" (春节)
 * @example solarDateOfLunar(2027, 8, 15) // "2027-09-15" (中秋)
 */
export function solarDateOfLunar(year: number, month: number, day: number): string {
  checkYear(year);
  // Lunar year `year` begins between 21 January and 20 February and has at most 385 days, so its dates lie within
  // the 400 days from 1 January: walk them, asking the package what each one is.
  const first = Date.UTC(year, 0, 1);
  for (let offset = 0; offset < 400; offset++) {
    const date = new Date(first + offset * MS_PER_DAY).toISOString().slice(0, 10);
    const lunar = chineseDays.getLunarDate(date);
    if (lunar.lunarYear > year) break;
    if (lunar.lunarYear === year && lunar.lunarMon === month && lunar.lunarDay === day && !lunar.isLeap) return date;
  }
  throw new RangeError(`lunar year ${year} has no month ${month} day ${day}`);
}

/**
 * The Gregorian date (`YYYY-MM-DD`) on which a solar term begins in `year`, in China Standard Time.
 * Throws a `RangeError` outside {@link LUNISOLAR_YEARS}.
 *
 * @example solarTermDate(2027, "pure_brightness") // "2027-04-05" (清明)
 */
export function solarTermDate(year: number, term: SolarTermKey): string {
  checkYear(year);
  const printed = chineseDays.getSolarTermDate(year, SOLAR_TERM_MONTHS[term], term);
  // The package makes the date as a UTC midnight and prints it with the host's local getters: east of Greenwich
  // that is the same day, west of it the day before. Find the day whose printing gives what the package printed.
  const [y, m, d] = printed.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) {
    throw new Error(`chinese-days printed a solar-term date bizenv cannot read: "${printed}"`);
  }
  for (const shift of [0, 1]) {
    const instant = new Date(Date.UTC(y, m - 1, d + shift));
    if (printLocal(instant) === printed) return instant.toISOString().slice(0, 10);
  }
  throw new Error(`chinese-days printed a solar-term date bizenv cannot place: "${printed}"`);
}

function printLocal(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNISOLAR_YEARS.first || year > LUNISOLAR_YEARS.last) {
    throw new RangeError(
      `lunar dates and solar terms are computed for ${LUNISOLAR_YEARS.first}–${LUNISOLAR_YEARS.last}, asked for ${year}`,
    );
  }
}
