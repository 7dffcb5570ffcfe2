/**
 * The feed contracts' row rules (sources/feeds/*.yaml) as plain TypeScript, for the browser's File check page: which
 * contract a header row belongs to, and which rows the loader would reject and why, before a file is sent. The
 * loader checks the same rules set-based in SQL (pipeline/ingest/checkSql.ts); tests/ingest/rowRules.test.ts loads
 * the fixture feeds and a corpus of broken rows with the real loader and requires this module to reject exactly the
 * same lines for the same rules. Pure and dependency-free: the page gets it bundled (data/rowRules.js.ts).
 *
 * Not checked here, because only the warehouse knows: a key already loaded from another file (`duplicate_loaded`).
 */
import {
  decimalMark,
  isNumberColumn,
  markEvidence,
  markHint,
  takesMarkHint,
  type DecimalMark,
  type MarkEvidence,
  type MarkExample,
  type MarkReading,
} from "./decimalMark.ts";
import {
  castInteger,
  formatWallClock,
  halfWidth,
  monthStart,
  parseText,
  trimText,
  unwrapExcelText,
  wallClockOf,
  type ColumnType,
  type Typed,
} from "./parseText.ts";
import {DURATION_UNIT_SECONDS, TIME_DAY_ZERO, TYPE_DESCRIPTION, UNIT_WORDS} from "./textFormats.ts";
import {isFooterRow} from "./personalData.ts";
import {areaNames, candidatesText, registryAliases, unitNames} from "../catalog/registryAliases.ts";
import {looksLike} from "./looksLike.ts";
import {
  DECIMAL_ID,
  FRACTION_PATTERN,
  isCutId,
  isIdentifier,
  keptAsText,
  MESSAGES,
  notAValueMessage,
  NULL_WORDS,
  SCIENTIFIC_ID,
  VALUE,
} from "./rowMessages.ts";

export {isIdentifier, looksLike};

export {parseText, trimText, unwrapExcelText, type ColumnType, type Typed};

/**
 * How far down a sheet the header row is looked for (title rows and notes often stand above it): the loader's
 * xlsxToCsv.ts and the File check's fileCheck.ts both.
 */
export const HEADER_SEARCH_ROWS = 30;

/** How many of the closest feeds an unrecognised file's refusal names (more is noise to the sender). */
const CLOSEST_FEEDS = 3;

/** A contract column, as far as the rules need it (pipeline/ingest/contractSchema.ts). */
export interface RuleColumn {
  name: string;
  type: ColumnType;
  required: boolean;
  unit?: string;
  aliases: string[];
  time_aliases?: string[];
  allowed?: Array<string | number>;
  value_aliases?: Record<string, string | number>;
  min?: number;
  max?: number;
  at_least?: string;
  at_most?: string;
  references?: "area" | "unit" | "metric" | "task";
  identifier?: boolean;
}

/** A feed contract, as far as the rules need it. */
export interface RuleContract {
  feed: string;
  name_zh: string;
  name_en: string;
  key: string[];
  /** Dates, timestamps and months before this day (YYYY-MM-DD) are rejected. */
  earliest_date?: string;
  columns: RuleColumn[];
}

/** What reference columns may name: alias → id for areas and units (exact text), metric ids, task numbers. */
export interface References {
  area: Record<string, string>;
  unit: Record<string, string>;
  metric: string[];
  task: number[];
  /** Names two areas or units share → their candidates, as the loader's `ambiguous_area` / `ambiguous_unit` say them. */
  ambiguous?: {area: Record<string, string>; unit: Record<string, string>};
}

/** The reserved column that marks rows as synthetic (pipeline/ingest/checkSql.ts SYNTHETIC_COLUMN). */
export const SYNTHETIC_COLUMN = {name: "synthetic", aliases: ["synthetic", "模拟数据", "合成数据", "is_synthetic"]};

/**
 * The names a catalog lets feeds use for areas and units, as `bizenv init` stores them (dim_area_alias: id, code,
 * Chinese and English names and aliases; dim_unit_alias: id, Chinese name and aliases), plus metric ids and task
 * numbers.
 */
