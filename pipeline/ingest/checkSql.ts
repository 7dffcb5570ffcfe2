import {
  CUT_ID,
  CUT_ID_ALWAYS_LENGTH,
  DECIMAL_ID,
  FRACTION_PATTERN,
  isIdentifier,
  LONG_ID,
  LONG_ID_LENGTH,
  MESSAGES,
  NULL_WORDS,
  SCIENTIFIC_ID,
  SHOWN_NOT_VALUE,
  SPREADSHEET_ERROR,
  SPREADSHEET_ERROR_FIRST,
  TOO_NARROW,
  FORMULA_TEXT,
  VALUE,
} from "./rowMessages.ts";
import {SYNTHETIC_COLUMN} from "./rowRules.ts";
import type {Contract, ContractColumn} from "./contractSchema.ts";
import {evidenceSql, isNumberColumn, markHint, NUMBER_CORE, type MarkReading} from "./decimalMark.ts";
import {halfWidth, parseSql} from "./parseSql.ts";
import {AMBIGUOUS_MONTH, DURATION_UNIT_SECONDS, ELAPSED_TIME, TIME_DAY_ZERO, TYPE_DESCRIPTION} from "./textFormats.ts";
import {FOOTER_FIRST_CODE_POINTS, FOOTER_PATTERN} from "./personalData.ts";
import {ident, lit, num} from "./sql.ts";

/** The reserved column every feed may carry to mark its rows as synthetic (demo and test data). */
export {SYNTHETIC_COLUMN};

/** How a unit reads after "in" in a message. */
const PLURAL: Record<string, string> = {hour: "hours", day: "days", workday: "workdays", minute: "minutes"};

/** Where each contract column's text is found in the staged `raw` table (`c0`, `c1`, …), if present. */
export interface StagedColumns {
  byColumn: Map<string, string>;
  /** Timestamp columns whose time of day is in a column of its own (time_aliases): where that is staged. */
  timeOf?: Map<string, string>;
  synthetic: string | undefined;
  /** How many text columns `raw` has (c0 … c<width-1>), for the footer test; absent: the mapped columns only. */
  width?: number;
  /**
   * Every staged cell is already what trimming and unwrapping would make of it (stageFile.ts `Staged.cellsTrimmed`,
   * known from the file as a whole): each cell's text is taken as it is, with no test per cell.
   */
  cellsTrimmed?: boolean;
  /**
   * `raw` streams the file (stageFile.ts `Staged.streamed`): `_line` is NULL there, the caller numbers `checked`'s
   * rows by their position, and `checked` keeps the staged cells of each row that breaks a rule (`_cells`, c0 …
   * c<width-1> joined by a line feed) for the message pass. `width` is required.
   */
  streamed?: boolean;
  /** How the file's numbers are read (decimalMark.ts, decided by the loader for the file); absent: with a point. */
  mark?: MarkReading;
}

/**
 * The registries a reference column resolves through, as the warehouse holds them (`readRegistries`): area and unit
 * aliases with their ids, the names two entries share with their candidates, metric ids and task numbers.
 */
export interface Registries {
  area: Array<[alias: string, areaId: string]>;
  unit: Array<[alias: string, unitId: string]>;
  metric: string[];
  task: number[];
  ambiguous: {area: Array<[alias: string, candidates: string]>; unit: Array<[alias: string, candidates: string]>};
}

/** A list literal of text. */
// A backslash (MySQL's \N) is no SQL literal here (sql.ts `lit`): it is joined in as chr(92).
const textList = (xs: string[]) =>
  `[${xs.map((x) => x.split("\\").map(lit).join(" || chr(92) || ")).join(", ")}]::varchar[]`;

/**
 * The position (0-based) of a value among names (the first of a repeated name), NULL when it is none of them: a cast
 * to an ENUM of the names, which DuckDB answers from a hash table. A lookup, not a join: the checks are then a
 * projection of the staged rows, which keeps their order (a streamed file's rows are numbered by it, see
 * `StagedColumns.streamed`). Its cost does not grow with the registry (1 M rows: 0.08–0.10 s for 10 to 160 names,
 * 0.15 s for 2,000, where a `list_position` over the names took 2.7 s; docs/performance.md, 2026-12-07 III).
 */
