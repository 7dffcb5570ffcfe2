import {judgeTask, type TaskJudgement, type TaskReport, type TaskStatus} from "../scoring/taskStatus.ts";
import type {Benchmarks} from "../scoring/readBenchmarks.ts";
import {scoreUnits, type UnitRecord} from "../scoring/unitScore.ts";

/** One row of mart_task_reports. */
export interface TaskReportRow extends TaskReport {
  task_number: number;
  indicator_id: string;
  unit_id: string;
  is_ongoing: boolean;
  reported_on: string | null;
  percent_done: number | null;
}

/** One row of tasks.csv. */
export interface TaskRow {
  task_number: number;
  indicator_id: string;
  unit_id: string;
  deadline: string | null;
  status: TaskStatus;
  reported_on: string | null;
  percent_done: number | null;
  days_overdue: number | null;
}

/** One row of units.csv. */
export interface UnitRow {
  unit_id: string;
  tasks: number;
  done_on_time: number;
  done_late: number;
  overdue: number;
  on_time_rate: number | null;
  satisfaction_index: number | null;
  hotline_on_time_rate: number | null;
  score: number | null;
  rank: number | null;
  list: "top10" | "bottom10" | null;
}

/** Task status of every task × unit pair at `asOf` (taskStatus.ts, 710 rule from supervision-710.yaml). */
export function buildTasks(
  reports: readonly TaskReportRow[],
  benchmarks: Benchmarks,
  asOf: string,
): Array<TaskRow & {judgement: TaskJudgement}> {
  return reports.map((r) => {
    const judgement = judgeTask(r, asOf, benchmarks.supervision);
    return {
      task_number: r.task_number,
      indicator_id: r.indicator_id,
      unit_id: r.unit_id,
      deadline: r.deadline,
      status: judgement.status,
      reported_on: r.reported_on,
      percent_done: r.percent_done,
      days_overdue: judgement.days_overdue,
      judgement,
    };
  });
}

/**
 * units.csv: every unit of the catalog with its task record, its satisfaction index and hotline on-time rate (last
 * `window_months` months, computed by the caller), and its score, rank and list (unitScore.ts).
 */
export function buildUnits(
  unitIds: readonly string[],
  tasks: ReadonlyArray<TaskRow & {judgement: TaskJudgement}>,
  service: ReadonlyMap<string, {satisfaction_index: number | null; hotline_on_time_rate: number | null}>,
  benchmarks: Benchmarks,
): UnitRow[] {
  const records: UnitRecord[] = unitIds.map((unit_id) => {
    const own = tasks.filter((t) => t.unit_id === unit_id);
    const count = (s: TaskStatus) => own.filter((t) => t.status === s).length;
    return {
      unit_id,
      tasks: own.length,
      tasks_due: count("done") + count("done_late") + count("overdue"),
      done_on_time: count("done"),
      done_late: count("done_late"),
      overdue: count("overdue"),
      supervision_breaches: own.filter((t) => t.judgement.is_supervision_breach).length,
      satisfaction_index: service.get(unit_id)?.satisfaction_index ?? null,
      hotline_on_time_rate: service.get(unit_id)?.hotline_on_time_rate ?? null,
    };
  });
  const scores = new Map(scoreUnits(records, benchmarks.unitScore).map((s) => [s.unit_id, s]));
  return records.map((r) => {
    const s = scores.get(r.unit_id)!;
    return {
      unit_id: r.unit_id,
      tasks: r.tasks,
      done_on_time: r.done_on_time,
      done_late: r.done_late,
      overdue: r.overdue,
      on_time_rate: s.on_time_rate,
      satisfaction_index: r.satisfaction_index,
      hotline_on_time_rate: r.hotline_on_time_rate,
      score: s.score,
      rank: s.rank,
      list: s.list,
    };
  });
}