export function referencesFromCatalog(catalog: {
  areas: Array<{id: string; code: string; name_zh: string; name_en: string; aliases?: string[]}>;
  units: Array<{id: string; name_zh: string; aliases?: string[]}>;
  metrics: Array<{id: string}>;
  tasks: Array<{number: number}>;
}): References {
  // A name two areas or units share names neither: a row using it is rejected with the candidates named.
  const areas = registryAliases(catalog.areas.map(areaNames));
  const units = registryAliases(catalog.units.map(unitNames));
  const candidates = (ambiguous: Map<string, string[]>, entries: Array<{id: string; name_zh: string}>) =>
    Object.fromEntries([...ambiguous].map(([name, ids]) => [name, candidatesText(ids, entries)]));
  const area = Object.fromEntries(areas.names);
  const unit = Object.fromEntries(units.names);
  const ambiguous = {
    area: candidates(areas.ambiguous, catalog.areas),
    unit: candidates(units.ambiguous, catalog.units),
  };
  return {area, unit, metric: catalog.metrics.map((m) => m.id), task: catalog.tasks.map((t) => t.number), ambiguous};
}

/** Normalise a header for matching: trim, drop a BOM and inner spaces, full-width brackets to ASCII, lower case. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .replace(/[\s\u3000]+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .toLowerCase();
}

/** How a file's header row maps onto one contract (the loader's and the browser check's, one definition). */
export interface HeaderMatch<C extends RuleContract = RuleContract> {
  contract: C;
  /** Contract column name → index of the header that carries it. */
  byColumn: Map<string, number>;
  /** Timestamp column name → index of the header that carries its time of day, apart from its date (time_aliases). */
  timeOf: Map<string, number>;
  /** Index of the reserved `synthetic` column, if the file has one. */
  synthetic: number | undefined;
  /** Required contract columns with no header. */
  missingRequired: string[];
  /** Headers that are not a column of the contract (kept out of the warehouse). */
  extra: string[];
  /** Contract columns that two or more headers claim. */
  conflicts: Array<{column: string; headers: string[]; indexes: number[]}>;
  /** Headers naming a column with a unit in brackets that is not the column's (费用(万元) for a column in yuan). */
  unitConflicts: Array<{header: string; column: string; found: string; expected: string}>;
  /** Unmatched headers that look like a column no header claims (see `looksLike`): likely a misspelt alias. */
  suggestions: Array<{header: string; column: string; alias: string}>;
}

/** How many unmatched headers are compared with the contract's columns for a did-you-mean. */
const MAX_SUGGESTED = 200;

/** The contract unit a bracketed header suffix names (`工作日` → workday), or undefined for other words. */
function unitOfWord(word: string): string | undefined {
  const w = word.replace(/％/g, "%").toLowerCase();
  return Object.keys(UNIT_WORDS).find((unit) => UNIT_WORDS[unit]!.includes(w));
}

/** A normalised header split into its name and a final bracketed suffix: `办理时长(工作日)` → 办理时长, 工作日. */
function splitSuffix(key: string): {base: string; suffix: string} | undefined {
  const m = /^(.+?)\(([^()]+)\)$/.exec(key);
  return m ? {base: m[1]!, suffix: m[2]!} : undefined;
}

