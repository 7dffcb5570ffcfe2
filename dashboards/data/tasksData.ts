import type {PlanJson} from "../../pipeline/catalog/index.ts";
import type {ExportRow} from "../../pipeline/export/exportsContract.ts";

/** Task status as tasks.csv reports it per responsible unit. */
type TaskStatus = "done" | "done_late" | "in_progress" | "overdue" | "not_started" | "ongoing";

/**
 * How urgent a status is, most urgent first: a task's status is its most urgent unit's, and lists put overdue work
 * first. Unknown statuses (a newer exporter) sort last rather than break the page.
 */
const STATUS_URGENCY: readonly TaskStatus[] = [
  "overdue",
  "not_started",
  "in_progress",
  "ongoing",
  "done_late",
  "done",
];

export function urgency(status: string | null): number {
  const i = STATUS_URGENCY.indexOf(status as TaskStatus);
  return i === -1 ? STATUS_URGENCY.length : i;
}

/** One responsible unit's report on a task (names: see `unitNames`). */
interface TaskUnitStatus {
  id: string;
  status: string | null;
  percent_done: number | null;
  days_overdue: number | null;
  reported_on: string | null;
}

/** One of the plan's tasks with its status: the most urgent of its units', and each unit's report. */
export interface TaskRow {
  number: number;
  indicator: string;
  indicator_zh: string;
  indicator_en: string;
  deadline: string;
  continuing: boolean;
  text_zh: string;
  summary_en: string;
  units_text_zh: string;
  status: string | null;
  days_overdue: number | null;
  units: TaskUnitStatus[];
}

/** The plan's tasks in plan order, each with the per-unit statuses tasks.csv gives it. Pure. */
export function taskRows(plan: PlanJson, tasks: ExportRow<"tasks.csv">[]): TaskRow[] {
  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  return plan.tasks.map((t) => {
    const reports = tasks
      .filter((r) => r.task_number === t.number)
      .map((r) => ({
        id: r.unit_id ?? "",
        status: r.status,
        percent_done: r.percent_done,
        days_overdue: r.days_overdue,
        reported_on: r.reported_on,
      }))
      .sort((a, b) => urgency(a.status) - urgency(b.status) || a.id.localeCompare(b.id));
    const indicator = indicators.get(t.indicator);
    return {
      number: t.number,
      indicator: t.indicator,
      indicator_zh: indicator?.name_zh ?? t.indicator,
      indicator_en: indicator?.name_en ?? t.indicator,
      deadline: t.deadline,
      continuing: t.continuing,
      text_zh: t.text_zh,
      summary_en: t.summary_en,
      units_text_zh: t.units_text_zh,
      status: reports[0]?.status ?? null,
      days_overdue: Math.max(0, ...reports.map((r) => r.days_overdue ?? 0)) || null,
      units: reports,
    };
  });
}

/** Unit id → [Chinese name, English name], for the units a list of tasks names. */
export function unitNames(plan: PlanJson, ids: Iterable<string>): Record<string, [string, string]> {
  const wanted = new Set(ids);
  return Object.fromEntries(plan.units.filter((u) => wanted.has(u.id)).map((u) => [u.id, [u.name_zh, u.name_en]]));
}

export interface UnitRow extends Omit<ExportRow<"units.csv">, "unit_id"> {
  unit_id: string;
  name_zh: string;
  name_en: string;
  kind: string;
}

export interface TasksData {
  as_of: string;
  synthetic: boolean;
  tasks: TaskRow[];
  units: UnitRow[];
  unitNames: Record<string, [string, string]>;
}

/** The tasks page's data: every task with its status, and every unit's record with its appraisal rank. Pure. */
export function tasksData(
  plan: PlanJson,
  meta: {as_of: string; synthetic: boolean},
  tasks: ExportRow<"tasks.csv">[],
  units: ExportRow<"units.csv">[],
): TasksData {
  const names = new Map(plan.units.map((u) => [u.id, u]));
  const rows = taskRows(plan, tasks);
  return {
    ...meta,
    tasks: rows,
    unitNames: unitNames(
      plan,
      rows.flatMap((t) => t.units.map((u) => u.id)),
    ),
    units: units.map((u) => {
      const unit = names.get(u.unit_id ?? "");
      return {
        ...u,
        unit_id: u.unit_id ?? "",
        name_zh: unit?.name_zh ?? u.unit_id ?? "",
        name_en: unit?.name_en ?? u.unit_id ?? "",
        kind: unit?.kind ?? "",
      };
    }),
  };
}
