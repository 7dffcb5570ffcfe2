/**
 * Which mark a delimited text file writes before a number's decimals: a point (`1,234.5`, as every Chinese locale,
 * Java and database exports write) or a comma (`1.234,5`, as Excel and LibreOffice write a CSV under a German,
 * French, Russian … locale, usually with `;` between fields). One cell cannot always tell: `1,500` is 1500 with a
 * point and 1.5 with a comma. Read by the wrong mark, such a cell is a number nobody wrote (1000 times off), stored
 * without a word; so the convention is decided for the whole file from the cells that can only be read one way, and
 * where the file does not tell, the numbers either mark could have written are rejected (row by row, saying why and
 * how to state the mark) rather than guessed. Used by the loader (loadFile.ts, on DuckDB's text)
 * and the browser's file check (rowRules.ts): pure, browser-safe, the same patterns (RE2 and JavaScript alike, no
 * backslash: SQL literals refuse one).
 */

/**
 * A number cell's digits and marks (CORE): the half-width, trimmed text without a sign, ¥ before or 元, % or ‰
 * after. Group 1 of NUMBER_CORE.
 */
export const NUMBER_CORE = "^[+-]?[¥￥]?[ ]?[+-]?([0-9][0-9,. \u00a0\u202f]*[0-9])[ ]?(?:%|‰|元)?$";

/**
 * What groups thousands where a comma marks decimals: a point (de, it, es …), or a space as French, Russian and
 * Polish write it: a no-break space (LibreOffice), a narrow one (Java 13+), or a plain one.
 */
const GROUP = "[. \u00a0\u202f]";

/** A comma between digits that no thousands grouping writes (`12,5`, `0,500`, `1234,567`), or a point grouping. */
const COMMA_DECIMAL = "[0-9]+,[0-9]+";
const COMMA_GROUPED_ONCE = "[1-9][0-9]{0,2},[0-9]{3}";
const POINT_GROUPED_THEN_COMMA = `[1-9][0-9]{0,2}(${GROUP}[0-9]{3})+,[0-9]+`;
const POINT_GROUPED_TWICE = "[1-9][0-9]{0,2}([.][0-9]{3}){2,}";
const POINT_DECIMAL = "[0-9]+[.][0-9]+";
const POINT_GROUPED_ONCE = "[1-9][0-9]{0,2}[.][0-9]{3}";
const COMMA_GROUPED_THEN_POINT = "[1-9][0-9]{0,2}(,[0-9]{3})+[.][0-9]+";
const COMMA_GROUPED_TWICE = "[1-9][0-9]{0,2}(,[0-9]{3}){2,}";

/** How a number cell's core (NUMBER_CORE) can be read. */
export type MarkEvidence = "comma" | "point" | "grouped_comma" | "grouped_point";

/**
 * Each kind of evidence, tried in this order, as the patterns a core may match (`is`, but not `not`): `comma` only a
 * decimal comma can write, `point` only a decimal point can, `grouped_comma` and `grouped_point` one comma or point
 * before three digits (`1,500`, `1.500`: either mark could write them, and read by the other they are 1000 times off).
 */
const EVIDENCE: ReadonlyArray<{kind: MarkEvidence; any: ReadonlyArray<{is: string; not?: string}>}> = [
  {
    kind: "comma",
    any: [{is: COMMA_DECIMAL, not: COMMA_GROUPED_ONCE}, {is: POINT_GROUPED_THEN_COMMA}, {is: POINT_GROUPED_TWICE}],
  },
  {
    kind: "point",
    any: [{is: POINT_DECIMAL, not: POINT_GROUPED_ONCE}, {is: COMMA_GROUPED_THEN_POINT}, {is: COMMA_GROUPED_TWICE}],
  },
  {kind: "grouped_comma", any: [{is: COMMA_GROUPED_ONCE}]},
  {kind: "grouped_point", any: [{is: POINT_GROUPED_ONCE}]},
];

