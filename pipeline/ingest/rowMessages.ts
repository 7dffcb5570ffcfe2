/**
 * The value rules the loader (checkSql.ts, in SQL) and the browser's file check (rowRules.ts) share word for word:
 * which columns are identifiers, the patterns of what Excel does to them, and the messages that say so. Pure data
 * and functions, browser-safe.
 */

/** What `isIdentifier` needs of a contract column (rowRules.ts RuleColumn; not imported, to keep imports one-way). */
interface IdentifierColumn {
  name: string;
  type: string;
  aliases: string[];
  references?: string;
  identifier?: boolean;
}

/**
 * Whether a column holds identifiers that Excel mangles when it takes them for numbers: as the contract says, else
 * varchar columns (not registry references) that are part of the key, are named *_id, or have an alias ending in
 * 编号 (case number) or 代码 (credit code).
 */
export function isIdentifier(contract: {key: string[]}, column: IdentifierColumn): boolean {
  if (column.identifier !== undefined) return column.identifier;
  if (column.type !== "varchar" || column.references) return false;
  return (
    contract.key.includes(column.name) ||
    column.name.endsWith("_id") ||
    column.aliases.some((a) => a.endsWith("编号") || a.endsWith("代码"))
  );
}

/** Stands for the value in the messages below; checkSql splits on it to put the SQL value in its place. */
export const VALUE = "\u0001";

/**
 * Identifiers a spreadsheet wrote in scientific notation: Excel's CSV of a General cell (6.30102E+17), or the loader's
 * text of a stored number beyond 2^53 (cellFormat.ts `numberText`: 6.301042022030202e+17). SQL regexp_full_match
 * and JS alike.
 */
export const SCIENTIFIC_ID = "[+-]?[0-9]+([.][0-9]+)?[eE][+]?[0-9]+";
/**
 * Identifiers a program exported from a number column as a decimal (`630102.0`, `12345.00`: pandas' float64 columns,
 * Java's `Double.toString`, a database's NUMBER column): four digits or more, then a point and only zeros. Shorter
 * ones (`1.0`, `2.00`) stay identifiers, as dotted codes are. SQL regexp_full_match and JS alike.
 */
export const DECIMAL_ID = "[+-]?[0-9]{4,}[.]0+";
/** 16 digits or more ending in zeros with at most 15 before them: the shape of a number Excel cut to 15 digits. */
export const LONG_ID = "[0-9]{16,}";
/** The fewest characters a LONG_ID has. */
export const LONG_ID_LENGTH = 16;
export const CUT_ID = "[0-9]{1,15}0+";
/**
 * A cut-shaped identifier this long (15 digits, then at least three zeros: 18-digit credit codes, identity and
 * declaration numbers) is rejected whatever the rest of its column holds: a real number ends so once in a thousand.
 * A shorter one (16 or 17 digits) ends in one or two zeros once in ten or a hundred real numbers, so it is rejected
 * only when nothing in its column proves the column was kept as text (see `CUT_ID_ALWAYS` and `keptAsText`):
 * Excel cuts every long number of a column it took for numbers, so one long value whose digits after the 15th are not
 * all zero shows that this file's column holds text.
 */
export const CUT_ID_ALWAYS_LENGTH = 18;

/**
 * Whether a file's identifier column was kept as text: one of its values is longer than 15 digits and does not end
 * in zeros after the 15th (Excel keeps 15 significant digits of every number and writes zeros for the rest).
 */
export function keptAsText(values: Iterable<string | null>): boolean {
  for (const v of values) if (v !== null && LONG_RE.test(v) && !CUT_RE.test(v)) return true;
  return false;
}

/** Whether an identifier is one Excel cut to 15 significant digits, given whether its column was kept as text. */
export function isCutId(value: string, columnKeptAsText: boolean): boolean {
  if (!LONG_RE.test(value) || !CUT_RE.test(value)) return false;
  return value.length >= CUT_ID_ALWAYS_LENGTH || !columnKeptAsText;
}

const LONG_RE = new RegExp(`^(?:${LONG_ID})$`);
const CUT_RE = new RegExp(`^(?:${CUT_ID})$`);

/** How to keep a column as text in the office tool: the end of every mangled-identifier message. */
const KEEP_AS_TEXT = (column: string) =>
  `keep ${column} as text: set the column to 文本/Text before pasting (or type ' before the number), then export again; from a system's export, ask for ${column} written as text`;