/** Map headers to a contract's columns by name and aliases (after `normalizeHeader`). Pure. */
export function matchHeaders<C extends RuleContract>(headers: string[], contract: C): HeaderMatch<C> {
  const lookup = new Map<string, string>();
  for (const column of contract.columns)
    for (const alias of [column.name, ...column.aliases, ...(column.time_aliases ?? [])])
      lookup.set(normalizeHeader(alias), column.name);
  const syntheticAliases = new Set(SYNTHETIC_COLUMN.aliases.map(normalizeHeader));
  const byName = new Map(contract.columns.map((c) => [c.name, c]));
  const claims = new Map<string, number[]>();
  const extra: string[] = [];
  const unitConflicts: HeaderMatch["unitConflicts"] = [];
  let synthetic: number | undefined;
  const claim = (column: string, index: number) => claims.set(column, [...(claims.get(column) ?? []), index]);
  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    const column = lookup.get(key);
    if (column !== undefined) return claim(column, index);
    if (syntheticAliases.has(key)) return (synthetic = index);
    // 办理时长（工作日）: the name with its unit in brackets; the unit must be the column's.
    const split = splitSuffix(key);
    const named = split && lookup.get(split.base);
    if (split && named !== undefined) {
      const c = byName.get(named)!;
      const unit = unitOfWord(split.suffix);
      const numeric = c.type === "integer" || c.type === "double";
      const fits = c.unit
        ? unit === c.unit
        : unit === undefined
          ? !numeric // a note such as 备注（选填） on a text or date column
          : unit === "count" && c.type === "integer";
      claim(named, index);
      if (!fits)
        unitConflicts.push({
          header,
          column: named,
          found: split.suffix,
          expected: c.unit ?? (numeric ? "a plain number" : "no unit"),
        });
      return;
    }
    extra.push(header);
  });
  const byColumn = new Map<string, number>();
  const timeOf = new Map<string, number>();
  const conflicts: HeaderMatch["conflicts"] = [];
  const conflict = (column: string, indexes: number[]) =>
    conflicts.push({column, headers: indexes.map((i) => headers[i]!), indexes});
  for (const [column, all] of claims) {
    // A time-of-day header beside a header of the column itself is its time part (受理日期 + 受理时间).
    const timeAliases = new Set(
      (contract.columns.find((c) => c.name === column)!.time_aliases ?? []).map(normalizeHeader),
    );
    const times = all.filter((i) => timeAliases.has(normalizeHeader(headers[i]!)));
    const dates = all.filter((i) => !times.includes(i));
    const indexes = times.length > 0 && dates.length > 0 ? dates : all;
    if (indexes !== all) {
      if (times.length > 1) conflict(column, times);
      timeOf.set(column, times[0]!);
    }
    if (indexes.length > 1) conflict(column, indexes);
    byColumn.set(column, indexes[0]!);
  }
  const missingRequired = contract.columns.filter((c) => c.required && !byColumn.has(c.name)).map((c) => c.name);
  const suggestions: HeaderMatch["suggestions"] = [];
  // The first headers are enough to advise on: a sheet of thousands of stray columns is refused for its width.
  for (const header of extra.slice(0, MAX_SUGGESTED)) {
    const key = normalizeHeader(header);
    const base = splitSuffix(key)?.base ?? key;
    for (const c of contract.columns) {
      if (byColumn.has(c.name)) continue;
      const alias = [c.name, ...c.aliases].find((a) => looksLike(base, normalizeHeader(a)));
      if (alias !== undefined) {
        suggestions.push({header, column: c.name, alias});
        break;
      }
    }
  }
  return {contract, byColumn, timeOf, synthetic, missingRequired, extra, conflicts, unitConflicts, suggestions};
}

/**
 * Recognise which feed a file is from its headers: the contract whose required columns are all present and which
 * matches the most headers. With `feed` named, only that contract is tried. Returns the match, or the reason to
 * refuse the whole file, saying what was expected and what was found. The loader and the browser's file check
 * both call this one function, so they refuse the same files with the same words.
 */
