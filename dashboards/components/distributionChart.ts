import * as Plot from "npm:@observablehq/plot";
import {formatCount, formatDecimal, tr, unitLabel, type Lang} from "./i18n.js";
import {TONE_COLOR} from "./statusColors.js";

/**
 * The distribution of case durations (distributions.csv): one bar per bin, cases on the y axis, and the target
 * as a vertical rule, so the share of cases beyond it is plain to see.
 */
export function distributionChart(
  bins: Array<{lo: number; hi: number; n: number}>,
  {width, lang, unit, target = null}: {width: number; lang: Lang; unit: string; target?: number | null},
) {
  const [X, N] = [unitLabel(unit, lang), tr(lang, "办件数", "Cases")];
  return Plot.plot({
    width: Math.max(width, 360), // a hidden or collapsed container reports 0: never draw inside-out
    height: 240,
    x: {label: X, nice: true},
    y: {label: N, grid: true},
    marks: [
      Plot.rectY(bins, {
        x1: "lo",
        x2: "hi",
        y: "n",
        fill: "#5b7fa6",
        insetLeft: 0.5,
        insetRight: 0.5,
        className: "mark-distribution",
        channels: {
          [X]: (d) => `${formatDecimal(d.lo, lang)}–${formatDecimal(d.hi, lang)}`,
          [N]: (d) => formatCount(d.n, lang),
        },
        tip: {format: {x1: false, x2: false, y: false}},
      }),
      target === null
        ? null
        : Plot.ruleX([target], {stroke: TONE_COLOR.missed, strokeWidth: 1.5, className: "mark-target"}),
      Plot.ruleY([0]),
    ],
  });
}
