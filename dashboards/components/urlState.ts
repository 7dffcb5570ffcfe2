/**
 * The reader's choices (year, area, segment, metric, …) live in the page URL's query, so a view can be sent to a
 * colleague: pages read their initial choices with `param` and write them back with `setParams` whenever they change.
 * The language switch follows, so switching language keeps the view.
 */

/** A query parameter's value if it is one of `allowed` (any value when no list is given), else `fallback`. */
export function param<T extends string>(name: string, allowed: readonly T[] | null, fallback: T): T;
export function param(name: string, allowed: readonly string[] | null, fallback: string | null): string | null;
export function param(name: string, allowed: readonly string[] | null, fallback: string | null): string | null {
  const value = new URLSearchParams(location.search).get(name);
  if (value === null) return fallback;
  return allowed === null || allowed.includes(value) ? value : fallback;
}

/**
 * Writes choices into the URL without reloading or adding history entries. A value equal to its default (or null)
 * is removed, so the plain URL always means the default view.
 */
export function setParams(
  values: Record<string, string | number | null | undefined>,
  defaults: Record<string, string | number | null | undefined> = {},
): void {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === "" || String(value) === String(defaults[key] ?? ""))
      url.searchParams.delete(key);
    else url.searchParams.set(key, String(value));
  }
  if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  for (const a of document.querySelectorAll<HTMLAnchorElement>(".lang-switch a")) {
    const twin = new URL(a.href);
    twin.search = url.search;
    a.href = twin.href;
  }
}