/** The rejection messages the loader (checkSql.ts) and the browser check share, `VALUE` standing for the value. */
export const MESSAGES = {
  scientificId: (column: string) =>
    `${column} "${VALUE}" is an identifier a spreadsheet (Excel, WPS, LibreOffice) stored as a number and wrote in scientific notation, losing its digits; ${KEEP_AS_TEXT(column)}`,
  cutId: (column: string) =>
    `${column} "${VALUE}" is an identifier a spreadsheet (Excel, WPS, LibreOffice) stored as a number: it keeps 15 significant digits and made the rest 0; ${KEEP_AS_TEXT(column)}`,
  decimalId: (column: string) =>
    `${column} "${VALUE}" is an identifier a program exported from a number column as a decimal (as pandas' float columns and Java's Double.toString write them); it is not read as the digits before the point, which may have lost zeros in front; export ${column} as text`,
  tooEarly: (column: string, earliest: string, feed: string) =>
    `${column} is before ${earliest}, the earliest date ${feed} accepts, found "${VALUE}"`,
  /** Added when the text has no four-digit year. */
  twoDigitYear:
    ": a two-digit year is not guessed (23/6/5 may be 2023-06-05 or 2005-06-23); write the year in full, e.g. format the column as yyyy-mm-dd",
  /** Added when a whole-number column holds a fraction. */
  notWhole: ": not a whole number, and it is never rounded; correct the value",
  /** A required column holding a program's word for no value (NULL_WORDS). */
  requiredNullWord: (column: string) =>
    `${column} is required but empty: found "${VALUE}", the word a program writes for no value`,
  /** A spreadsheet's error value (SPREADSHEET_ERROR). */
  spreadsheetError: (column: string) =>
    `${column} holds the spreadsheet error "${VALUE}", not a value: a formula in the office's workbook failed (#DIV/0! divides by zero, #N/A is a lookup that found nothing, #REF! points at deleted cells, #VALUE! met text where a number belongs); correct the formula or type the value, then export again`,
  /** The `#####` a too-narrow column shows (TOO_NARROW). */
  tooNarrow: (column: string) =>
    `${column} is "${VALUE}": what a spreadsheet shows where a value does not fit its column (or for a negative date or time), saved instead of the value; widen the column (or save as XLSX) and export again`,
  /** A formula with no computed result (FORMULA_TEXT), in a column that is not free text. */
  formulaText: (column: string) =>
    `${column} holds a formula ("${VALUE}") with no computed value: a program wrote the formula and nothing calculated it; open the workbook in Excel or WPS, save it and send it again, or send the values`,
};

/**
 * The words programs write for no value (Java's `String.valueOf(null)` and C's `(null)`, Python's `None`, pandas'
 * `NaT` and `<NA>`, MySQL's `\N` in `SELECT … INTO OUTFILE` and mysqldump's CSV), compared in lower case: in a
 * column of numbers, dates, yes/no or a registry, where none of them can be a value, such a cell is empty (an
 * optional column loads it as NULL, a required one rejects it as `required`). Free text keeps them as written. `NaN`
 * is no such word: Java writes it for 0.0/0, a failed computation (rejected). R's `NA` is none either: it may be
 * written for "not applicable" by a person.
 */
export const NULL_WORDS: readonly string[] = ["null", "(null)", "none", "nat", "<na>", "\\n"];

/**
 * What a spreadsheet writes where a cell has no value, never data: its error values (Excel and WPS `#DIV/0!`, `#N/A`,
 * `#REF!`…, Google Sheets' `#ERROR!`, LibreOffice's `Err:502`, its codes 501–599) and the `#####` Excel and WPS
 * write to CSV for a value too wide for its column (or a negative date or time). A
 * free-text column would have stored it as the office's data (a case number `#N/A`, a VLOOKUP that found nothing); a
 * typed column named it only as "not a number". SQL regexp_full_match and JS alike (RE2 syntax, no backslash: SQL
 * literals refuse one), over the cell's text after trimming and `="…"`.
 */
export const SPREADSHEET_ERROR =
  "#(?:NULL!|DIV/0!|VALUE!|REF!|NAME[?]|NUM!|N/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!|ERROR!)|Err:5[0-9]{2}|#{3,}";
/** The first characters a SPREADSHEET_ERROR starts with (`#`, `E`), for a cheap test before the pattern. */
export const SPREADSHEET_ERROR_FIRST = [35, 69];
/**
 * A formula's text (`=F3*10`: a workbook a program wrote and no spreadsheet calculated, xlsxToCsv.ts `cellText`; or a
 * CSV a program wrote formulas into). Named so in a column with a type, an allowed list or a registry, which rejects
 * it anyway; free text keeps it verbatim, as the office sent it (exports neutralise it: docs/reliability.md).
 * `.` or not: any character, a line feed too.
 */
export const FORMULA_TEXT = "=(?:.|[^.])+";
/** SPREADSHEET_ERROR, or FORMULA_TEXT: what is shown for no value in a column that is not free text. */
export const SHOWN_NOT_VALUE = `${SPREADSHEET_ERROR}|${FORMULA_TEXT}`;
/** The `#####` of a too-narrow column (three or more: a `#` or `##` may be text). */
export const TOO_NARROW = "#{3,}";

const SPREADSHEET_ERROR_RE = new RegExp(`^(?:${SPREADSHEET_ERROR})$`);
const TOO_NARROW_RE = new RegExp(`^(?:${TOO_NARROW})$`);
const FORMULA_TEXT_RE = new RegExp(`^(?:${FORMULA_TEXT})$`);

/**
 * The rejection message of a cell's text that is shown for no value (SPREADSHEET_ERROR; FORMULA_TEXT too unless the
 * column is free text), or null for any other text (the browser's check; checkSql.ts builds the same in SQL).
 */
export function notAValueMessage(column: string, value: string, freeText: boolean): string | null {
  const text = SPREADSHEET_ERROR_RE.test(value)
    ? TOO_NARROW_RE.test(value)
      ? MESSAGES.tooNarrow(column)
      : MESSAGES.spreadsheetError(column)
    : !freeText && FORMULA_TEXT_RE.test(value)
      ? MESSAGES.formulaText(column)
      : null;
  return text === null ? null : text.replace(VALUE, value);
}

/** A number with a fraction other than zeros (2.5, 1,234.5, full-width ２．５): checkSql's FRACTION_SQL. */
export const FRACTION_PATTERN = "[+-]?[0-9０-９,，]*[.．][0-9０-９]*[1-9１-９][0-9０-９]*";
