/** The names feeds may use for the entries of a registry (areas or units), split into those naming one entry and not. */
export interface RegistryAliases {
  /** Name → the one id it names. */
  names: Map<string, string>;
  /** Name → the ids it could mean (two or more), in registry order: never resolved, a row using it is rejected. */
  ambiguous: Map<string, string[]>;
}

/**
 * Every name of every entry (its id, official and short names, codes, aliases), each resolved to its entry when it
 * names exactly one. A short form two entries share (高新区: the high-tech park, or the district it lies in) goes to
 * `ambiguous` instead: guessing one would put rows in the wrong place without anyone seeing it.
 *
 * @example registryAliases([{id: "a", names: ["A", "X"]}, {id: "b", names: ["B", "X"]}])
 * // {names: Map {A → a, B → b}, ambiguous: Map {X → [a, b]}}
 */
export function registryAliases(entries: ReadonlyArray<{id: string; names: ReadonlyArray<string>}>): RegistryAliases {
  const ids = new Map<string, string[]>();
  for (const {id, names} of entries)
    for (const name of names) {
      const known = ids.get(name) ?? [];
      if (!known.includes(id)) ids.set(name, [...known, id]);
    }
  const names = new Map<string, string>();
  const ambiguous = new Map<string, string[]>();
  for (const [name, found] of ids) {
    if (found.length === 1) names.set(name, found[0]!);
    else ambiguous.set(name, found);
  }
  return {names, ambiguous};
}

/** An area's names as feeds write them: id, division code, Chinese and English names, aliases. */
export const areaNames = (a: {id: string; code: string; name_zh: string; name_en: string; aliases?: string[]}) => ({
  id: a.id,
  names: [a.id, a.code, a.name_zh, a.name_en, ...(a.aliases ?? [])],
});

/** A unit's names as feeds write them: id, Chinese name, aliases. */
export const unitNames = (u: {id: string; name_zh: string; aliases?: string[]}) => ({
  id: u.id,
  names: [u.id, u.name_zh, ...(u.aliases ?? [])],
});

/**
 * The candidates of an ambiguous name as a rejection names them: each entry's Chinese name and id, joined by "or".
 *
 * @example candidatesText(["chengbei", "biotech"], areas) // "城北区 (chengbei) or 生物科技产业园区 (biotech)"
 */
export function candidatesText(ids: ReadonlyArray<string>, entries: ReadonlyArray<{id: string; name_zh: string}>) {
  return ids.map((id) => `${entries.find((e) => e.id === id)?.name_zh ?? id} (${id})`).join(" or ");
}
