import {readFileSync} from "node:fs";
import {join, relative} from "node:path";
import YAML from "yaml";
import {z} from "zod";
import {CatalogError, type Issue} from "../errors.ts";
import {projectRoot} from "../version.ts";

/** Office hours as the duration functions use them: sessions in minutes after local midnight. */
export interface OfficeHours {
  /** Always `Asia/Shanghai` (fixed UTC+8); other zones are refused rather than silently mis-handled. */
  time_zone: "Asia/Shanghai";
  /** Open periods of one workday, sorted, not overlapping; minutes after midnight, start < end ≤ 1440. */
  sessions: ReadonlyArray<{start_minute: number; end_minute: number}>;
  /** Length of one full office day in minutes: the definition of 1 workday (450 with the default hours). */
  minutes_per_workday: number;
}

/** The bundled default, `sources/calendar/office-hours.yaml`. */
const DEFAULT_OFFICE_HOURS_PATH = join(projectRoot, "sources", "calendar", "office-hours.yaml");

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "expected a time HH:MM from 00:00 to 24:00");
const schema = z
  .object({
    time_zone: z.literal("Asia/Shanghai", {error: "only Asia/Shanghai (China Standard Time) is supported"}),
    sessions: z.array(z.object({start: clock, end: clock}).strict()).min(1, "at least one office session is needed"),
  })
  .strict();

/**
 * Check parsed YAML against the office-hours contract and convert it to minutes. Collects every problem and throws
 * one `CatalogError` listing them (file and path of each), so a broken file is fixed in one go.
 *
 * @example validateOfficeHours({time_zone: "Asia/Shanghai", sessions: [{start: "09:00", end: "12:00"}]}, "x.yaml")
 * // {time_zone: "Asia/Shanghai", sessions: [{start_minute: 540, end_minute: 720}], minutes_per_workday: 180}
 */
export function validateOfficeHours(data: unknown, file: string): OfficeHours {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new CatalogError(
      parsed.error.issues.map((issue) => ({file, path: formatPath(issue.path), message: issue.message})),
    );
  }
  const sessions = parsed.data.sessions.map((s) => ({start_minute: toMinute(s.start), end_minute: toMinute(s.end)}));
  const issues: Issue[] = [];
  sessions.forEach((s, i) => {
    if (s.end_minute <= s.start_minute) {
      issues.push({file, path: `sessions[${i}]`, message: "a session must end after it starts"});
    }
    const previous = sessions[i - 1];
    if (previous && s.start_minute < previous.end_minute) {
      issues.push({file, path: `sessions[${i}]`, message: "sessions must be in order and must not overlap"});
    }
  });
  if (issues.length > 0) throw new CatalogError(issues);
  const minutes = sessions.reduce((sum, s) => sum + s.end_minute - s.start_minute, 0);
  return {time_zone: "Asia/Shanghai", sessions, minutes_per_workday: minutes};
}

/** Read and validate an office-hours YAML file (default: the bundled one). */
function readOfficeHours(path: string = DEFAULT_OFFICE_HOURS_PATH): OfficeHours {
  const file = relative(projectRoot, path) || path;
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CatalogError([{file, path: "", message: `cannot read office hours: ${message}`}]);
  }
  return validateOfficeHours(data, file);
}

let cached: OfficeHours | undefined;

/** The bundled default office hours, read once. */
export function defaultOfficeHours(): OfficeHours {
  cached ??= readOfficeHours();
  return cached;
}

function toMinute(clockTime: string): number {
  const [h, m] = clockTime.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}