export function recognizeFeed<C extends RuleContract>(
  headers: string[],
  contracts: C[],
  feed?: string,
): HeaderMatch<C> | {refuse: string} {
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
    const missingOf = (m: HeaderMatch<C>) =>
      m.missingRequired.map((name) => {
        const aliases = m.contract.columns.find((c) => c.name === name)!.aliases.slice(0, 3);
        return aliases.length ? `${name} (${aliases.join("/")})` : name;
      });
    // A named feed is the only candidate: say what it lacks, as before.
    // The near-miss headers of a candidate: "did you mean …" for each missing required column one resembles.
    const hintsOf = (m: HeaderMatch<C>) => {
      const hints = m.suggestions.filter((h) => m.missingRequired.includes(h.column));
      return hints.length ? `; ${hints.map((h) => didYouMean(h, m.contract.feed)).join("; ")}` : "";
    };
    if (feed !== undefined) {
      const named = matches[0]!;
      return {
        refuse:
          `required columns missing for feed ${named.contract.feed} (${named.contract.name_zh}): ${missingOf(named).join(", ")}; ` +
          `found headers: ${shownHeaders || "(none)"}${hintsOf(named)}`,
      };
    }
    // Unrecognised: the feeds that came closest, by headers matched (then fewest required columns missing), so
    // the sender sees which feed the file was probably meant to be and which of its columns to add or rename.
    const closest = matches
      .filter((m) => m.byColumn.size > 0)
      .sort((a, b) => b.byColumn.size - a.byColumn.size || a.missingRequired.length - b.missingRequired.length)
      .slice(0, CLOSEST_FEEDS);
    if (closest.length === 0) {
      return {
        refuse: `no feed recognised: none of the headers is a column of any feed; found headers: ${shownHeaders || "(none)"}`,
      };
    }
    const near = closest.map(
      (m) =>
        `${m.contract.feed} (${m.contract.name_zh}, ${m.byColumn.size} header${m.byColumn.size === 1 ? "" : "s"} matched) ` +
        `lacks ${missingOf(m).join(", ")}`,
    );
    return {
      refuse:
        `no feed recognised: required columns missing; closest: ${near.join("; ")}; found headers: ${shownHeaders || "(none)"}` +
        hintsOf(closest[0]!),
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
  if (best!.unitConflicts.length > 0) {
    const what = best!.unitConflicts.map(
      (u) =>
        `header ${JSON.stringify(u.header)} is in ${u.found} but ${u.column} is in ${u.expected}` +
        (UNIT_WORDS[u.expected] ? ` (${UNIT_WORDS[u.expected]![0]})` : ""),
    );
    return {
      refuse: `units of feed ${best!.contract.feed} do not match: ${what.join("; ")}; convert the values to the column's unit and name it in the header, or use the header without a unit`,
    };
  }
  if (best!.suggestions.length > 0) {
    return {
      refuse: `headers of feed ${best!.contract.feed} not recognised: ${best!.suggestions.map((s) => didYouMean(s, best!.contract.feed)).join("; ")}`,
    };
  }
  return best!;
}

/** A unit note above a table (`单位：万元`, `金额单位：元`), as Chinese statistical tables state the unit of the amounts. */
const UNIT_NOTE = /(?:^|[^\p{L}])((?:金额|计量|货币)?单位\s*[:：]\s*([^\s,，;；、)）]+))/u;
/** Units a note may mean for a column of another unit of the same kind (amounts, durations). */
const UNIT_KINDS: ReadonlyArray<readonly string[]> = [
  ["yuan", "10k yuan", "usd"],
  ["workday", "day", "hour", "minute"],
];

/**
 * Why a table whose title rows name a unit (`单位：万元`) is refused for a matched column of another unit of the same
 * kind (cost_yuan, in yuan): read as they are, amounts in 万元 would be stored 10,000 times too small without a word
 * (found 2026-12-08), as a header naming the unit (费用（万元）) is refused for it (`unitConflicts`). A column whose
 * header names its own unit (费用（元）) is not held to the note. `texts` are the cells of the rows above the header.
 */
export function unitNoteRefusal(texts: string[], headers: string[], match: HeaderMatch): string | undefined {
  for (const text of texts) {
    const m = UNIT_NOTE.exec(text);
    const unit = m && unitOfWord(m[2]!);
    const kind = unit && UNIT_KINDS.find((k) => k.includes(unit));
    if (!m || !unit || !kind) continue;
    const off = match.contract.columns.filter((c) => {
      const index = match.byColumn.get(c.name);
      if (index === undefined || !c.unit || !kind.includes(c.unit) || c.unit === unit) return false;
      const own = splitSuffix(normalizeHeader(headers[index] ?? ""));
      return !(own && unitOfWord(own.suffix) === c.unit);
    });
    if (off.length > 0)
      return `the table says "${m[1]}" above its header, but ${off.map((c) => `${c.name} is in ${c.unit} (${UNIT_WORDS[c.unit!]?.[0] ?? c.unit})`).join(", ")}: convert the values to the column's unit, or name each column's unit in its header (such as 费用（${UNIT_WORDS[off[0]!.unit!]?.[0] ?? ""}）)`;
  }
  return undefined;
}