/** EVIDENCE in SQL: the kind of a core (`core` a varchar expression), or NULL. */
export function evidenceSql(core: string): string {
  const m = (pattern: string) => `regexp_full_match(${core}, '${pattern}')`;
  const when = EVIDENCE.map(
    ({kind, any}) =>
      `when ${any.map(({is, not}) => (not === undefined ? m(is) : `(${m(is)} and not ${m(not)})`)).join(" or ")} then '${kind}'`,
  );
  return `case ${when.join(" ")} end`;
}

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const EVIDENCE_RE = EVIDENCE.map(({kind, any}) => ({
  kind,
  any: any.map(({is, not}) => ({is: whole(is), not: not === undefined ? null : whole(not)})),
}));
const CORE_RE = new RegExp(NUMBER_CORE);

/** What a half-width, trimmed number cell says of its file's decimal mark (EVIDENCE, in JavaScript), or null. */
export function markEvidence(text: string): MarkEvidence | null {
  if (!text.includes(",") && !text.includes(".")) return null;
  const core = CORE_RE.exec(text)?.[1];
  if (core === undefined) return null;
  const found = EVIDENCE_RE.find(({any}) => any.some(({is, not}) => is.test(core) && !not?.test(core)));
  return found?.kind ?? null;
}

/**
 * Whether a type rejection of this half-width number text takes the file's mark hint (markHint): it has a point or
 * a comma, with digits around them (checkSql.ts writes the same test in SQL).
 */
export function takesMarkHint(text: string): boolean {
  return (text.includes(",") || text.includes(".")) && CORE_RE.test(text);
}

/** The columns whose cells are read by the mark: numbers and whole numbers, not registry references. */
export function isNumberColumn(c: {type: string; references?: unknown}): boolean {
  return !c.references && (c.type === "integer" || c.type === "double");
}

/** The first cell (in line order) of a kind of evidence: its line, column and text, and how many cells are of the kind. */
export interface MarkExample {
  line: number;
  column: string;
  value: string;
  count: number;
}

/** Where both marks are found, the one with at least this many times the other's cells wins (the others are strays). */
const MARK_MAJORITY = 3;

/** The decimal mark a load states for a file (`--decimal`). */
export type DecimalMark = "point" | "comma";

/**
 * How a file's numbers are read: with a `point` or a `comma`, or, where the file does not tell, `ambiguous`: with a
 * point, and every number either mark could have written (`1,500`, `1.500`: AMBIGUOUS_NUMBER) rejected, its message
 * saying why (`why`) and how to state the mark.
 */
export type MarkReading = {mark: DecimalMark; stated?: true} | {mark: "ambiguous"; why: string};

/** How a file's numbers are read (parseSql.ts and parseText.ts `normalizedNumber`). */
export type NumberMark = MarkReading["mark"];

/** The option that states a file's mark, named in every message of this module. */
const DECIMAL_OPTION = "--decimal";

/**
 * The decimal mark of a delimited text file from the cells of each kind of evidence in its number columns (the first
 * of each and their count). A comma where cells only a decimal comma writes are found and nothing else; a point where
 * none is (the loader's reading before this module: thousands grouped by commas). Where both are found, the side
 * with at least MARK_MAJORITY times the other's cells wins (a stray `12,34` among `1,234.50`s: its row is rejected as
 * before), else the mark cannot be told: the numbers either mark could write are rejected (ambiguous). In a file
 * separated by commas or tabs (the Chinese locales' way), `1,500`-like cells count for the point: read with a
 * comma, they would be 1000 times smaller. A file separated by semicolons (the list separator of the locales with a
 * decimal comma) counts them for neither side, and where it holds `1,500` or `1.500`-like numbers and nothing that
 * tells the mark, the mark cannot be told either. `stated` (the load's `--decimal`) decides alone.
 *
 * @example decimalMark({comma: {line: 3, column: "cost_yuan", value: "12,5", count: 1}}, ",") // {mark: "comma"}
 */
