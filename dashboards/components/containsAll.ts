/**
 * A filter for `Inputs.search` that works for Chinese: every whitespace-separated term must occur somewhere in one of
 * the given fields (case-insensitive substring). Inputs' default filter only matches terms at word starts, and a
 * Chinese sentence has no word boundaries, so "纳税" would never match "提升纳税指标".
 *
 * @example Inputs.search(tasks, {filter: containsAll((t) => [t.text_zh, t.units_text_zh])})
 */
export function containsAll<T>(fields: (item: T) => unknown[]): (query: string) => (item: T) => boolean {
  return (query) => {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    return (item) => {
      const haystack = fields(item)
        .map((v) => String(v ?? ""))
        .join("\u0000")
        .toLowerCase();
      return terms.every((term) => haystack.includes(term));
    };
  };
}
