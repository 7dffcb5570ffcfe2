import type {Catalog} from "../catalog/index.ts";
import type {SupervisionRule, UnitScoreRule} from "../scoring/readBenchmarks.ts";
import {supervisionDue} from "../scoring/taskStatus.ts";
import {scoreUnits, type UnitRecord} from "../scoring/unitScore.ts";
import type {ExportRow} from "../export/exportsContract.ts";
import type {AssessPeriod, TaskAssessment, UnitAssessment} from "./types.ts";

/** Round to one decimal, the precision the report shows every component and score at. */
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Σ value × weight ÷ Σ weight over rows with a value and a positive weight; null when there are none. */
function pooled<T>(rows: T[], value: (r: T) => number | null, weight: (r: T) => number | null): number | null {
  let sum = 0;
  let total = 0;
  for (const r of rows) {
    const v = value(r);
    const w = weight(r);
    if (v === null || w === null || w <= 0) continue;
    sum += v * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

export interface AssessUnitsArgs {
  catalog: Pick<Catalog, "units">;
  /** Task statuses on the evaluation date (assessTasks.ts). */
  tasks: TaskAssessment[];
  satisfaction: ExportRow<"satisfaction.csv">[];
  hotline: ExportRow<"hotline.csv">[];
  period: AssessPeriod;
  /** The day tasks are judged on: the period's end, or the data's as-of date when earlier. */
  evaluatedAt: string;
  unitScore: UnitScoreRule;
  supervision: SupervisionRule;
}

/**
 * The 十佳 / 十差 of the period: each unit's record over the period's months, scored and ranked by the one unit
 * score of bizenv (scoring/unitScore.ts, sources/benchmarks/unit-score.yaml) that the dashboards' units.csv uses,
 * so the same months name the same units. The record, from the exports:
 * - tasks on the evaluation date: done on time, done late, overdue, and the overdue ones past their 710 limit
 *   (taskStatus.ts `supervisionDue`, a task shared by more units having the longer limit);
 * - satisfaction index pooled over respondents (satisfaction.csv): the unit's `survey = all` totals when the export
 *   has them, else its survey rows, each rating counted once; 12345 callers (`hotline_12345`) count under hotline;
 * - 12345 on-time rate pooled over tickets due, and the callers' satisfaction rate shown beside it (hotline.csv).
 * Every unit of the catalog is listed (and any other unit the exports name); ranked first by rank, then by id.
 */
export function assessUnits(args: AssessUnitsArgs): UnitAssessment[] {
  const {tasks, period, evaluatedAt} = args;
  const months = new Set(period.months);
  const inPeriod = (r: {month: string | null; unit_id: string | null}) =>
    r.month !== null && months.has(r.month) && r.unit_id !== null && r.unit_id !== "all";
  const sat = args.satisfaction.filter((r) => inPeriod(r) && r.survey !== "hotline_12345");
  const hasTotals = new Set(sat.filter((r) => r.survey === "all").map((r) => r.unit_id));
  const ratings = sat.filter((r) => (hasTotals.has(r.unit_id) ? r.survey === "all" : true));
  const hot = args.hotline.filter(inPeriod);
  const unitsOfTask = new Map<number, number>();
  for (const t of tasks) unitsOfTask.set(t.task_number, (unitsOfTask.get(t.task_number) ?? 0) + 1);

  const ids = [
    ...new Set([
      ...args.catalog.units.map((u) => u.id),
      ...tasks.map((t) => t.unit_id),
      ...ratings.map((r) => r.unit_id!),
      ...hot.map((r) => r.unit_id!),
    ]),
  ];
  const shown = ids.map((unit_id) => {
    const mine = tasks.filter((t) => t.unit_id === unit_id);
    const count = (s: TaskAssessment["status"]) => mine.filter((t) => t.status === s).length;
    const breaches = mine.filter(
      (t) =>
        t.status === "overdue" &&
        t.deadline !== null &&
        evaluatedAt > supervisionDue(t.deadline, unitsOfTask.get(t.task_number)!, args.supervision),
    ).length;
    const mySat = ratings.filter((r) => r.unit_id === unit_id);
    const myHot = hot.filter((r) => r.unit_id === unit_id);
    const record: UnitRecord = {
      unit_id,
      tasks: mine.length,
      tasks_due: count("done_on_time") + count("done_late") + count("overdue"),
      done_on_time: count("done_on_time"),
      done_late: count("done_late"),
      overdue: count("overdue"),
      supervision_breaches: breaches,
      satisfaction_index: pooled(
        mySat,
        (r) => r.index,
        (r) => r.n,
      ),
      hotline_on_time_rate: pooled(
        myHot,
        (r) => r.on_time_rate,
        (r) => r.tickets_due,
      ),
    };
    const extra = {
      open: count("open"),
      ongoing: count("ongoing"),
      satisfaction_n: mySat.reduce((a, r) => a + (r.n ?? 0), 0),
      hotline_satisfaction_rate: pooled(
        myHot,
        (r) => r.satisfaction_rate,
        (r) => r.callers_rated,
      ),
    };
    return {record, extra};
  });

  const scores = new Map(
    scoreUnits(
      shown.map((s) => s.record),
      args.unitScore,
    ).map((s) => [s.unit_id, s]),
  );
  const units = shown.map(({record: r, extra}): UnitAssessment => {
    const s = scores.get(r.unit_id)!;
    return {
      unit_id: r.unit_id,
      tasks_judged: r.tasks_due,
      done_on_time: r.done_on_time,
      done_late: r.done_late,
      overdue: r.overdue,
      open: extra.open,
      ongoing: extra.ongoing,
      supervision_breaches: r.supervision_breaches,
      on_time_rate: round1(s.on_time_rate),
      satisfaction_index: round1(r.satisfaction_index),
      satisfaction_n: extra.satisfaction_n,
      hotline_on_time_rate: round1(r.hotline_on_time_rate),
      hotline_satisfaction_rate: round1(extra.hotline_satisfaction_rate),
      score: round1(s.score),
      rank: s.rank,
      list: s.list,
    };
  });
  return units.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit_id.localeCompare(b.unit_id));
}