const position = (names: string[], value: string) => {
  // An ENUM refuses a repeated name.
  const distinct = [...new Set(names)];
  if (distinct.length === 0) return "null::integer";
  return `enum_code(try_cast(${value} as ENUM(${distinct.map(lit).join(", ")})))::integer`;
};

/** A value looked up in a registry: the id beside the first entry of its name, NULL when it is none of them. */
const lookup = (pairs: Array<[name: string, id: string]>, value: string) => {
  const first = new Map<string, string>();
  for (const [name, id] of pairs) if (!first.has(name)) first.set(name, id);
  if (first.size === 0) return "null::varchar";
  return `(${textList([...first.values()])})[${position([...first.keys()], value)} + 1]`;
};

const REFERENCE: Record<
  NonNullable<ContractColumn["references"]>,
  {id: (v: string, r: Registries) => string; ambiguous?: (v: string, r: Registries) => string; what: string}
> = {
  area: {
    id: (v, r) => lookup(r.area, v),
    ambiguous: (v, r) => lookup(r.ambiguous.area, v),
    what: "not a county, district or park of the area registry (names, short names and codes are accepted)",
  },
  unit: {
    id: (v, r) => lookup(r.unit, v),
    ambiguous: (v, r) => lookup(r.ambiguous.unit, v),
    what: "not a unit of the plan's unit registry (its Chinese name or bizenv id)",
  },
  metric: {
    id: (v, r) => `(case when ${position(r.metric, v)} is not null then ${v} end)`,
    what: "not a metric of the catalog",
  },
  task: {
    id: (v, r) =>
      `(case when list_contains([${r.task.map((n) => num(n)).join(", ")}]::integer[], try_cast(${v} as integer)) then try_cast(${v} as integer) end)`,
    what: "not a task number of the plan",
  },
};

// A column's names in the statement: its staged text after value aliases (v_…), its half-width text (h_…, numbers
// and dates are read from it, computed once per value; messages quote v_…) and its typed value (t_…).
const v = (c: ContractColumn) => `v_${c.name}`;
const h = (c: ContractColumn) => `h_${c.name}`;
const t = (c: ContractColumn) => `t_${c.name}`;
const a = (c: ContractColumn) => `a_${c.name}`;
// The time-of-day text of a timestamp column kept in a column of its own (time_aliases), when the file has one.
const vt = (c: ContractColumn) => `vt_${c.name}`;
/** The synthetic flag, typed (computed once in `typed`). */
const SYNTHETIC_TYPED = "t__synthetic";

/**
 * Build the one statement that turns the staged text rows of a file into typed rows with every rule checked:
 * `create temp table checked as select _line, <typed columns>, _is_synthetic, _errors from raw …`, where the
 * staged `raw` table (or view) holds the text columns and `_line`, the row's line (or sheet row) in the file.
 * `_errors` lists, per row, every rule the row breaks as {column, rule, value, message}; set-based, one pass.
 * Duplicate keys are checked afterwards on the typed rows (see `rejectDuplicatesInFile`).
 *
 *
 * @param now the load's clock, as `YYYY-MM-DD HH:MM:SS` in Asia/Shanghai; later dates are "in the future".
 */
export function checkSql(
  contract: Contract,
  staged: StagedColumns,
  now: string,
  registries: Registries,
  keptAsText: Record<string, boolean> = {},
): {checked: string; errors: string} {
  const checks = ruleChecks(contract, now, staged, keptAsText);
  const source = typedRows(contract, staged, registries);
  const cells = staged.streamed ? stagedCells(staged) : [];
  const row = `select _line, ${contract.columns.map((c) => `${t(c)} as ${ident(c.name)}`).join(", ")},
  coalesce(${SYNTHETIC_TYPED}, false) as _is_synthetic,
  _footer,
  not _footer and (${checks.flatMap((k) => (k.bad === null ? [] : [`coalesce(${k.bad ?? k.cond}, false)`])).join("\n  or ")}) as _bad${cells.map((x) => `, ${x}`).join("")}
from ${source.replace("%WHERE%", "")}`;
  // A streamed file's rows keep their staged cells where they broke a rule, for the message pass (the file is not
  // kept): one text, the cells joined by a line feed, which no cell of a plain file (one record per line) holds.
  // Only the broken rows build it (a CASE's branch runs for the rows it selects).
  const keep = `select * exclude (${cells.join(", ")}), case when _bad then concat_ws(chr(10), ${cells.map((x) => `coalesce(${x}, '')`).join(", ")}) end as _cells from (${row})`;
  return {
    // One pass over every row: typed values and whether any rule is broken (cheap booleans, no strings).
    checked: `create or replace temp table checked as
${staged.streamed ? keep : row}`,
    // Only the broken rows again, to say what is wrong with each: one record per broken rule.
    errors: `create or replace temp table row_errors as
select _line, e.column_name, e.value, e.rule, e.message from (
  select _line, unnest(list_filter([${checks.map((k) => `case when ${k.cond} then ${k.error} end`).join(",\n    ")}], x -> x is not null)) as e
  from ${source.replace("%WHERE%", " where _line in (select _line from checked where _bad)")}
)`,
  };
}

