import {SYNTHETIC_COLUMN} from "./checkSql.ts";
import type {Contract} from "./contractSchema.ts";
import {normalizeHeader} from "./loadContracts.ts";

/** How a file's header row maps onto one contract. */
export interface HeaderMatch {
  contract: Contract;
  /** Contract column name → index of the header that carries it. */
  byColumn: Map<string, number>;
  /** Index of the reserved `synthetic` column, if the file has one. */
  synthetic: number | undefined;
  /** Required contract columns with no header. */
  missingRequired: string[];
  /** Headers that are not a column of the contract (kept out of the warehouse). */
  extra: string[];
  /** Contract columns that two or more headers claim. */
  conflicts: Array<{column: string; headers: string[]; indexes: number[]}>;
}

/** Map headers to a contract's columns by name and aliases (after `normalizeHeader`). Pure. */
export function matchHeaders(headers: string[], contract: Contract): HeaderMatch {
  const lookup = new Map<string, string>();
  for (const column of contract.columns) {
    for (const alias of [column.name, ...column.aliases]) lookup.set(normalizeHeader(alias), column.name);
  }
  const syntheticAliases = new Set(SYNTHETIC_COLUMN.aliases.map(normalizeHeader));
  const claims = new Map<string, number[]>();
  const extra: string[] = [];
  let synthetic: number | undefined;
  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    const column = lookup.get(key);
    if (column !== undefined) claims.set(column, [...(claims.get(column) ?? []), index]);
    else if (syntheticAliases.has(key)) synthetic = index;
    else extra.push(header);
  });
  const byColumn = new Map<string, number>();
  const conflicts: HeaderMatch["conflicts"] = [];
  for (const [column, indexes] of claims) {
    if (indexes.length > 1) conflicts.push({column, headers: indexes.map((i) => headers[i]!), indexes});
    byColumn.set(column, indexes[0]!);
  }
  const missingRequired = contract.columns.filter((c) => c.required && !byColumn.has(c.name)).map((c) => c.name);
  return {contract, byColumn, synthetic, missingRequired, extra, conflicts};
}

/**
 * Recognise which feed a file is from its headers: the contract whose required columns are all present and
 * which matches the most headers. With `feed` named, only that contract is tried. Returns the match, or the
 * reason to refuse the file, saying what was expected and what was found.
 */
export function recognizeFeed(headers: string[], contracts: Contract[], feed?: string): HeaderMatch | {refuse: string} {
  const pool = feed === undefined ? contracts : contracts.filter((c) => c.feed === feed);
  if (pool.length === 0)
    return {refuse: `unknown feed ${JSON.stringify(feed)}; known feeds: ${contracts.map((c) => c.feed).join(", ")}`};
  const matches = pool.map((c) => matchHeaders(headers, c));
  const complete = matches
    .filter((m) => m.missingRequired.length === 0)
    .sort((a, b) => b.byColumn.size - a.byColumn.size);
  const shownHeaders =
    headers.length > 12 ? `${headers.slice(0, 12).join(", ")}, … (${headers.length} in all)` : headers.join(", ");
  if (complete.length === 0) {
    const closest = [...matches].sort((a, b) => b.byColumn.size - a.byColumn.size)[0]!;
    const missing = closest.missingRequired.map((name) => {
      const aliases = closest.contract.columns.find((c) => c.name === name)!.aliases.slice(0, 3);
      return aliases.length ? `${name} (${aliases.join("/")})` : name;
    });
    return {
      refuse:
        `required columns missing for feed ${closest.contract.feed} (${closest.contract.name_zh}): ${missing.join(", ")}; ` +
        `found headers: ${shownHeaders || "(none)"}`,
    };
  }
  const [best, second] = complete;
  if (second && second.byColumn.size === best!.byColumn.size && feed === undefined) {
    return {
      refuse: `the headers fit several feeds (${complete
        .filter((m) => m.byColumn.size === best!.byColumn.size)
        .map((m) => m.contract.feed)
        .join(", ")}); name one with --feed`,
    };
  }
  if (best!.conflicts.length > 0) {
    const what = best!.conflicts.map(
      (c) =>
        `${c.headers.map((h) => JSON.stringify(h)).join(" and ")} both mean ${c.column} (columns ${c.indexes.map((i) => i + 1).join(" and ")})`,
    );
    return {refuse: `ambiguous headers for feed ${best!.contract.feed}: ${what.join("; ")}; keep one of each`};
  }
  return best!;
}
