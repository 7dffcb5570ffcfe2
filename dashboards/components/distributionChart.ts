import * as Plot from "npm:@observablehq/plot";
import {formatCount, formatDecimal, tr, unitLabel, type Lang} from "./i18n.js";
import {TONE_COLOR} from "./statusColors.js";

/** One histogram bin of a measured quantity (distributions.csv), with the segment it belongs to. */
export interface DistributionBin {
  segment: string;
  lo: number;
  hi: number;
  n: number;
}

/** A row of the chart: a segment's name and the plan's limit for it (a ceiling or a floor), when there is one. */
export interface DistributionRow {
  segment: string;
  label: string;
  limit: number | null;
}

/**
 * The distribution of a measured quantity (case durations, distributions.csv), one row per segment (e.g. supply
 * class): one bar per bin, cases on the y axis, and each segment's limit from the plan as a vertical rule, so the
 * share of cases beyond it is plain to see. Only measured quantities belong here: a derived percentage (a cut against
 * a baseline) means something for the median, not per case, and is shown as its one figure instead.
 */
export function distributionChart(
  bins: DistributionBin[],
  {width, lang, unit, rows}: {width: number; lang: Lang; unit: string; rows: DistributionRow[]},
) {
  const [X, N] = [unitLabel(unit, lang), tr(lang, "办件数", "Cases")];
  const label = new Map(rows.map((r) => [r.segment, r.label]));
  const faceted = rows.length > 1;
  const limits = rows.filter((r) => r.limit !== null);
  return Plot.plot({
    width: Math.max(width, 360), // a hidden or collapsed container reports 0: never draw inside-out
    height: faceted ? 40 + 110 * rows.length : 240,
    marginRight: faceted ? 90 : undefined,
    x: {label: X, nice: true},
    y: {label: N, grid: true},
    fy: faceted ? {label: null, domain: rows.map((r) => r.label)} : undefined,
    marks: [
      Plot.rectY(bins, {
        x1: "lo",
        x2: "hi",
        y: "n",
        fy: faceted ? (d: DistributionBin) => label.get(d.segment) : undefined,
        fill: "#5b7fa6",
        insetLeft: 0.5,
        insetRight: 0.5,
        className: "mark-distribution",
        channels: {
          [X]: (d: DistributionBin) => `${formatDecimal(d.lo, lang)}–${formatDecimal(d.hi, lang)}`,
          [N]: (d: DistributionBin) => formatCount(d.n, lang),
        },
        tip: {format: {x1: false, x2: false, y: false, fy: false}},
      }),
      Plot.ruleX(limits, {
        x: "limit",
        fy: faceted ? "label" : undefined,
        stroke: TONE_COLOR.missed,
        strokeWidth: 1.5,
        className: "mark-target",
      }),
      Plot.text(limits, {
        x: "limit",
        fy: faceted ? "label" : undefined,
        frameAnchor: "top",
        dx: 4,
        textAnchor: "start",
        fill: TONE_COLOR.missed,
        text: (r: DistributionRow) =>
          tr(lang, `限值 ${formatDecimal(r.limit!, lang)}`, `limit ${formatDecimal(r.limit!, lang)}`),
      }),
      Plot.ruleY([0]),
    ],
  });
}