/**
 * Whether a column's value aliases map from or to a long number (LONG_ID): only then can `checked`, which holds the
 * values after aliasing, answer `cutIdCheck`'s questions otherwise than the column's text does (an alias between
 * words leaves every long number as it is, and makes none).
 */
function aliasesLongIds(c: ContractColumn): boolean {
  const longId = new RegExp(`^(?:${LONG_ID})$`);
  return Object.entries(c.value_aliases ?? {}).some(([from, to]) => longId.test(from) || longId.test(String(to)));
}

/**
 * Whether `checkSql` with these answers reads the staged rows whole in a subquery (an identifier column the caller
 * has no answer for, as `cutIdCheck` gives none for a column with value aliases): its checks are then not a
 * projection of the rows, and a streamed file is staged in a table first.
 */
export function wholeFileChecks(
  contract: Contract,
  staged: StagedColumns,
  keptAsText: Record<string, boolean>,
): boolean {
  return contract.columns.some(
    (c) => isIdentifier(contract, c) && staged.byColumn.has(c.name) && keptAsText[c.name] === undefined,
  );
}

/**
 * Whether a file's identifier columns kept their long values as text, found from `checked` instead of a second read
 * of the file: for each identifier column of the contract (value aliases would change its text: those keep the
 * subquery), whether some value is a short cut-looking number (16 or 17 digits ending in zeros, the only values the
 * answer decides) and whether some long value is whole. `checkSql` run with every answer `true` checks exactly what
 * it checks with the subquery unless a column has such a value and no whole long value; then the pass is run again
 * with the answers (rare: a file Excel cut). A column whose value aliases name or give a long number keeps the
 * subquery: its stored values are not its text in the answer's sense.
 */
export function cutIdCheck(contract: Contract, staged: StagedColumns): Array<{column: string; query: string}> {
  return contract.columns
    .filter((c) => isIdentifier(contract, c) && staged.byColumn.has(c.name) && !aliasesLongIds(c))
    .map((c) => {
      const x = ident(c.name);
      // Both answers are about long numbers only: the length filter spares the regular expressions every short id.
      return {
        column: c.name,
        query: `select coalesce(bool_or(regexp_full_match(${x}, ${lit(LONG_ID)}) and regexp_full_match(${x}, ${lit(CUT_ID)}) and length(${x}) < ${CUT_ID_ALWAYS_LENGTH}), false) as suspect,
          coalesce(bool_or(regexp_full_match(${x}, ${lit(LONG_ID)}) and not regexp_full_match(${x}, ${lit(CUT_ID)})), false) as kept
        from checked where length(${x}) >= ${LONG_ID_LENGTH}`,
      };
    });
}

/** Every staged cell of a row, c0 … c<width-1>. */
function stagedCells(staged: StagedColumns): string[] {
  if (staged.width === undefined) throw new Error("a streamed file's checks need the staged width");
  return Array.from({length: staged.width}, (_, i) => `c${i}`);
}

/**
 * The subquery `typed` over the staged `raw` rows: `_line`, every column's text (v_…), half-width text (h_…) and
 * typed value (t_…, references resolved through their registry's join), and the synthetic flag's text. `%WHERE%`
 * stands where a filter of `raw` may go.
 */
