import {dateFromEpochDay, epochDay} from "../calendar/localTime.ts";
import type {SupervisionRule} from "./readBenchmarks.ts";

export type TaskStatus = "done" | "done_late" | "in_progress" | "overdue" | "not_started" | "ongoing";

/** One task × responsible unit, as mart_task_reports holds it. Dates `YYYY-MM-DD`. */
export interface TaskReport {
  /** null for a task without an end date (持续推进). */
  deadline: string | null;
  /** Units sharing the task (the 710 rule's complexity). */
  task_units: number;
  /** Latest report on or before the as-of date, if any. */
  reported_status: "not_started" | "in_progress" | "done" | null;
  /** First date the unit reported the task done, if ever. */
  first_done_on: string | null;
}

export interface TaskJudgement {
  status: TaskStatus;
  /** Days past the deadline: until done (done_late) or until the as-of date (overdue); else null. */
  days_overdue: number | null;
  /** Last day of the 710 supervision period of an unfinished overdue task. */
  supervision_due: string | null;
  /** Still open past the supervision period: a breach of the 710 rule. */
  is_supervision_breach: boolean;
}

/**
 * Status of one task for one unit at `asOf` (`YYYY-MM-DD`):
 * - no deadline (持续推进): `ongoing`, whatever was reported;
 * - latest report `done`: `done` if first reported done on or before the deadline, else `done_late`;
 * - not done and the deadline passed: `overdue`, a supervision item under the 710 rule (supervision-710.yaml):
 *   its limit is the deadline + 7 days (ordinary) or + 30 days (complex: shared by `complex_min_units` units or
 *   more), never past 31 December of the deadline's year; open past it = a breach;
 * - otherwise `in_progress` or `not_started` as reported (no report = `not_started`).
 *
 * @example judgeTask({deadline: "2022-12-31", task_units: 3, reported_status: "done", first_done_on: "2023-01-10"}, "2023-06-30", rule)
 * // {status: "done_late", days_overdue: 10, supervision_due: null, is_supervision_breach: false}
 */
export function judgeTask(report: TaskReport, asOf: string, rule: SupervisionRule): TaskJudgement {
  const none = {days_overdue: null, supervision_due: null, is_supervision_breach: false};
  if (report.deadline === null) return {status: "ongoing", ...none};
  const deadline = epochDay(report.deadline);
  if (report.reported_status === "done") {
    const done = report.first_done_on === null ? epochDay(asOf) : epochDay(report.first_done_on);
    return done <= deadline
      ? {status: "done", ...none}
      : {status: "done_late", days_overdue: done - deadline, supervision_due: null, is_supervision_breach: false};
  }
  const today = epochDay(asOf);
  if (today > deadline) {
    const due = supervisionDue(report.deadline, report.task_units, rule);
    return {
      status: "overdue",
      days_overdue: today - deadline,
      supervision_due: due,
      is_supervision_breach: today > epochDay(due),
    };
  }
  return {status: report.reported_status === "in_progress" ? "in_progress" : "not_started", ...none};
}

/**
 * Last day (`YYYY-MM-DD`) of the 710 supervision period of a task unfinished at its `deadline`: the deadline + 7
 * days (ordinary) or + 30 days (complex: shared by `complex_min_units` units or more), never past 31 December of
 * the deadline's year (supervision-710.yaml). Still open after that day is a breach of the rule; the assessment
 * applies the same limit on its evaluation date.
 *
 * @example supervisionDue("2022-12-20", 1, rule) // "2022-12-27"
 */
export function supervisionDue(deadline: string, taskUnits: number, rule: SupervisionRule): string {
  const day = epochDay(deadline);
  const allowance = taskUnits >= rule.complex_min_units ? rule.complex_result_days : rule.ordinary_close_days;
  let due = day + allowance;
  if (rule.clear_by_year_end) due = Math.min(due, epochDay(`${deadline.slice(0, 4)}-12-31`));
  due = Math.max(due, day);
  return dateFromEpochDay(due);
}
