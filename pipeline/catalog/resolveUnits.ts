import {registryAliases} from "./registryAliases.ts";
import type {Unit, UnitGroup} from "./schema.ts";

/**
 * Turn the plan's list of responsible units (责任单位, e.g. "市法院,市税务局,各县区政府") into unit ids.
 * Names are split on 、 , and ,; each must be a unit's name or alias, or a group (各县区政府 stands for every
 * county and district government). Returns the ids in the plan's order without repeats, and the names that
 * matched nothing.
 *
 * @example resolveUnits("市法院,各县区政府", units, groups) // {ids: ["intermediate_court", "gov_chengdong", …], unknown: []}
 */
export function resolveUnits(
  text: string,
  units: ReadonlyArray<Unit>,
  groups: ReadonlyArray<UnitGroup>,
): {ids: string[]; unknown: string[]} {
  // A name shared by two units is ambiguous and resolves to none (registryAliases.ts): the plan must name the unit.
  const byName = new Map<string, string[]>(
    [...registryAliases(units.map((u) => ({id: u.id, names: [u.name_zh, ...(u.aliases ?? [])]}))).names].map(
      ([name, id]) => [name, [id]],
    ),
  );
  for (const group of groups) byName.set(group.name_zh, group.members);
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(/[、,,]/)) {
    const name = raw.trim();
    if (name === "") continue;
    const found = byName.get(name);
    if (!found) unknown.push(name);
    else for (const id of found) if (!ids.includes(id)) ids.push(id);
  }
  return {ids, unknown};
}