/** A cell of a units row under a header: a unit in brackets, `（万元）`, `(个)`. */
const UNIT_CELL = /^[（(]\s*([^（()）]{1,10}?)\s*[)）]$/;

/**
 * Why a table whose first row under the header gives units (`（万元）` under 费用, as statistical tables put them) is
 * refused: each unit is the header's as if written in it (费用（万元）), held to the column's unit as `matchHeaders`
 * holds a header's; amounts in 万元 would otherwise load as yuan. `cells` are the first data row's; undefined when it
 * is no units row (a cell that is not a bracketed word, or no unit among them) or every unit fits.
 */
export function unitRowRefusal(cells: Array<string | null>, headers: string[], match: HeaderMatch): string | undefined {
  const given = cells.map((c) => (c ?? "").trim());
  const filled = given.filter((c) => c !== "");
  if (filled.length === 0 || !filled.every((c) => UNIT_CELL.test(c))) return undefined;
  if (!filled.some((c) => unitOfWord(UNIT_CELL.exec(c)![1]!) !== undefined)) return undefined;
  const suffixed = headers.map((h, i) => (given[i] ? `${h}${given[i]}` : h));
  // Only a unit of the same kind as the column's (万元 for yuan, 小时 for workdays): 万人, 分 (points) or 年 under a
  // column with no unit, or of another kind, is a label, not a claim about the values.
  const conflicts = matchHeaders(suffixed, match.contract).unitConflicts.filter((u) => {
    const found = unitOfWord(u.found);
    return found !== undefined && UNIT_KINDS.some((k) => k.includes(found) && k.includes(u.expected));
  });
  if (conflicts.length === 0) return undefined;
  const what = conflicts.map(
    (u) =>
      `${u.column} is in ${u.expected}${UNIT_WORDS[u.expected] ? ` (${UNIT_WORDS[u.expected]![0]})` : ""}, the row says ${u.found}`,
  );
  return `the row under the header gives units (${filled.join(" ")}) that are not the columns': ${what.join("; ")}; convert the values to the column's unit, or send the file without that row`;
}

/** The advice for a header that looks like a column's alias. */
function didYouMean(s: {header: string; column: string; alias: string}, feed: string): string {
  return `header ${JSON.stringify(s.header)} matches no column; did you mean ${JSON.stringify(s.alias)} (${s.column})? rename the header, or add it as an alias of ${s.column} in sources/feeds/${feed}.yaml`;
}

/** One broken rule of one row, as the loader records it in load_rejects. */
export interface RowError {
  line: number;
  column_name: string;
  rule: string;
  value: string | null;
  message: string;
}

export interface CheckResult {
  rowsRead: number;
  /** Lines with at least one error. */
  rejectedLines: number;
  errors: RowError[];
  /** Footer lines (填报人 …) skipped: not counted in rowsRead. */
  footerLines: number[];
}

/** DuckDB's text of a typed value, for key texts and messages. */
function shownValue(value: Typed, type: ColumnType): string {
  if (type === "date" || type === "month") return formatWallClock(value as number, "date");
  if (type === "timestamp") return formatWallClock(value as number, "timestamp");
  return String(value);
}

/**
 * The decimal mark of a delimited text file's rows (decimalMark.ts), as the loader decides it (loadFile.ts
 * `decideDecimalMark`, checkSql.ts `decimalEvidenceSql`): from the first cell of each kind of evidence in the
 * contract's number columns, in line order and then the contract's column order; `delimiter` as the file has it,
 * `width` the header's (lines of another width are not rows); `stated` as `bizenv load --decimal` states it.
 */
