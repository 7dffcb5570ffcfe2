/**
 * When an unmatched header is taken for a misspelt column name (rowRules.ts matchHeaders), so that the file is
 * refused with a suggestion instead of loading that column empty. Pure.
 */

/** Edit distance (insertions, deletions, substitutions) between two strings, by Unicode code point. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({length: y.length + 1}, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * Whether an unmatched (normalised) header looks like a column's alias, so that loading without it would most
 * likely leave that column empty by mistake. The rule: both at least 3 characters, and either one contains the
 * other (实际办结日期 / 办结日期) or they differ by at most one edit per four characters of the longer
 * (办理时限 / 办理时长; complete_at / completed_at). Two-character headers (费用 / 费率) are too short to judge.
 */
export function looksLike(header: string, alias: string): boolean {
  const [a, b] = [[...header].length, [...alias].length];
  if (Math.min(a, b) < 3 || header === alias) return false;
  if (header.includes(alias) || alias.includes(header)) return true;
  const allowed = Math.floor(Math.max(a, b) / 4);
  // The lengths alone rule most pairs out, before the quadratic distance.
  return Math.abs(a - b) <= allowed && editDistance(header, alias) <= allowed;
}
