/**
 * Where the labels of two horizontal rules go (the target's and the national best's, written at the chart's right
 * edge): on their rules, unless the rules lie so close on the y scale that the labels would be written over each
 * other (both 100 % on a share, a target equal to the frontier); then the higher rule's label moves up and the
 * other's down, half a line each, so both stay readable beside their rules.
 *
 * @param a, b the two rules' values (null: no such rule)
 * @param domain the y values the chart spans (its data and both rules)
 * @param plotHeight the height of the plotting area in pixels, `lineHeight` a label's height in pixels
 * @returns the vertical offsets (dy, pixels, down positive) of a's and b's labels
 * @example ruleLabelOffsets(100, 100, [40, 100], 360, 24) // {a: -12, b: 12}
 */
export function ruleLabelOffsets(
  a: number | null,
  b: number | null,
  domain: number[],
  plotHeight: number,
  lineHeight: number,
): {a: number; b: number} {
  if (a === null || b === null) return {a: 0, b: 0};
  const values = [...domain, a, b].filter((v) => Number.isFinite(v));
  const span = Math.max(...values) - Math.min(...values);
  // Pixels between the two rules, on a scale spanning the values (a flat chart: the rules coincide).
  const apart = span > 0 ? (Math.abs(a - b) / span) * plotHeight : 0;
  if (apart >= lineHeight) return {a: 0, b: 0};
  const shift = (lineHeight - apart) / 2;
  // SVG y grows downwards: the higher value's label goes up (negative dy). Equal values: a above b.
  return a >= b ? {a: -shift, b: shift} : {a: shift, b: -shift};
}