export function decimalMark(
  found: Partial<Record<MarkEvidence, MarkExample>>,
  delimiter: string | null,
  stated?: DecimalMark,
): MarkReading {
  if (stated !== undefined) return {mark: stated, stated: true};
  const at = (e: MarkExample) => `line ${e.line}, ${e.column} "${e.value}"`;
  const cells = (e: MarkExample) => `${e.count} cell${e.count === 1 ? "" : "s"}, the first on ${at(e)}`;
  const semicolon = delimiter === ";";
  const {comma, point} = found;
  const commaSide = comma?.count ?? 0;
  const groupedComma = semicolon ? undefined : found.grouped_comma;
  const pointSide = (point?.count ?? 0) + (groupedComma?.count ?? 0);
  if (commaSide > 0) {
    if (pointSide === 0 || commaSide >= MARK_MAJORITY * pointSide) return {mark: "comma"};
    if (pointSide >= MARK_MAJORITY * commaSide) return {mark: "point"};
    const against = [
      point && `with a decimal point (${cells(point)})`,
      groupedComma && `as 1,500 is written where a comma groups thousands (${cells(groupedComma)})`,
    ]
      .filter(Boolean)
      .join(" and ");
    return {
      mark: "ambiguous",
      why: `the file writes numbers with a decimal comma (${cells(comma!)}) and ${against}`,
    };
  }
  const grouped = found.grouped_comma ?? found.grouped_point;
  if (semicolon && !point && grouped)
    return {
      mark: "ambiguous",
      why: `the file is separated by semicolons, as files from decimal-comma locales usually are, and no number in it tells which mark it writes (for example ${at(grouped)})`,
    };
  return {mark: "point"};
}

/** A number either mark could have written: one group of three digits after a point or a comma (`1,500`, `1.500`). */
export const AMBIGUOUS_NUMBER = "[+-]?[1-9][0-9]{0,2}[,.][0-9]{3}(%|‰)?";
const AMBIGUOUS_RE = whole(AMBIGUOUS_NUMBER);

/** Whether a half-width number text is AMBIGUOUS_NUMBER (after its currency marks are taken off). */
export function ambiguousNumber(x: string): boolean {
  return AMBIGUOUS_RE.test(x);
}

/**
 * What a type rejection of a number with a point or a comma adds under the file's reading: under a comma, that a
 * point only groups thousands; where the mark is ambiguous, why, and how to state it.
 */
export function markHint(reading: MarkReading): string | null {
  switch (reading.mark) {
    case "point":
      return null;
    case "comma":
      return ": this file writes numbers with a decimal comma (1.234,5 is 1234.5), where a point only groups digits in threes";
    case "ambiguous":
      return `: this file's decimal mark cannot be told (${reading.why}), and a number such as 1,500 is 1500 where a comma groups thousands but 1.5 where it marks decimals; load the file again with ${DECIMAL_OPTION} point or ${DECIMAL_OPTION} comma and --replace`;
  }
}

/**
 * A number written with a decimal comma, as it is read: points or spaces grouping thousands by three after a first
 * group of 1–3 digits (`1.234,5`, `1 234,5`, `1.234`; never `0.500`), or none (`1234,5`); an exponent (`1,5E+03`,
 * never after a group: `1.234E+01` is a point's) and a % or ‰ after may follow. The group marks
 * are dropped and the comma becomes a point (parseSql.ts and parseText.ts `normalizedNumber`); any other text with a
 * point or a comma is no number under this mark.
 */
export const COMMA_NUMBER_GROUPED = `[+-]?[1-9][0-9]{0,2}(${GROUP}[0-9]{3})+(,[0-9]+([eE][+-]?[0-9]+)?)?(%|‰)?`;
export const COMMA_NUMBER_PLAIN = "[+-]?[0-9]+(,[0-9]+)?([eE][+-]?[0-9]+)?(%|‰)?";
/** The marks COMMA_NUMBER_GROUPED drops. */
export const COMMA_NUMBER_GROUP_MARKS = GROUP;
const COMMA_GROUPED_RE = whole(COMMA_NUMBER_GROUPED);
const COMMA_PLAIN_RE = whole(COMMA_NUMBER_PLAIN);
const GROUP_RE = new RegExp(GROUP, "g");

/** COMMA_NUMBER_GROUPED and COMMA_NUMBER_PLAIN in JavaScript: the text with a decimal point, or null. */
export function commaNumber(x: string): string | null {
  if (COMMA_GROUPED_RE.test(x)) return x.replace(GROUP_RE, "").replace(",", ".");
  if (COMMA_PLAIN_RE.test(x)) return x.replace(",", ".");
  return x.includes(",") || x.includes(".") ? null : x;
}
