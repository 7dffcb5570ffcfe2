/**
 * Spreadsheet-formula neutralisation for CSV meant for Excel (CSV injection, OWASP): a text cell that starts with
 * `=`, `+`, `-` or `@` (or a tab or carriage return, which Excel strips before reading one of those) gets a leading
 * apostrophe, so Excel shows it as text instead of evaluating it. Numbers are never touched: a JS number is
 * returned unchanged, and so is text that is a plain decimal number ("-3.5", "+2"), which Excel reads as a number,
 * not a formula.
 *
 * @example neutralizeFormula("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 * @example neutralizeFormula("-2+3")                      // "'-2+3"
 * @example neutralizeFormula("-3.5")                      // "-3.5"
 * @example neutralizeFormula(-3.5)                        // -3.5
 */
export function neutralizeFormula<T>(value: T): T | string {
  if (typeof value !== "string") return value;
  if (!/^[=+\-@\t\r]/.test(value)) return value;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return value;
  return `'${value}`;
}