function typedRows(contract: Contract, staged: StagedColumns, registries: Registries): string {
  // The staged cells the statement reads (mapped columns, times of day, the synthetic flag, the footer's cells).
  const footerCells =
    staged.width === undefined ? [...staged.byColumn.values()] : Array.from({length: staged.width}, (_, i) => `c${i}`);
  const used = [
    ...new Set([
      ...staged.byColumn.values(),
      ...(staged.timeOf?.values() ?? []),
      ...(staged.synthetic === undefined ? [] : [staged.synthetic]),
      ...footerCells,
    ]),
  ];
  // Level 0: whether each cell is plain (plainCell), once per cell. Level 1: each column's text before its value
  // aliases (x_…), the synthetic flag's text and the row's first non-empty cell. Each is computed once: DuckDB does
  // not share a subexpression between the branches of a CASE.
  // A file known to have nothing to trim (`cellsTrimmed`) needs neither level 0's test nor its other branch: the
  // checks took 0.93–1.24 s with them and 0.53–0.60 s without at 1 M rows (docs/performance.md, 2026-12-07 II).
  const plain = (cell: string) => `p_${cell}`;
  const asIs = (cell: string) => `nullif(${cell}, '')`;
  const text = (cell: string) => (staged.cellsTrimmed ? asIs(cell) : cellText(cell, plain(cell)));
  const trimmed = (cell: string) => (staged.cellsTrimmed ? asIs(cell) : trimmedCell(cell, plain(cell)));
  const level0 = `select _line, ${used.map((cell) => (staged.cellsTrimmed ? cell : `${cell}, ${plainCell(cell)} as ${plain(cell)}`)).join(", ")} from raw%WHERE%`;
  // A streamed file's staged cells, every column, carried up for the rows that break a rule (checkSql).
  const carried = staged.streamed ? stagedCells(staged) : [];
  const x = (c: ContractColumn) => `x_${c.name}`;
  const level1: string[] = ["_line", ...carried];
  const timeTexts: string[] = [];
  const mappedText = contract.columns.map((c) => {
    const source = staged.byColumn.get(c.name);
    const timeSource = staged.timeOf?.get(c.name);
    // A date and its time of day in two columns: a program's word for no value (NULL_WORDS) in either is empty
    // before they are joined (only such files pay for the test).
    const split = (cell: string) =>
      `(case when list_contains(${textList([...NULL_WORDS])}, lower(${text(cell)})) then null else ${text(cell)} end)`;
    const dateText = source === undefined ? "null::varchar" : timeSource === undefined ? text(source) : split(source);
    level1.push(`${dateText} as ${x(c)}`);
    const date = x(c);
    // A date with its time of day from a column of its own: `date time`, without an Excel day 0 before the time.
    let value = date;
    if (timeSource !== undefined) {
      const time = vt(c);
      level1.push(`${split(timeSource)} as ${time}`);
      value = `case when ${time} is null or ${date} is null then ${date} else ${date} || ' ' || regexp_replace(${time}, ${lit(TIME_DAY_ZERO)}, '') end`;
      timeTexts.push(time);
    }
    const aliases = Object.entries(c.value_aliases ?? {});
    const mapped = aliases.length
      ? `case ${value} ${aliases.map(([from, to]) => `when ${lit(from)} then ${lit(String(to))}`).join(" ")} else ${value} end`
      : value;
    return `${mapped} as ${v(c)}`;
  });
  level1.push(`${staged.synthetic === undefined ? "null::varchar" : trimmed(staged.synthetic)} as v__synthetic`);
  // A sign-off line below the table (填报人：张三 联系电话：…): its first non-empty cell starts with a footer label.
  level1.push(`coalesce(${[...footerCells.map(trimmed), "''"].join(", ")}) as _first`);
  // The pattern only where that cell starts with a label's first character (a data row's cell almost never does).
  const footer = `(case when list_contains([${FOOTER_FIRST_CODE_POINTS.join(", ")}], ascii(_first)) then coalesce(regexp_matches(_first, ${lit(FOOTER_PATTERN)}), false) else false end)`;
  const halved = contract.columns.filter((c) => !c.references && c.type !== "varchar" && c.type !== "boolean");
  const typed = contract.columns.map((c) => {
    if (c.references) {
      const ref = REFERENCE[c.references];
      const id = ref.id(v(c), registries);
      const typedId = `${c.type === "integer" ? id : `${id}::varchar`} as ${t(c)}`;
      // A name two entries share: the candidates, for the rejection to name (areas and units only).
      return ref.ambiguous ? `${typedId}, ${ref.ambiguous(v(c), registries)} as ${a(c)}` : typedId;
    }
    const input = halved.includes(c) ? h(c) : v(c);
    const durationSeconds = c.unit === undefined ? undefined : DURATION_UNIT_SECONDS[c.unit];
    return `${parseSql(c.type, input, {percent: c.unit === "percent", currency: c.unit === "yuan", halfWidth: true, mark: staged.mark?.mark ?? "point", ...(durationSeconds ? {durationSeconds} : {})})} as ${t(c)}`;
  });
  typed.push(`${parseSql("boolean", "v__synthetic")} as ${SYNTHETIC_TYPED}`);
  return `(
  select s.*, ${typed.join(", ")}
  from (select s0.*${halved.map((c) => `, ${halfWidth(v(c))} as ${h(c)}`).join("")}
        from (select _line, ${[...mappedText, ...timeTexts].join(", ")}, v__synthetic, ${footer} as _footer${carried.map((x) => `, ${x}`).join("")}
              from (select ${level1.join(", ")} from (${level0}) l0) l1) s0) s
) typed`;
}

