import {createRequire} from "node:module";
import {isoWeekday} from "./localTime.ts";
import {LUNISOLAR_YEARS} from "./lunisolar.ts";
import {daysInLieu, statutoryHolidays, type StatutoryDay} from "./statutoryHolidays.ts";
import {defaultStatutoryRule, type StatutoryRule} from "./statutoryRule.ts";

/**
 * China's official working calendar: public holidays (法定节假日 and the days off around them) and make-up workdays
 * (调休上班日) as announced each year by the State Council General Office (国务院办公厅关于部分节假日安排的通知).
 *
 * The data come from the `chinese-days` package, which transcribes those notices. A year for which the package has
 * no notice is never silently treated as an ordinary year: every day carries `year_has_official_data`, and the
 * duration functions report such years (see `pipeline/scoring/durations.ts`).
 *
 * Such a year is still not counted Monday–Friday only: the law fixes its statutory holidays in advance
 * (《全国年节及纪念日放假办法》 art. 2, `sources/calendar/statutory-holidays.yaml`), so those are rest days, and the
 * number of days off art. 6 owes for a holiday on a Saturday or Sunday (补假), which are placed on the first workdays
 * after the holiday (statutoryHolidays.ts `daysInLieu`: where every notice since 2014 had them, or inside the longer
 * break around them). What only the notice can say stays unknown: the 调休 that turns weekends into workdays and the
 * days between them into days off. Those swaps give as many workdays as they take, so a provisional count is exact
 * over a span that holds a whole break and may differ by a few days inside one; counted without the 补假 it would
 * exceed the final count by one for each holiday day on a weekend (checked against 2014–2026: every year's workdays
 * match the notice's but for the days the 2015 and 2020 notices added; a 30-day span is exact in 85 % of the
 * notices' years against 71 % without the 补假, tests/calendar/daysInLieu.test.ts).
 */

/** One entry of the package's tables, e.g. `"National Day,国庆节,3"`: English name, Chinese name, statutory days. */
type PackageEntry = string;
interface PackageData {
  holidays: Record<string, PackageEntry>;
  workdays: Record<string, PackageEntry>;
  inLieuDays: Record<string, PackageEntry>;
}

const require = createRequire(import.meta.url);
const packageJson = require("chinese-days/package.json") as {name: string; version: string};
const packageData = require("chinese-days/dist/chinese-days.json") as PackageData;

/** What a date is in China's official working calendar. */
interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Offices are open: Monday–Friday that is not a holiday, or a make-up Saturday/Sunday. */
  is_workday: boolean;
  /**
   * A day off of a holiday period (including the weekend days inside it) by the notice; in a year without one, a
   * statutory holiday day (weekend or not) or a day off in lieu of one (补假). Plain weekends are `false`.
   */
  is_holiday: boolean;
  /** Chinese name of the holiday (e.g. `国庆节`); for a make-up workday, the holiday it makes up for; else `null`. */
  holiday_name: string | null;
  /** English name of the same holiday, or `null`. */
  holiday_name_en: string | null;
  /** A Saturday or Sunday on which offices work to make up for a holiday (调休上班). */
  is_makeup_workday: boolean;
  /**
   * The package holds the State Council's notice for this date's year. When `false`, `is_workday` is provisional:
   * see `basis`.
   */
  year_has_official_data: boolean;
  /**
   * What the day's classification rests on: `notice` (the State Council's notice for the year); `statutory rule`
   * (no notice yet: statutory holidays and the days in lieu of them by law, otherwise Monday–Friday, make-up days
   * unknown); `weekdays` (no notice
   * and no rule for the year: Monday–Friday only).
   */
  basis: CalendarBasis;
}

type CalendarBasis = "notice" | "statutory rule" | "weekdays";

/** A working calendar: the seam the duration functions take, so tests can pass a hand-made one. */
export interface WorkCalendar {
  /** Years (ascending) for which the official holiday arrangement is known. */
  readonly officialYears: readonly number[];
  /**
   * The rule that gives statutory holidays to dates without a notice, or `null` (Monday–Friday only). Read when first
   * asked for, so a broken rule file is reported by the command that needs it.
   */
  readonly statutoryRule: StatutoryRule | null;
  /** Classify one `YYYY-MM-DD` date. */
  day(date: string): CalendarDay;
}

/** Where the calendar comes from; cite it wherever workday counts are published (e.g. the year-end report). */
export interface CalendarProvenance {
  package: string;
  version: string;
  repository: string;
  source: string;
  first_official_year: number;
  last_official_year: number;
}

