import {Command} from "commander";
import {UsageError} from "../../errors.ts";
import {colors, printJson, type Io} from "../io.ts";
import {CALENDAR_PROVENANCE, calendarCitation, chinaCalendar} from "../../calendar/chinaCalendar.ts";
import {durationBetween, type Duration} from "../../scoring/durations.ts";
import {parseLocalTimestamp, type LocalTimestamp} from "../../calendar/localTime.ts";

const FORMS = "YYYY-MM-DD or YYYY-MM-DDTHH:MM (China time)";

/**
 * `bizenv workdays FROM TO [--json]`: calendar days and Chinese workdays between two dates or date-times, with the
 * same function the marts use (`pipeline/scoring/durations.ts`, conventions documented there).
 * `--json` prints `{from, to, calendar_days, workdays}` (numbers rounded to 4 decimals: 1 minute = 0.0022 workday),
 * plus `calendar_complete: false` and `years_without_official_calendar` only when a year lacks official data.
 * Such a count is provisional, and the text output says so on stdout (the reason goes to stderr): a year after the
 * last State Council notice has its statutory holidays but not its make-up days (`pipeline/calendar/chinaCalendar.ts`).
 */
export function workdaysCommand(io: Io): Command {
  return new Command("workdays")
    .description("count calendar days and Chinese workdays between two dates or date-times (Asia/Shanghai)")
    .argument("<FROM>", `start: ${FORMS}`)
    .argument("<TO>", `end: ${FORMS}, same form as FROM`)
    .option("--json", "print {from, to, calendar_days, workdays} as JSON")
    .addHelpText(
      "after",
      "\nDates count as Chinese law does (the first day is not counted): workdays after FROM up to and including TO." +
        "\nDate-times count office hours (sources/calendar/office-hours.yaml); 1 workday = one full office day." +
        `\nCalendar: ${calendarCitation()}. Later years are provisional: their statutory holidays count` +
        "\n(sources/calendar/statutory-holidays.yaml), and the days off the law gives back for those on a weekend" +
        "\n(补假) on the workdays after them; their make-up days are not known yet.",
    )
    .action((fromText: string, toText: string, options: {json?: boolean}) => {
      const from = parseArgument("FROM", fromText);
      const to = parseArgument("TO", toText);
      if ((from.minute === null) !== (to.minute === null)) {
        throw new UsageError(
          `FROM and TO must have the same form, found FROM "${fromText}" and TO "${toText}"`,
          "give both as YYYY-MM-DD, or both as YYYY-MM-DDTHH:MM",
        );
      }
      let result: Duration;
      try {
        result = durationBetween(from, to);
      } catch (error) {
        if (error instanceof RangeError) {
          throw new UsageError(`TO must not be before FROM, found FROM "${fromText}" and TO "${toText}"`);
        }
        throw error;
      }
      if (options.json) printJson(io, toJson(result));
      else printHuman(io, result);
    });
}

function parseArgument(name: "FROM" | "TO", text: string): LocalTimestamp {
  try {
    return parseLocalTimestamp(text);
  } catch (error) {
    const detail = error instanceof RangeError ? error.message : String(error);
    throw new UsageError(`${name}: expected ${FORMS}; ${detail.replace(/^expected [^,]*, /, "")}`);
  }
}

function toJson(d: Duration): Record<string, unknown> {
  const base = {from: d.from, to: d.to, calendar_days: round(d.calendar_days), workdays: round(d.workdays)};
  if (d.calendar_complete) return base;
  return {...base, calendar_complete: false, years_without_official_calendar: d.years_without_official_calendar};
}

function printHuman(io: Io, d: Duration): void {
  const c = colors(io);
  const days = plural(d.calendar_days, "calendar day");
  const work = plural(d.workdays, "workday");
  io.stdout(`${d.from} → ${d.to}: ${days}, ${work}${d.calendar_complete ? "" : " (provisional)"}\n`);
  if (d.calendar_complete) return;
  const package_ = `${CALENDAR_PROVENANCE.package} ${CALENDAR_PROVENANCE.version}`;
  // Years the statutory rule reaches, and years before it or beyond the lunar tables (Monday–Friday only).
  const byRule = d.years_without_official_calendar.filter((y) => chinaCalendar.day(`${y}-01-01`).basis !== "weekdays");
  const weekdaysOnly = d.years_without_official_calendar.filter((y) => !byRule.includes(y));
  if (byRule.length > 0) {
    io.stderr(
      `${c.yellow("warning")} ${package_} has no official holiday arrangement for ${byRule.join(", ")}: statutory ` +
        `holidays counted by ${chinaCalendar.statutoryRule?.source ?? "law"}` +
        (chinaCalendar.statutoryRule?.days_in_lieu === "after_holiday"
          ? `, with the days off 第六条 owes for those on a weekend (补假) on the workdays after them; make-up ` +
            `workdays not known yet`
          : `, make-up workdays and days in lieu not known yet`) +
        `, so the workday count is provisional\n`,
    );
  }
  if (weekdaysOnly.length > 0) {
    io.stderr(
      `${c.yellow("warning")} ${package_} has no official holiday arrangement for ${weekdaysOnly.join(", ")}: those ` +
        `days were counted Monday–Friday, so the workday count is provisional\n`,
    );
  }
}

function plural(value: number, unit: string): string {
  const shown = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return `${shown} ${unit}${shown === "1" ? "" : "s"}`;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
