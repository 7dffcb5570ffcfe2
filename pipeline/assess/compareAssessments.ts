import type {Assessment, AssessmentChanges} from "./types.ts";

function union<T>(a: Map<string, T>, b: Map<string, T>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])];
}

/**
 * What changed from assessment `a` to assessment `b` (the previous quarter and this one, or two frozen editions):
 * targets whose verdict, judged value or value over the period changed (between two quarters the latter always
 * does: the list is then each target's quarter against the previous one), tier verdicts, task statuses and unit ranks. Items present on one side only
 * are listed with null on the other. Order: clause, indicator number, task then unit, unit id.
 */
export function compareAssessments(
  a: Assessment,
  b: Assessment,
  labels: {from: string; to: string},
): AssessmentChanges {
  const targetsA = new Map(a.targets.map((t) => [t.clause, t]));
  const targetsB = new Map(b.targets.map((t) => [t.clause, t]));
  const targets = union(targetsA, targetsB)
    .map((clause) => {
      const x = targetsA.get(clause);
      const y = targetsB.get(clause);
      return {
        clause,
        from_verdict: x?.verdict ?? null,
        to_verdict: y?.verdict ?? null,
        from_value: x?.judged?.actual ?? null,
        to_value: y?.judged?.actual ?? null,
        from_period_value: x?.period_value?.actual ?? null,
        to_period_value: y?.period_value?.actual ?? null,
        from_period: x ? (x.period_value?.period ?? a.period.exportPeriod) : null,
        to_period: y ? (y.period_value?.period ?? b.period.exportPeriod) : null,
      };
    })
    .filter(
      (c) =>
        c.from_verdict !== c.to_verdict || c.from_value !== c.to_value || c.from_period_value !== c.to_period_value,
    )
    .sort((p, q) => p.clause.localeCompare(q.clause, "en", {numeric: true}));

  const indA = new Map(a.indicators.map((i) => [i.indicator_id, i]));
  const indB = new Map(b.indicators.map((i) => [i.indicator_id, i]));
  const indicators = union(indA, indB)
    .map((id) => ({
      indicator_id: id,
      from_verdict: indA.get(id)?.verdict ?? null,
      to_verdict: indB.get(id)?.verdict ?? null,
      number: indB.get(id)?.number ?? indA.get(id)?.number ?? 0,
    }))
    .filter((c) => c.from_verdict !== c.to_verdict)
    .sort((p, q) => p.number - q.number)
    .map(({number: _number, ...c}) => c);

  const key = (t: {task_number: number; unit_id: string}) => `${t.task_number}|${t.unit_id}`;
  const tasksA = new Map(a.tasks.map((t) => [key(t), t]));
  const tasksB = new Map(b.tasks.map((t) => [key(t), t]));
  const tasks = union(tasksA, tasksB)
    .map((k) => {
      const x = tasksA.get(k);
      const y = tasksB.get(k);
      const [n, unit] = k.split("|") as [string, string];
      return {task_number: Number(n), unit_id: unit, from_status: x?.status ?? null, to_status: y?.status ?? null};
    })
    .filter((c) => c.from_status !== c.to_status)
    .sort((p, q) => p.task_number - q.task_number || p.unit_id.localeCompare(q.unit_id));

  const unitsA = new Map(a.units.map((u) => [u.unit_id, u]));
  const unitsB = new Map(b.units.map((u) => [u.unit_id, u]));
  const units = union(unitsA, unitsB)
    .map((id) => {
      const x = unitsA.get(id);
      const y = unitsB.get(id);
      return {
        unit_id: id,
        from_rank: x?.rank ?? null,
        to_rank: y?.rank ?? null,
        from_score: x?.score ?? null,
        to_score: y?.score ?? null,
        from_list: x?.list ?? null,
        to_list: y?.list ?? null,
      };
    })
    .filter((c) => c.from_rank !== c.to_rank || c.from_score !== c.to_score || c.from_list !== c.to_list)
    .sort((p, q) => (p.to_rank ?? Infinity) - (q.to_rank ?? Infinity) || p.unit_id.localeCompare(q.unit_id));

  return {from: labels.from, to: labels.to, targets, indicators, tasks, units};
}