/**
 * Build a calendar from tables shaped like `chinese-days/dist/chinese-days.json` (dates → "English,中文,days").
 * A year counts as official when the tables hold at least one holiday in it (every notice declares New Year's Day).
 * Throws if an entry is malformed, so a changed package format fails loudly instead of miscounting.
 * `rule` (read on first need) fills the statutory holidays of years without a notice, from its `in_force_from` date
 * and within the years lunar dates are computed for; without it such years are Monday–Friday only.
 *
 * @example buildWorkCalendar(data).day("2023-10-07").is_makeup_workday // true
 * @example buildWorkCalendar(data, defaultStatutoryRule).day("2027-10-01").is_workday // false (国庆节, provisional)
 */
export function buildWorkCalendar(data: PackageData, rule?: () => StatutoryRule): WorkCalendar {
  for (const [table, entries] of Object.entries(data)) {
    for (const [date, entry] of Object.entries(entries as Record<string, string>)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || entry.split(",").length < 2) {
        throw new Error(`chinese-days table "${table}" has an entry bizenv cannot read: ${date} → ${entry}`);
      }
    }
  }
  const years = new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))));
  const officialYears = [...years].sort((a, b) => a - b);
  let loaded: StatutoryRule | null | undefined;
  const statutoryRule = (): StatutoryRule | null => (loaded ??= rule?.() ?? null);
  // Statutory days by year, computed once per year; `null`: the rule does not reach that year.
  const ruleYears = new Map<number, Map<string, StatutoryDay> | null>();
  const statutoryDays = (year: number): Map<string, StatutoryDay> | null => {
    if (!ruleYears.has(year)) {
      const current = statutoryRule();
      const reached =
        current !== null &&
        year >= Number(current.in_force_from.slice(0, 4)) &&
        year >= LUNISOLAR_YEARS.first &&
        year <= LUNISOLAR_YEARS.last;
      ruleYears.set(
        year,
        reached
          ? new Map([...statutoryHolidays(year, current), ...daysInLieu(year, current)].map((d) => [d.date, d]))
          : null,
      );
    }
    return ruleYears.get(year) ?? null;
  };
  return {
    officialYears,
    get statutoryRule() {
      return statutoryRule();
    },
    day(date: string): CalendarDay {
      const year = Number(date.slice(0, 4));
      const official = years.has(year);
      const ordinary = isoWeekday(date) <= 5;
      if (!official) {
        const byRule = statutoryDays(year);
        const statutory = byRule?.get(date);
        return {
          date,
          is_workday: statutory === undefined && ordinary,
          is_holiday: statutory !== undefined,
          holiday_name: statutory?.name ?? null,
          holiday_name_en: statutory?.name_en ?? null,
          is_makeup_workday: false,
          year_has_official_data: false,
          basis: byRule === null ? "weekdays" : "statutory rule",
        };
      }
      const makeup = data.workdays[date];
      const holiday = data.holidays[date];
      const entry = makeup ?? holiday;
      const [nameEn, nameZh] = entry === undefined ? [null, null] : entry.split(",");
      return {
        date,
        is_workday: makeup !== undefined ? true : holiday !== undefined ? false : ordinary,
        is_holiday: makeup === undefined && holiday !== undefined,
        holiday_name: nameZh ?? null,
        holiday_name_en: nameEn ?? null,
        is_makeup_workday: makeup !== undefined,
        year_has_official_data: true,
        basis: "notice",
      };
    },
  };
}

/**
 * The calendar bizenv uses, built once from the installed `chinese-days`, with the statutory holidays of
 * `sources/calendar/statutory-holidays.yaml` for the years after its last notice.
 */
export const chinaCalendar: WorkCalendar = buildWorkCalendar(packageData, defaultStatutoryRule);

/**
 * Provenance of {@link chinaCalendar}: package name and the version actually installed, and the official years it
 * covers. The year-end report cites this.
 */
export const CALENDAR_PROVENANCE: CalendarProvenance = Object.freeze({
  package: packageJson.name,
  version: packageJson.version,
  repository: "https://github.com/vsme/chinese-days",
  source: "State Council General Office notices on public-holiday arrangements (国务院办公厅关于部分节假日安排的通知)",
  first_official_year: chinaCalendar.officialYears[0] ?? Number.NaN,
  last_official_year: chinaCalendar.officialYears.at(-1) ?? Number.NaN,
});

/** One line naming the calendar, e.g. `chinese-days 1.5.7 (official years 2004–2026)`. */
export function calendarCitation(provenance: CalendarProvenance = CALENDAR_PROVENANCE): string {
  return `${provenance.package} ${provenance.version} (official years ${provenance.first_official_year}–${provenance.last_official_year})`;
}
