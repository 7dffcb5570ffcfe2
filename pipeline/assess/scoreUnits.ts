import type {Catalog} from "../catalog/index.ts";
import type {ExportRow} from "../export/exportsContract.ts";
import type {AssessPeriod, ScorecardRules, TargetAssessment, TaskAssessment, UnitAssessment} from "./types.ts";

/** Round to one decimal, the precision every component and score is shown at (and computed from). */
const round1 = (x: number) => Math.round(x * 10) / 10;

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

/**
 * The unit scorecard (scorecard.yaml, docs/assessment.md): per unit, four components on 0–100, each rounded to
 * 0.1 before it is combined so that anyone can recompute the score from the figures shown:
 * tasks (credit per status, averaged over the unit's judged tasks), targets (share met of the judged targets its
 * tasks state), satisfaction (respondent-weighted index over the period) and hotline (mean of the pooled on-time
 * and satisfaction rates). score = Σ weight × component ÷ Σ weight over the components the unit has.
 * Units with a judged task are ranked by score, then task credit, then id; the first and last `list_size` are the
 * 十佳 and 十差 (never both).
 */
export function scoreUnits(
  catalog: Catalog,
  tasks: TaskAssessment[],
  targets: TargetAssessment[],
  satisfaction: ExportRow<"satisfaction.csv">[],
  hotline: ExportRow<"hotline.csv">[],
  period: AssessPeriod,
  rules: ScorecardRules,
): UnitAssessment[] {
  const months = new Set(period.months);
  // satisfaction.csv holds per-survey rows and totals over surveys (`survey = all`) and units (`unit_id = all`);
  // 12345 callers appear as survey `hotline_12345` and are judged under hotline instead. A unit's index pools its
  // `all` rows when the export has them, else its survey rows: each rating is counted once either way.
  const sat = satisfaction.filter(
    (r) => r.month !== null && months.has(r.month) && r.unit_id !== "all" && r.survey !== "hotline_12345",
  );
  const hasTotals = new Set(sat.filter((r) => r.survey === "all").map((r) => r.unit_id));
  const ratings = sat.filter((r) => (hasTotals.has(r.unit_id) ? r.survey === "all" : true));
  const hot = hotline.filter((r) => r.month !== null && months.has(r.month) && r.unit_id !== "all");
  const unitsOfTask = new Map(catalog.tasks.map((t) => [t.number, new Set(t.units)]));
  const judgedTargets = targets.filter((t) => t.verdict === "met" || t.verdict === "missed");
  const ids = new Set<string>([
    ...tasks.map((t) => t.unit_id),
    ...ratings.map((r) => r.unit_id ?? ""),
    ...hot.map((r) => r.unit_id ?? ""),
  ]);
  ids.delete("");

  const scored = [...ids].map((unitId): UnitAssessment => {
    const mine = tasks.filter((t) => t.unit_id === unitId);
    const count = (s: TaskAssessment["status"]) => mine.filter((t) => t.status === s).length;
    const onTime = count("done_on_time");
    const late = count("done_late");
    const overdue = count("overdue");
    const judged = onTime + late + overdue;
    const c = rules.task_credit;
    const taskScore = judged
      ? round1((onTime * c.done_on_time + late * c.done_late + overdue * c.overdue) / judged)
      : null;
    const remit = judgedTargets.filter((t) => unitsOfTask.get(t.task_number)?.has(unitId));
    const met = remit.filter((t) => t.verdict === "met").length;
    const targetScore = remit.length ? round1((100 * met) / remit.length) : null;
    const mySat = ratings.filter((r) => r.unit_id === unitId);
    const satIndex = pooled(
      mySat,
      (r) => r.index,
      (r) => r.n,
    );
    const myHot = hot.filter((r) => r.unit_id === unitId);
    const onTimeRate = pooled(
      myHot,
      (r) => r.on_time_rate,
      (r) => r.tickets_due,
    );
    const satRate = pooled(
      myHot,
      (r) => r.satisfaction_rate,
      (r) => r.callers_rated,
    );
    const hotParts = [onTimeRate, satRate].filter((x): x is number => x !== null).map(round1);
    const hotlineScore = hotParts.length ? round1(hotParts.reduce((a, b) => a + b, 0) / hotParts.length) : null;
    const satisfactionIndex = satIndex === null ? null : round1(satIndex);
    const parts: Array<[number, number | null]> = [
      [rules.weights.tasks, taskScore],
      [rules.weights.targets, targetScore],
      [rules.weights.satisfaction, satisfactionIndex],
      [rules.weights.hotline, hotlineScore],
    ];
    const present = parts.filter((p): p is [number, number] => p[1] !== null && p[0] > 0);
    const weightSum = present.reduce((a, [w]) => a + w, 0);
    const score = weightSum > 0 ? round1(present.reduce((a, [w, v]) => a + w * v, 0) / weightSum) : null;
    return {
      unit_id: unitId,
      tasks_judged: judged,
      done_on_time: onTime,
      done_late: late,
      overdue,
      open: count("open"),
      ongoing: count("ongoing"),
      task_score: taskScore,
      targets_judged: remit.length,
      targets_met: met,
      target_score: targetScore,
      satisfaction_index: satisfactionIndex,
      satisfaction_n: mySat.reduce((a, r) => a + (r.n ?? 0), 0),
      hotline_on_time_rate: onTimeRate === null ? null : round1(onTimeRate),
      hotline_satisfaction_rate: satRate === null ? null : round1(satRate),
      hotline_score: hotlineScore,
      score,
      rank: null,
      list: null,
    };
  });

  const ranked = scored
    .filter((u) => u.tasks_judged > 0 && u.score !== null)
    .sort(
      (a, b) => b.score! - a.score! || (b.task_score ?? 0) - (a.task_score ?? 0) || a.unit_id.localeCompare(b.unit_id),
    );
  const size = rules.list_size;
  ranked.forEach((u, i) => {
    u.rank = i + 1;
    u.list = i < size ? "top10" : i >= Math.max(size, ranked.length - size) ? "bottom10" : null;
  });
  const unranked = scored.filter((u) => u.rank === null).sort((a, b) => a.unit_id.localeCompare(b.unit_id));
  return [...ranked, ...unranked];
}