/**
 * Whether a staged cell is already what trimming and unwrapping would make of it: ASCII only, its first character
 * printable and neither a space nor `=`, its last not a space. DuckDB's `trim` removes Unicode space separators
 * (a space, U+3000, U+00A0 …), and the only one in ASCII is the space. Most cells of an export are such, and these
 * byte tests cost a third of `trim`, which copies every value (docs/performance.md, 2026-12-07); other cells take
 * the full path. tests/ingest/cellText.test.ts checks both paths give the same text.
 */
function plainCell(x: string): string {
  return `(strlen(${x}) = length(${x}) and ascii(${x}) between 33 and 126 and ascii(${x}) <> 61 and not ends_with(${x}, ' '))`;
}

/**
 * A staged cell trimmed, `="…"` unwrapped, empty as NULL: the text every rule reads (v_…). `plain` is `plainCell`
 * of it, or the column that holds it when the statement computed it once.
 */
export function cellText(x: string, plain = plainCell(x)): string {
  return `(case when ${plain} then ${x} else nullif(${unwrapSql(`trim(${x})`)}, '') end)`;
}

/** A staged cell trimmed, empty as NULL, not unwrapped (the footer test and the synthetic flag read it). */
function trimmedCell(x: string, plain = plainCell(x)): string {
  return `(case when ${plain} then ${x} else nullif(trim(${x}), '') end)`;
}

/**
 * `="0123"`, the formula wrapper Excel and WPS CSV exports put around text that looks like a number, unwrapped and
 * trimmed (parseText.ts `unwrapExcelText`); the test is two cheap prefix and suffix checks per value.
 */
function unwrapSql(x: string): string {
  return `(case when starts_with(${x}, '="') and ends_with(${x}, '"') and length(${x}) >= 3 then trim(${x}[3:-2]) else ${x} end)`;
}

/** A shared message (rowRules.ts MESSAGES) as SQL, the column's text `value` where the message has `VALUE`. */
function message(text: string, value: string): string {
  return text
    .split(VALUE)
    .map((part) => lit(part))
    .join(` || ${value} || `);
}

/**
 * A rule: `cond`, true over `typed` when a row breaks it, and the record that explains it ({column_name, rule, value,
 * message}). `bad` is what the rule adds to whether a row is bad (`_bad`), when that is cheaper than `cond`: null for
 * nothing (another rule's `bad` covers its rows).
 */
interface RuleCheck {
  cond: string;
  error: string;
  bad?: string | null;
}

