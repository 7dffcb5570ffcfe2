import type {ExportRow} from "../export/exportsContract.ts";
import type {TaskAssessment, TaskStatus} from "./types.ts";

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/**
 * The date a task was done, as far as tasks.csv tells: `done_late` rows carry the days from the deadline to the
 * first report of done (`days_overdue`), so done_on = deadline + days; for `done` rows (first done on or before the
 * deadline) only the bound is known. `reported_on` is the latest report, an upper bound in every case.
 */
function doneOn(
  row: Pick<ExportRow<"tasks.csv">, "status" | "reported_on" | "deadline" | "days_overdue">,
): string | null {
  if (row.status === "done_late" && row.deadline && row.days_overdue !== null) {
    return new Date(Date.parse(row.deadline) + row.days_overdue * DAY_MS).toISOString().slice(0, 10);
  }
  return row.reported_on;
}

/**
 * Status of a task × responsible unit (tasks.csv) on the evaluation date `at` (the period's end, or the data's
 * as-of date when that is earlier). tasks.csv holds each status as of the exports' as-of date; the status on an
 * earlier date follows from it:
 * - no deadline (持续推进): ongoing;
 * - `done` (first reported done by its deadline): done on time once the deadline is on or before `at`, or when the
 *   latest report is; otherwise not known to be done on `at`, and not yet due: open;
 * - `done_late`: done late if done on or before `at` (deadline + days_overdue, else the latest report);
 * - otherwise, or done after `at`: overdue if the deadline had passed on `at`, else open. A deadline on `at`
 *   itself has passed when the data runs beyond `at` (a task due 31 December and done in March missed the year),
 *   not when `at` is the as-of date (it may still be done that day: the dashboards show it in progress).
 *
 * @example taskStatusAt({status: "done_late", deadline: "2022-12-31", days_overdue: 69, reported_on: "2023-04-01"}, "2022-12-31", "2023-06-30")
 *   // "overdue": at the end of 2022 the task was not done
 */
export function taskStatusAt(
  row: Pick<ExportRow<"tasks.csv">, "status" | "reported_on" | "deadline" | "days_overdue">,
  at: string,
  asOf: string,
): TaskStatus {
  if (row.deadline === null || row.status === "ongoing") return "ongoing";
  if (row.status === "done" && (row.deadline <= at || (row.reported_on !== null && row.reported_on <= at))) {
    return "done_on_time";
  }
  if (row.status === "done_late") {
    const done = doneOn(row);
    if (done === null || done <= at) return "done_late";
  }
  const passed = row.deadline < at || (row.deadline === at && at < asOf);
  return passed ? "overdue" : "open";
}

export function assessTasks(rows: ExportRow<"tasks.csv">[], at: string, asOf: string): TaskAssessment[] {
  return rows
    .filter((r) => r.task_number !== null && r.unit_id !== null)
    .map((r): TaskAssessment => {
      const status = taskStatusAt(r, at, asOf);
      const done = doneOn(r);
      const daysLate =
        status === "done_late" && done && r.deadline
          ? Math.max(0, daysBetween(r.deadline, done))
          : status === "overdue" && r.deadline
            ? Math.max(0, daysBetween(r.deadline, at))
            : null;
      return {
        task_number: r.task_number!,
        indicator_id: r.indicator_id ?? "",
        unit_id: r.unit_id!,
        deadline: r.deadline,
        is_judged: status !== "ongoing" && status !== "open",
        status,
        export_status: r.status,
        reported_on: r.reported_on,
        percent_done: r.percent_done,
        days_late: daysLate,
      };
    })
    .sort((a, b) => a.task_number - b.task_number || a.unit_id.localeCompare(b.unit_id));
}
