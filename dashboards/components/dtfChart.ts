import * as Plot from "npm:@observablehq/plot";
import {formatDecimal, tr, type Lang} from "./i18n.js";

/**
 * Distance to frontier by year (0 = the fixed DB2020 worst bound, 100 = its best bound): the city's
 * score and its percentile among peer cities, both on a 0–100 scale.
 */
export function dtfChart(
  rows: Array<{year: number; dtf_score: number | null; percentile: number | null}>,
  {width, lang}: {width: number; lang: Lang},
) {
  const [DTF, PCT] = [tr(lang, "前沿距离分", "DTF score"), tr(lang, "对标城市百分位", "Peer percentile")];
  const long = rows
    .flatMap((r) => [
      {year: String(r.year), series: DTF, value: r.dtf_score},
      {year: String(r.year), series: PCT, value: r.percentile},
    ])
    .filter((d) => d.value !== null);
  return Plot.plot({
    width: Math.max(width, 360), // a hidden or collapsed container reports 0: never draw inside-out
    height: 220,
    x: {label: null, type: "point", padding: 0.3},
    y: {domain: [0, 100], grid: true, label: tr(lang, "分(0–100)", "Score (0–100)")},
    color: {domain: [DTF, PCT], range: ["#2f6db5", "#b8860b"], legend: true},
    marks: [
      Plot.line(long, {x: "year", y: "value", stroke: "series", strokeWidth: 2, className: "mark-dtf"}),
      Plot.dot(long, {x: "year", y: "value", fill: "series", r: 4}),
      Plot.text(long, {x: "year", y: "value", text: (d) => formatDecimal(d.value, lang, 1), dy: -10, fill: "series"}),
    ],
  });
}