/** Each rule of the contract, and the synthetic flag's type (`RuleCheck`). */
function ruleChecks(
  contract: Contract,
  now: string,
  staged: StagedColumns,
  keptAsText: Record<string, boolean>,
): RuleCheck[] {
  const timed = new Set(staged.timeOf?.keys() ?? []);
  const checks: RuleCheck[] = [];
  const check = (cond: string, error: string, bad?: string | null) =>
    checks.push(bad === undefined ? {cond, error} : {cond, error, bad});
  const err = (c: {name: string}, rule: string, value: string, message: string) =>
    `{'column_name': ${lit(c.name)}, 'rule': ${lit(rule)}, 'value': ${value}, 'message': ${message}}`;
  const found = (c: ContractColumn) => `'found "' || ${v(c)} || '"'`;
  // A cell whose text is what a spreadsheet shows for no value (#DIV/0!, #####, =F3*10 but in free text): rule
  // spreadsheet_error.
  const shownNotValue = (c: ContractColumn) => `regexp_full_match(${v(c)}, ${lit(SHOWN_NOT_VALUE)})`;
  const notAValue = (c: ContractColumn) =>
    err(
      c,
      "spreadsheet_error",
      v(c),
      `case when regexp_full_match(${v(c)}, ${lit(TOO_NARROW)}) then ${message(MESSAGES.tooNarrow(c.name), v(c))} when regexp_full_match(${v(c)}, ${lit(FORMULA_TEXT)}) then ${message(MESSAGES.formulaText(c.name), v(c))} else ${message(MESSAGES.spreadsheetError(c.name), v(c))} end`,
    );
  // A rule's failing rows (`fails`) split in two: those whose text is such a cell break spreadsheet_error instead.
  // Whether a row is bad is `fails` alone, as before the split: the pattern runs in the message pass only.
  const unlessNotAValue = (c: ContractColumn, fails: string, error: string) => {
    check(`case when ${fails} then not ${shownNotValue(c)} else false end`, error, fails);
    check(`case when ${fails} then ${shownNotValue(c)} else false end`, notAValue(c), null);
  };
  // A program's word for no value (NULL_WORDS) where no text is a value (numbers, dates, yes/no, registries): the
  // typed value is NULL already; the row breaks no type or reference rule for it, and `required` if required. Tested
  // behind a CASE, for the rows whose text did not read only.
  // list_contains, never IN: DuckDB plans an IN list of five or more as a join, which loses the rows' order.
  const nullWord = (c: ContractColumn) => `list_contains(${textList([...NULL_WORDS])}, lower(${v(c)}))`;
  const unread = (c: ContractColumn) =>
    `case when ${v(c)} is not null and ${t(c)} is null then not ${nullWord(c)} else false end`;
  for (const c of contract.columns) {
    const typed = c.type !== "varchar" || c.references !== undefined;
    if (c.required && typed)
      check(
        `case when ${v(c)} is null then true when ${t(c)} is null then ${nullWord(c)} else false end`,
        `${err(c, "required", v(c), `case when ${v(c)} is null then ${lit(`${c.name} is required but empty`)} else ${message(MESSAGES.requiredNullWord(c.name), v(c))} end`)}`,
      );
    else if (c.required)
      check(`${v(c)} is null`, `${err(c, "required", "null", lit(`${c.name} is required but empty`))}`);
    if (timed.has(c.name))
      check(
        `${vt(c)} is not null and ${v(c)} is null`,
        `${err(c, "time_without_date", vt(c), `${lit(`${c.name} has a time of day (`)} || ${vt(c)} || ') but no date beside it'`)}`,
      );
    if (c.references) {
      const what = REFERENCE[c.references].what;
      const unknown = `${err(c, `unknown_${c.references}`, v(c), `'unknown ${c.references} "' || ${v(c)} || '": ${what.replaceAll("'", "''")}'`)}`;
      const ambiguous = `${err(c, `ambiguous_${c.references}`, v(c), `'ambiguous ${c.references} "' || ${v(c)} || '": it names ' || ${a(c)} || '; write the full name'`)}`;
      unlessNotAValue(
        c,
        unread(c),
        REFERENCE[c.references].ambiguous
          ? `case when ${a(c)} is not null then ${ambiguous} else ${unknown} end`
          : unknown,
      );
      continue;
    }
    if (c.type !== "varchar") {
      // A number with a unit written after it (`12小时`, `3天`, `500元`): say which unit the column holds.
      // An elapsed time (h:mm, as a duration cell shows) where the unit is not one it converts to, e.g. workdays.
      const elapsedHint =
        c.unit && !DURATION_UNIT_SECONDS[c.unit]
          ? `when regexp_full_match(${v(c)}, ${lit(ELAPSED_TIME)}) then ${lit(`: an elapsed time (h:mm) cannot be read as ${PLURAL[c.unit] ?? c.unit}; write the number of ${PLURAL[c.unit] ?? c.unit}`)} `
          : "";
      const unitHint =
        (c.type === "integer" || c.type === "double") && c.unit
          ? ` || case ${elapsedHint}when regexp_full_match(${v(c)}, '[-+－＋]?[0-9０-９.,，．]+ *[^0-9０-９.,，． ]+') then ${lit(`: write the number alone, in ${PLURAL[c.unit] ?? c.unit}`)} else '' end`
          : c.type === "month"
            ? ` || case when regexp_full_match(${h(c)}, ${lit(AMBIGUOUS_MONTH)}) then ${lit(": it may be January or October (a number cell shows 2023.10 as 2023.1 unless formatted 0.00); write 2023-01 or 2023-10, or set the column's cells to text before typing")} else '' end`
            : "";
      const wholeHint =
        c.type === "integer"
          ? ` || case when regexp_full_match(${v(c)}, ${lit(FRACTION_PATTERN)}) then ${lit(MESSAGES.notWhole)} else '' end`
          : "";
      // A number with a point or a comma where the file's mark is a comma or cannot be told (decimalMark.ts
      // `takesMarkHint`).
      const hint = staged.mark ? markHint(staged.mark) : null;
      const markText =
        hint !== null && isNumberColumn(c)
          ? ` || case when (contains(${h(c)}, ',') or contains(${h(c)}, '.')) and regexp_full_match(${h(c)}, ${lit(NUMBER_CORE)}) then ${lit(hint)} else '' end`
          : "";
      unlessNotAValue(
        c,
        unread(c),
        `${err(c, "type", v(c), `${lit(`expected ${TYPE_DESCRIPTION[c.type]} in ${c.name}${c.unit ? ` (${c.unit})` : ""}, `)} || ${found(c)}${unitHint}${wholeHint}${markText}`)}`,
      );
    } else if (!c.allowed) {
      // Free text (a formula's text kept verbatim): the first character tested before the pattern (most texts start
      // with neither # nor E).
      check(
        `case when ascii(${v(c)}) in (${SPREADSHEET_ERROR_FIRST.join(", ")}) then regexp_full_match(${v(c)}, ${lit(SPREADSHEET_ERROR)}) else false end`,
        notAValue(c),
      );
    }
    if (isIdentifier(contract, c)) {
      // Excel's damage to a long number typed into a General cell: scientific notation, or 15 digits then zeros.
      // Both tests behind a CASE: DuckDB evaluates every operand of AND and OR in a projection, but a CASE's
      // branch only for the rows its condition selects (a scientific number has an e, a cut one 16 characters).
      check(
        `case when contains(${v(c)}, 'e') or contains(${v(c)}, 'E') then regexp_full_match(${v(c)}, ${lit(SCIENTIFIC_ID)}) else false end`,
        err(c, "identifier", v(c), message(MESSAGES.scientificId(c.name), v(c))),
      );
      check(
        `case when contains(${v(c)}, '.') then regexp_full_match(${v(c)}, ${lit(DECIMAL_ID)}) else false end`,
        err(c, "identifier", v(c), message(MESSAGES.decimalId(c.name), v(c))),
      );
      // A 16- or 17-digit value ending in zeros is real when the file's column kept another long value whole
      // (rowMessages.ts `isCutId`): one uncorrelated scalar subquery per column, computed once.
      const source = staged.byColumn.get(c.name);
      const text = source === undefined ? "null::varchar" : cellText(source);
      // The caller may know it already (`cutIdCheck`): the subquery reads the whole file a second time.
      const kept =
        keptAsText[c.name] ??
        (source === undefined
          ? "false"
          : `coalesce((select bool_or(regexp_full_match(${text}, ${lit(LONG_ID)}) and not regexp_full_match(${text}, ${lit(CUT_ID)})) from raw), false)`);
      check(
        `case when strlen(${v(c)}) >= ${LONG_ID_LENGTH} then regexp_full_match(${v(c)}, ${lit(LONG_ID)}) and regexp_full_match(${v(c)}, ${lit(CUT_ID)}) and (length(${v(c)}) >= ${CUT_ID_ALWAYS_LENGTH} or not ${kept}) else false end`,
        err(c, "identifier", v(c), message(MESSAGES.cutId(c.name), v(c))),
      );
    }
    if (c.allowed) {
      const values = c.allowed.map((a) => (typeof a === "number" ? num(a) : lit(a))).join(", ");
      const shown = [...c.allowed.map(String), ...Object.keys(c.value_aliases ?? {})].join(", ");
      const fails = `${t(c)} is not null and not list_contains([${values}], ${t(c)})`;
      const error = `${err(c, "allowed", v(c), `${lit(`expected one of ${shown} in ${c.name}, `)} || ${found(c)}`)}`;
      // A typed column's value that is such a cell failed its type already.
      if (c.type === "varchar") unlessNotAValue(c, fails, error);
      else check(fails, error);
    }
    if (c.min !== undefined)
      check(
        `${t(c)} < ${num(c.min)}`,
        `${err(c, "range", v(c), `${lit(`${c.name} must be at least ${c.min}${c.unit ? ` ${c.unit}` : ""}, `)} || ${found(c)}`)}`,
      );
    if (c.max !== undefined)
      check(
        `${t(c)} > ${num(c.max)}`,
        `${err(c, "range", v(c), `${lit(`${c.name} must be at most ${c.max}${c.unit ? ` ${c.unit}` : ""}, `)} || ${found(c)}`)}`,
      );
    const other = (name: string) => contract.columns.find((x) => x.name === name)!;
    if (c.at_least) {
      const o = other(c.at_least);
      check(
        `${t(c)} < ${t(o)}`,
        `${err(c, "order", v(c), `${lit(`${c.name} (`)} || ${v(c)} || ${lit(`) is before ${o.name} (`)} || ${v(o)} || ')'`)}`,
      );
    }
    if (c.at_most) {
      const o = other(c.at_most);
      check(
        `${t(c)} > ${t(o)}`,
        `${err(c, "order", v(c), `${lit(`${c.name} (`)} || ${v(c)} || ${lit(`) is larger than ${o.name} (`)} || ${v(o)} || ')'`)}`,
      );
    }
    if (c.type === "date" || c.type === "timestamp" || c.type === "month") {
      const limit = c.type === "month" ? `date_trunc('month', ${lit(now)}::timestamp)` : `${lit(now)}::timestamp`;
      check(
        `${t(c)} > ${limit}`,
        `${err(c, "future", v(c), `${lit(`${c.name} is in the future (after ${now.slice(0, 16)}), `)} || ${found(c)}`)}`,
      );
      if (contract.earliest_date)
        check(
          `${t(c)} < ${lit(contract.earliest_date)}::timestamp`,
          err(
            c,
            "too_early",
            v(c),
            `${message(MESSAGES.tooEarly(c.name, contract.earliest_date, contract.feed), v(c))} || case when regexp_matches(${v(c)}, '[0-9]{4}') then '' else ${lit(MESSAGES.twoDigitYear)} end`,
          ),
        );
    }
  }
  check(
    `v__synthetic is not null and ${SYNTHETIC_TYPED} is null`,
    `${err(SYNTHETIC_COLUMN, "type", "v__synthetic", `'expected yes or no in synthetic, found "' || v__synthetic || '"'`)}`,
  );
  return checks;
}

