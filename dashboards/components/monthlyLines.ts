import * as Plot from "npm:@observablehq/plot";
import {formatDecimal, formatPeriod, type Lang} from "./i18n.js";

/**
 * Monthly series as lines (one per `series`, with a legend), months on a time scale, dots for months with data:
 * satisfaction indices and hotline rates. `y` is the axis label; values are 0–100 scores or percentages.
 */
export function monthlyLines(
  rows: Array<{month: string; series: string; value: number | null}>,
  {
    width,
    lang,
    y,
    colors,
    height = 260,
  }: {width: number; lang: Lang; y: string; colors?: Record<string, string>; height?: number},
) {
  const data = rows.filter((r) => r.value !== null).map((r) => ({...r, date: new Date(`${r.month}-01T00:00:00Z`)}));
  const series = [...new Set(data.map((d) => d.series))];
  return Plot.plot({
    width: Math.max(width, 360), // a hidden or collapsed container reports 0: never draw inside-out
    height,
    x: {type: "utc", label: null},
    y: {label: y, grid: true, nice: true, zero: false},
    color: {domain: series, range: colors ? series.map((s) => colors[s] ?? "#888") : undefined, legend: true},
    marks: [
      Plot.lineY(data, {x: "date", y: "value", stroke: "series", strokeWidth: 2, className: "mark-line"}),
      Plot.dot(data, {
        x: "date",
        y: "value",
        fill: "series",
        r: 2.5,
        channels: {month: (d) => formatPeriod(d.month, lang), value: (d) => formatDecimal(d.value, lang)},
        tip: {format: {x: false, y: false, fill: true}},
      }),
    ],
  });
}
