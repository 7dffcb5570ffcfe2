import * as Plot from "npm:@observablehq/plot";
import {formatDecimal, unitLabel, type Lang} from "./i18n.js";
import {TONE_COLOR, tone} from "./statusColors.js";

/**
 * Bars ranked best first (rank 1 on top): counties, districts and parks on an indicator page, or segments. Each bar
 * is coloured by its status against the target (grey without one) and labelled with its value; the target, if
 * any, is a vertical rule.
 */
export function rankChart(
  rows: Array<{label: string; value: number | null; rank?: number | null; status?: string | null}>,
  {width, lang, unit, target = null}: {width: number; lang: Lang; unit: string; target?: number | null},
) {
  const data = rows.filter((r) => r.value !== null);
  // Room for the longest label: CJK characters are about twice as wide as Latin ones at 10 px.
  const labelWidth = Math.max(
    ...data.map((r) => [...r.label].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 11 : 6), 0)),
  );
  const order = [...data].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((r) => r.label);
  return Plot.plot({
    width: Math.max(width, 360), // a hidden or collapsed container reports 0: never draw inside-out
    height: 30 + data.length * 26,
    marginLeft: Math.min(260, Math.max(60, labelWidth + 12)),
    marginRight: 60,
    x: {label: unitLabel(unit, lang), grid: true, nice: true},
    y: {domain: order, label: null},
    marks: [
      Plot.barX(data, {y: "label", x: "value", fill: (d) => TONE_COLOR[tone(d.status)], className: "mark-ranking"}),
      Plot.text(data, {y: "label", x: "value", text: (d) => formatDecimal(d.value, lang), dx: 4, textAnchor: "start"}),
      target === null
        ? null
        : Plot.ruleX([target], {stroke: TONE_COLOR.missed, strokeDasharray: "4,3", className: "mark-target"}),
      Plot.ruleX([0]),
    ],
  });
}
