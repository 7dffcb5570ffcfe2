import * as Plot from "npm:@observablehq/plot";
import type {ForecastPoint} from "../data/indicatorData.ts";
import {formatDecimal, formatPeriod, tr, unitLabel, type Lang} from "./i18n.js";
import {TONE_COLOR, verdictTone} from "./statusColors.js";

/** The forecasts.csv columns the chart draws (the page's ForecastPoint). */
export type ForecastRow = Pick<
  ForecastPoint,
  "as_of_month" | "projected" | "lower" | "upper" | "verdict" | "actual_at_deadline"
>;

/**
 * How the forecast for the deadline stood at the end of each month of data: the projected value with its interval,
 * each month's verdict as the dot's colour, the target as a rule and, once the deadline has passed, what happened.
 * A reader sees when the target began to slip and how good past forecasts were.
 */
export function forecastHistoryChart(
  rows: ForecastRow[],
  {width, lang, unit, target}: {width: number; lang: Lang; unit: string; target: number | null},
) {
  const data = rows
    .filter((r) => r.projected !== null)
    .map((r) => ({...r, date: new Date(`${r.as_of_month}-01T00:00:00Z`)}));
  const actual = rows.find((r) => r.actual_at_deadline !== null)?.actual_at_deadline ?? null;
  const [X, Y] = [tr(lang, "预测月份", "Forecast made"), tr(lang, "预测到期值", "Projected at deadline")];
  return Plot.plot({
    width: Math.max(width, 360), // a hidden or collapsed container reports 0: never draw inside-out
    height: 240,
    marginRight: 90,
    x: {type: "utc", label: null},
    y: {label: unitLabel(unit, lang), grid: true, nice: true, zero: false},
    marks: [
      Plot.areaY(data, {x: "date", y1: "lower", y2: "upper", fill: "#9aa0a6", fillOpacity: 0.25}),
      Plot.lineY(data, {x: "date", y: "projected", stroke: "#6b7280"}),
      target === null ? null : Plot.ruleY([target], {stroke: TONE_COLOR.missed, className: "mark-target"}),
      target === null
        ? null
        : Plot.text([target], {
            y: (d: number) => d,
            frameAnchor: "right",
            dx: 85,
            textAnchor: "end",
            fill: TONE_COLOR.missed,
            text: () => tr(lang, "目标", "Target"),
          }),
      actual === null ? null : Plot.ruleY([actual], {stroke: "#111827", strokeDasharray: "2,2"}),
      actual === null
        ? null
        : Plot.text([actual], {
            y: (d: number) => d,
            frameAnchor: "right",
            dx: 85,
            textAnchor: "end",
            dy: 10,
            text: () => tr(lang, "到期实际", "Actual"),
          }),
      Plot.dot(data, {
        x: "date",
        y: "projected",
        r: 3.5,
        fill: (d) => TONE_COLOR[verdictTone(d.verdict)],
        channels: {[X]: (d) => formatPeriod(d.as_of_month, lang), [Y]: (d) => formatDecimal(d.projected, lang)},
        tip: {format: {x: false, y: false, fill: false}},
      }),
    ],
  });
}
