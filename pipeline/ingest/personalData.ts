/**
 * Personal data offices put around their tables, and how the loader keeps it out of what it stores and exports.
 * Plain data and pure functions (no imports): the browser's file check uses them too.
 */

/**
 * Labels of the sign-off lines offices write below a table (填报人：张三 联系电话：139…), and of the totals rows their
 * exports add (合计, 总计, 小计: sums of the rows above, as Java POI reports write them, never a row of the feed): a
 * row whose first non-empty cell starts with one is a footer line, skipped and counted, never a rejected row that
 * would keep its text or a row loaded twice over.
 */
const FOOTER_LABELS = [
  // The whole label, its characters perhaps spaced apart to line up (合  计, or with an ideographic space), then the
  // cell's end or no letter, digit or Chinese character (a delimiter in a malformed line's raw text): never 总计划…
  // A class, not \s (RE2 and JavaScript differ on it), and no backslash or tab (lit() refuses them in SQL).
  "合[ \u3000]*计[:：]?(?:$|[^0-9A-Za-z\u4e00-\u9fff])",
  "总[ \u3000]*计[:：]?(?:$|[^0-9A-Za-z\u4e00-\u9fff])",
  "小[ \u3000]*计[:：]?(?:$|[^0-9A-Za-z\u4e00-\u9fff])",
  "填报人",
  "填表人",
  "报送人",
  "制表人",
  "审核人",
  "复核人",
  "负责人",
  "经办人",
  "统计人",
  "联系人",
  "联系电话",
  "联系方式",
  "电话",
  "手机",
] as const;

/** The footer test as a regular expression over a row's first non-empty cell (JS and DuckDB's RE2 alike). */
export const FOOTER_PATTERN = `^(${FOOTER_LABELS.join("|")})`;

/**
 * The code points a footer line's first cell can start with (the labels' first characters): the loader runs the
 * footer pattern only on cells starting with one of them, sparing the regular expression every data row.
 */
export const FOOTER_FIRST_CODE_POINTS: readonly number[] = [...new Set(FOOTER_LABELS.map((l) => l.codePointAt(0)!))];

/**
 * Phone and identity numbers in free text, for RE2 (DuckDB) and JS alike: mobile numbers (139 1234 5678, with or
 * without spaces or hyphens), landlines with an area code (0971-1234567), 18-digit resident identity numbers (the
 * last may be X) and the old 15-digit ones, and such a number in scientific notation with 11 or more significant
 * digits, enough to hold a region code and a birth date (6.301021990010112e+17 as `numberText` writes a double,
 * 1.1010119900307e+17 as DuckDB does); Excel's six digits (6.30102E+17) are left.
 */
export const PERSONAL_NUMBER_PATTERN =
  "\\b(?:1[3-9][0-9](?:[- ]?[0-9]{4}){2}|0[0-9]{2,3}-[0-9]{7,8}|[0-9]{17}[0-9Xx]|[0-9]{15}|[0-9][.][0-9]{10,16}[eE][+]?1[4-7])\\b";

/** What a scrubbed number becomes. */
export const SCRUBBED = "[removed]";

/**
 * Text with every phone and identity number replaced by `[removed]`: what a rejected example may show.
 *
 * @example scrubPersonalNumbers("联系电话：13912345678") // "联系电话：[removed]"
 */
export function scrubPersonalNumbers(text: string): string;
export function scrubPersonalNumbers(text: string | null): string | null;
export function scrubPersonalNumbers(text: string | null): string | null {
  return text === null ? null : text.replace(new RegExp(PERSONAL_NUMBER_PATTERN, "g"), SCRUBBED);
}

/** Whether a row (its cells, as text) is a footer line: its first non-empty cell starts with a footer label. */
export function isFooterRow(cells: ReadonlyArray<string | null | undefined>): boolean {
  const first = cells.map((c) => (c ?? "").trim()).find((c) => c !== "");
  return first !== undefined && new RegExp(FOOTER_PATTERN).test(first);
}