/**
 * The first cell of each kind of decimal-mark evidence (decimalMark.ts) in a file's number columns (integers and
 * numbers, not references), read from `source` (a relation of the staged cells c0 … with `_line`, read once): one
 * row per kind found, with its line, column and text, and the kind's count of cells. Only cells with a point or a
 * comma take the regular expressions.
 */
export function decimalEvidenceSql(contract: Contract, staged: StagedColumns, source: string): string | null {
  const cells = contract.columns.flatMap((c, i) => {
    const cell = staged.byColumn.get(c.name);
    return cell !== undefined && isNumberColumn(c)
      ? [`{'i': ${i}, 'column_name': ${lit(c.name)}, 'value': ${halfWidth(cellText(cell))}}`]
      : [];
  });
  if (cells.length === 0) return null;
  // One cell per kind, the first by line and then by the contract's column order (`_at`).
  return `select kind, arg_min(_line, _at) as line, arg_min(column_name, _at) as column_name, arg_min(value, _at) as value, count(*) as count from (
  select _line, _at, column_name, value, ${evidenceSql("core")} as kind
  from (
    select _line, _line * 1000 + e.i as _at, e.column_name as column_name, e.value as value, regexp_extract(e.value, ${lit(NUMBER_CORE)}, 1) as core
    from (select _line, unnest([${cells.join(", ")}]) as e from ${source})
    where contains(e.value, ',') or contains(e.value, '.')
  )
) where kind is not null group by kind`;
}
