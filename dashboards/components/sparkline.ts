import * as Plot from "npm:@observablehq/plot";

/**
 * A small trend: the last months as a line with the latest point marked, and the target as a dashed rule, no axes.
 * Months are ISO `YYYY-MM` strings, placed on a time scale.
 */
export function sparkline(
  trend: Array<{period: string; value: number | null}>,
  {
    target = null,
    color,
    width = 240,
    height = 56,
  }: {target?: number | null; color: string; width?: number; height?: number},
) {
  const points = trend
    .filter((d) => d.value !== null)
    .map((d) => ({date: new Date(`${d.period}-01T00:00:00Z`), value: d.value as number}));
  const values = [...points.map((p) => p.value), ...(target === null ? [] : [target])];
  return Plot.plot({
    width,
    height,
    margin: 4,
    axis: null,
    x: {type: "utc"},
    y: {domain: values.length ? [Math.min(...values), Math.max(...values)] : undefined, nice: false, inset: 4},
    marks: [
      target === null
        ? null
        : Plot.ruleY([target], {stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "3,3"}),
      Plot.lineY(points, {x: "date", y: "value", stroke: color, strokeWidth: 2}),
      Plot.dot(points.slice(-1), {x: "date", y: "value", fill: color, r: 3}),
    ],
  });
}
