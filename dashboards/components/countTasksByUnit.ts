import type {PlanJson} from "./plan.js";

/** A responsible unit and the number of tasks that name it. */
export interface UnitTaskCount {
  id: string;
  name_zh: string;
  name_en: string;
  kind: string;
  tasks: number;
}

/**
 * How many tasks name each unit as responsible (责任单位), most first, ties by unit id. A task naming a unit twice
 * counts once. Units named by no task are left out.
 */
export function countTasksByUnit(plan: PlanJson): UnitTaskCount[] {
  const counts = new Map<string, number>();
  for (const task of plan.tasks) for (const id of new Set(task.units)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const units = new Map(plan.units.map((u) => [u.id, u]));
  return [...counts]
    .map(([id, tasks]) => {
      const unit = units.get(id);
      return {id, name_zh: unit?.name_zh ?? id, name_en: unit?.name_en ?? id, kind: unit?.kind ?? "", tasks};
    })
    .sort((a, b) => b.tasks - a.tasks || a.id.localeCompare(b.id));
}
