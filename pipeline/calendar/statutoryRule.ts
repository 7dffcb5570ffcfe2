import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join, relative} from "node:path";
import YAML from "yaml";
import {z} from "zod";
import {CatalogError} from "../errors.ts";
import {projectRoot} from "../version.ts";
import {SOLAR_TERM_MONTHS, type SolarTermKey} from "./lunisolar.ts";

/** Where a statutory holiday falls each year. */
export type HolidayDate =
  | {calendar: "gregorian"; month: number; day: number}
  | {calendar: "lunar"; month: number; day: number}
  | {calendar: "solar_term"; term: SolarTermKey};

/** One holiday of 《全国年节及纪念日放假办法》 art. 2: `days` consecutive rest days from `days_before` before `date`. */
interface StatutoryHoliday {
  /** Chinese name, as `chinese-days` names it (e.g. `国庆节`). */
  name: string;
  name_en: string;
  date: HolidayDate;
  days_before: number;
  days: number;
}

/** The statutory holidays as the law fixes them in advance (`sources/calendar/statutory-holidays.yaml`). */
export interface StatutoryRule {
  /** The legal text, cited wherever provisional workdays are published. */
  source: string;
  /** `YYYY-MM-DD`: the rule fills no date before this one (an earlier version of the law had other holidays). */
  in_force_from: string;
  /**
   * Where the days off art. 6 owes for a holiday on a weekend (补假) go: `after_holiday`, the first workdays after it
   * (statutoryHolidays.ts `daysInLieu`); `none`, not counted.
   */
  days_in_lieu: "after_holiday" | "none";
  holidays: StatutoryHoliday[];
  /** sha256 of the validated rule: a changed rule rewrites the warehouse calendar. */
  sha256: string;
}

/** The bundled rule, `sources/calendar/statutory-holidays.yaml`. */
const DEFAULT_STATUTORY_RULE_PATH = join(projectRoot, "sources", "calendar", "statutory-holidays.yaml");

const count = z.number().int().min(0).max(31);
const terms = Object.keys(SOLAR_TERM_MONTHS) as [SolarTermKey, ...SolarTermKey[]];
// A Gregorian date must exist every year: 29 February does not.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const gregorian = z
  .object({calendar: z.literal("gregorian"), month: z.number().int().min(1).max(12), day: z.number().int().min(1)})
  .strict()
  .refine((d) => d.day <= (DAYS_IN_MONTH[d.month - 1] ?? 0), {error: "no such day in that month every year"});
const date = z.discriminatedUnion("calendar", [
  gregorian,
  z
    .object({
      calendar: z.literal("lunar"),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(30),
    })
    .strict(),
  z.object({calendar: z.literal("solar_term"), term: z.enum(terms)}).strict(),
]);
const schema = z
  .object({
    source: z.string().min(1),
    in_force_from: z.iso.date(),
    days_in_lieu: z.enum(["after_holiday", "none"]).default("none"),
    holidays: z
      .array(
        z
          .object({
            name: z.string().min(1),
            name_en: z.string().min(1),
            date,
            days_before: count.default(0),
            days: count.min(1, "a holiday lasts at least one day"),
          })
          .strict(),
      )
      .min(1, "at least one holiday is needed"),
  })
  .strict();

/**
 * Check parsed YAML against the statutory-holiday contract. Throws one `CatalogError` listing every problem (file and
 * path of each), so a broken file is fixed in one go.
 *
 * @example validateStatutoryRule(YAML.parse(text), "sources/calendar/statutory-holidays.yaml").holidays[0].name // "元旦"
 */
export function validateStatutoryRule(data: unknown, file: string): StatutoryRule {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new CatalogError(
      parsed.error.issues.map((issue) => ({file, path: formatPath(issue.path), message: issue.message})),
    );
  }
  const rule = parsed.data;
  const sha256 = createHash("sha256").update(JSON.stringify(rule)).digest("hex");
  return {...rule, sha256};
}

/** Read and validate a statutory-holiday YAML file (default: the bundled one). */
function readStatutoryRule(path: string = DEFAULT_STATUTORY_RULE_PATH): StatutoryRule {
  const file = relative(projectRoot, path) || path;
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CatalogError([{file, path: "", message: `cannot read the statutory holidays: ${message}`}]);
  }
  return validateStatutoryRule(data, file);
}

let cached: StatutoryRule | undefined;

/** The bundled rule, read once (on first use, so a broken file is reported by the command that needs it). */
export function defaultStatutoryRule(): StatutoryRule {
  cached ??= readStatutoryRule();
  return cached;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}