export function decimalMarkOfRows(
  match: HeaderMatch,
  rows: Array<{line: number; cells: string[]}>,
  delimiter: string | null,
  width?: number,
  stated?: DecimalMark,
): MarkReading {
  if (stated !== undefined) return decimalMark({}, delimiter, stated);
  const columns = match.contract.columns.filter((c) => isNumberColumn(c) && match.byColumn.has(c.name));
  const found: Partial<Record<MarkEvidence, MarkExample>> = {};
  for (const {line, cells} of rows) {
    // A line that does not split into the header's columns is no row (the reader's `malformed`): no evidence.
    if (width !== undefined && cells.length !== width) continue;
    // A sign-off or totals line below the table (合计 …) is no row either (checkRows skips it).
    if (isFooterRow(cells.map((c) => c.replace(/^"+/, "")))) continue;
    for (const c of columns) {
      const value = halfWidth(unwrapExcelText(trimText(cells[match.byColumn.get(c.name)!] ?? "")));
      const kind = markEvidence(value);
      if (kind === null) continue;
      const first = found[kind];
      if (first === undefined) found[kind] = {line, column: c.name, value, count: 1};
      else first.count++;
    }
  }
  return decimalMark(found, delimiter);
}

/**
 * Check data rows against a contract as the loader does: each row's cells (in the file's column order, `match`
 * telling which is which), its line in the file, every broken rule with the loader's rule name and message, then
 * duplicate keys among the rows that broke none. `now` is the loader's clock (`YYYY-MM-DD HH:MM:SS` in China): later
 * dates are in the future. Rows whose cell count differs from the header's are `malformed` (the CSV reader's rule).
 */
export function checkRows(
  match: HeaderMatch,
  rows: Array<{line: number; cells: string[]}>,
  {
    references,
    now,
    width,
    mark = {mark: "point"},
  }: {references: References; now: string; width?: number; mark?: MarkReading},
): CheckResult {
  const {contract} = match;
  const nowMicros = wallClockOf(now);
  const earliest = contract.earliest_date ? wallClockOf(`${contract.earliest_date} 00:00:00`) : null;
  const errors: RowError[] = [];
  const bad = new Set<number>();
  const good: Array<{line: number; typed: Map<string, Typed | null>}> = [];
  const byName = new Map(contract.columns.map((c) => [c.name, c]));
  const footerLines: number[] = [];
  // Identifier columns this file kept as text (one long value with all its digits): their 16- and 17-digit values
  // ending in zeros are real numbers, not Excel's cuts (rowMessages.ts `isCutId`).
  const textColumns = new Set(
    contract.columns
      .filter((c) => isIdentifier(contract, c) && match.byColumn.has(c.name))
      .filter((c) => keptAsText(rows.map((r) => unwrapExcelText(trimText(r.cells[match.byColumn.get(c.name)!] ?? "")))))
      .map((c) => c.name),
  );
  for (const {line, cells} of rows) {
    // A sign-off line below the table (填报人 …) is skipped as the loader skips it, malformed or not.
    if (isFooterRow(cells.map((c) => c.replace(/^"+/, "")))) {
      footerLines.push(line);
      continue;
    }
    if (width !== undefined && cells.length !== width) {
      errors.push({
        line,
        column_name: `column ${Math.min(cells.length, width) + 1}`,
        rule: "malformed",
        value: cells.join(","),
        message: `the line does not split into the header's columns: expected ${width} fields, found ${cells.length}`,
      });
      bad.add(line);
      continue;
    }
    const text = new Map<string, string | null>();
    const times = new Map<string, string>();
    for (const c of contract.columns) {
      const index = match.byColumn.get(c.name);
      const raw = index === undefined ? null : unwrapExcelText(trimText(cells[index] ?? ""));
      const timeIndex = match.timeOf?.get(c.name);
      // A date and its time of day in two columns: a program's word for no value in either is empty before they
      // are joined (checkSql.ts `typedRows`).
      const split = (cell: string | null) =>
        timeIndex !== undefined && cell !== null && NULL_WORDS.includes(cell.toLowerCase()) ? null : cell;
      const time = timeIndex === undefined ? null : split(unwrapExcelText(trimText(cells[timeIndex] ?? "")) || null);
      const t = withTime(split(raw === null || raw === "" ? null : raw), time);
      if (time !== null) times.set(c.name, time);
      const aliased = t !== null && c.value_aliases && t in c.value_aliases ? String(c.value_aliases[t]) : t;
      text.set(c.name, aliased);
    }
    const typed = new Map<string, Typed | null>();
    for (const c of contract.columns) {
      const v = text.get(c.name)!;
      if (v === null) typed.set(c.name, null);
      else if (c.references === "area")
        typed.set(c.name, Object.hasOwn(references.area, v) ? references.area[v]! : null);
      else if (c.references === "unit")
        typed.set(c.name, Object.hasOwn(references.unit, v) ? references.unit[v]! : null);
      else if (c.references === "metric") typed.set(c.name, references.metric.includes(v) ? v : null);
      else if (c.references === "task") {
        const n = castInteger(v);
        typed.set(c.name, n !== null && references.task.includes(n) ? n : null);
      } else {
        const durationSeconds = c.unit === undefined ? undefined : DURATION_UNIT_SECONDS[c.unit];
        typed.set(
          c.name,
          parseText(c.type, v, {
            percent: c.unit === "percent",
            currency: c.unit === "yuan",
            mark: mark.mark,
            ...(durationSeconds ? {durationSeconds} : {}),
          }),
        );
      }
    }
    const rowErrors: RowError[] = [];
    const fail = (column: string, rule: string, value: string | null, message: string) =>
      rowErrors.push({line, column_name: column, rule, value, message});
    for (const c of contract.columns) {
      const v = text.get(c.name)!;
      const t = typed.get(c.name)!;
      const found = `found "${v}"`;
      // A program's word for no value where no text is a value: empty (checkSql.ts, NULL_WORDS).
      const nullWord =
        (c.type !== "varchar" || c.references !== undefined) &&
        v !== null &&
        t === null &&
        NULL_WORDS.includes(v.toLowerCase());
      if (c.required && v === null) fail(c.name, "required", null, `${c.name} is required but empty`);
      if (c.required && nullWord) fail(c.name, "required", v, MESSAGES.requiredNullWord(c.name).replace(VALUE, v!));
      if (nullWord) continue;
      const time = times.get(c.name);
      if (time !== undefined && v === null)
        fail(c.name, "time_without_date", time, `${c.name} has a time of day (${time}) but no date beside it`);
      if (c.references) {
        const shared =
          v !== null && (c.references === "area" || c.references === "unit")
            ? references.ambiguous?.[c.references][v]
            : undefined;
        const notAValue = v !== null && t === null ? notAValueMessage(c.name, v, false) : null;
        if (notAValue !== null) fail(c.name, "spreadsheet_error", v, notAValue);
        else if (v !== null && t === null && shared !== undefined)
          fail(
            c.name,
            `ambiguous_${c.references}`,
            v,
            `ambiguous ${c.references} "${v}": it names ${shared}; write the full name`,
          );
        else if (v !== null && t === null)
          fail(c.name, `unknown_${c.references}`, v, `unknown ${c.references} "${v}": ${REFERENCE_WHAT[c.references]}`);
        continue;
      }
      const freeText = c.type === "varchar" && !c.allowed;
      const notAValue = v === null ? null : notAValueMessage(c.name, v, freeText);
      // Where the column's own rule would reject it (type, allowed), or free text would store it.
      const rejected = c.type !== "varchar" ? t === null : c.allowed ? !allowedValue(c, t) : true;
      if (notAValue !== null && rejected) fail(c.name, "spreadsheet_error", v, notAValue);
      else if (c.type !== "varchar" && v !== null && t === null)
        fail(
          c.name,
          "type",
          v,
          `expected ${TYPE_DESCRIPTION[c.type]} in ${c.name}, ${found}` +
            (c.type === "integer" && FRACTION.test(v) ? MESSAGES.notWhole : "") +
            (isNumberColumn(c) && takesMarkHint(halfWidth(v)) ? (markHint(mark) ?? "") : ""),
        );
      if (v !== null && isIdentifier(contract, c)) {
        if (SCIENTIFIC.test(v)) fail(c.name, "identifier", v, MESSAGES.scientificId(c.name).replace(VALUE, v));
        else if (DECIMAL.test(v)) fail(c.name, "identifier", v, MESSAGES.decimalId(c.name).replace(VALUE, v));
        else if (isCutId(v, textColumns.has(c.name)))
          fail(c.name, "identifier", v, MESSAGES.cutId(c.name).replace(VALUE, v));
      }
      if (c.allowed && t !== null && !allowedValue(c, t) && !(notAValue !== null && rejected)) {
        const shown = [...c.allowed.map(String), ...Object.keys(c.value_aliases ?? {})].join(", ");
        fail(c.name, "allowed", v, `expected one of ${shown} in ${c.name}, ${found}`);
      }
      const unit = c.unit ? ` ${c.unit}` : "";
      if (c.min !== undefined && typeof t === "number" && t < c.min)
        fail(c.name, "range", v, `${c.name} must be at least ${c.min}${unit}, ${found}`);
      if (c.max !== undefined && typeof t === "number" && t > c.max)
        fail(c.name, "range", v, `${c.name} must be at most ${c.max}${unit}, ${found}`);
      if (c.at_least) {
        const o = typed.get(c.at_least);
        if (typeof t === "number" && typeof o === "number" && t < o)
          fail(c.name, "order", v, `${c.name} (${v}) is before ${c.at_least} (${text.get(c.at_least)})`);
      }
      if (c.at_most) {
        const o = typed.get(c.at_most);
        if (typeof t === "number" && typeof o === "number" && t > o)
          fail(c.name, "order", v, `${c.name} (${v}) is larger than ${c.at_most} (${text.get(c.at_most)})`);
      }
      if ((c.type === "date" || c.type === "timestamp" || c.type === "month") && typeof t === "number") {
        const limit = c.type === "month" ? monthStart(nowMicros) : nowMicros;
        if (t > limit) fail(c.name, "future", v, `${c.name} is in the future (after ${now.slice(0, 16)}), ${found}`);
        if (earliest !== null && t < earliest)
          fail(
            c.name,
            "too_early",
            v,
            MESSAGES.tooEarly(c.name, contract.earliest_date!, contract.feed).replace(VALUE, v!) +
              (/[0-9]{4}/.test(v!) ? "" : MESSAGES.twoDigitYear),
          );
      }
    }
    if (match.synthetic !== undefined) {
      const s = trimText(cells[match.synthetic] ?? "");
      if (s !== "" && parseText("boolean", s) === null)
        fail(SYNTHETIC_COLUMN.name, "type", s, `expected yes or no in synthetic, found "${s}"`);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      bad.add(line);
    } else good.push({line, typed});
  }
  // Duplicate keys among rows with no other error: the first line keeps the key, later ones are rejected.
  const first = new Map<string, number>();
  for (const row of [...good].sort((a, b) => a.line - b.line)) {
    const parts = contract.key.map((k) => `${k}=${shownValue(row.typed.get(k)!, byName.get(k)!.type)}`);
    const key = JSON.stringify(contract.key.map((k) => row.typed.get(k)));
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row.line);
    else {
      const keyText = parts.join(", ");
      errors.push({
        line: row.line,
        column_name: contract.key.join(","),
        rule: "duplicate_key",
        value: keyText,
        message: `duplicate key (${keyText}): line ${earlier} of this file has it already`,
      });
      bad.add(row.line);
    }
  }
  errors.sort((a, b) => a.line - b.line || a.column_name.localeCompare(b.column_name));
  return {rowsRead: rows.length - footerLines.length, rejectedLines: bad.size, errors, footerLines};
}

/** Whether a typed value is one of a column's allowed values. */
const allowedValue = (c: RuleColumn, t: Typed) => c.allowed!.some((a) => a === t);

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const SCIENTIFIC = whole(SCIENTIFIC_ID);
const DECIMAL = whole(DECIMAL_ID);
const FRACTION = whole(FRACTION_PATTERN);

const REFERENCE_WHAT: Record<NonNullable<RuleColumn["references"]>, string> = {
  area: "not a county, district or park of the area registry (names, short names and codes are accepted)",
  unit: "not a unit of the plan's unit registry (its Chinese name or bizenv id)",
  metric: "not a metric of the catalog",
  task: "not a task number of the plan",
};

const DAY_ZERO = new RegExp(TIME_DAY_ZERO);

/** checkSql's date-and-time pair: the date's text, then a space and the time of day (without an Excel day 0). */
function withTime(date: string | null, time: string | null): string | null {
  if (time === null || date === null) return date;
  return `${date} ${time.replace(DAY_ZERO, "")}`;
}
