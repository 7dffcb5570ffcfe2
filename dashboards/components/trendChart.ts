import * as Plot from "npm:@observablehq/plot";
import type {ForecastPoint} from "../data/indicatorData.ts";
import {formatDecimal, formatPeriod, tr, unitLabel, type Lang} from "./i18n.js";
import {referenceLabel} from "./labels.js";
import {TONE_COLOR, tone} from "./statusColors.js";
import {COMPARATOR_SIGNS, type ComparatorCode} from "./statusLabels.js";

/** A month of a metric (median of its cases, or the rate) with the target's status that month, if judged. */
export interface TrendPoint {
  period: string;
  value: number | null;
  status?: string | null;
}

export interface TrendOptions {
  width: number;
  lang: Lang;
  unit: string;
  height?: number;
  /** The plan's target for this metric and segment. */
  target?: {value: number; comparator: ComparatorCode} | null;
  /** National references (latest year): best and advanced. */
  references?: Array<{reference: string; value: number}>;
  /** The latest forecast: from its month to the deadline, projected value with an interval. */
  forecast?: Pick<ForecastPoint, "as_of_month" | "deadline" | "projected" | "lower" | "upper"> | null;
}

/** A month (2022-03) as its first day; a year (2022) as its first day too, so yearly points sit on the year's tick. */
const monthDate = (period: string) =>
  new Date(period.length === 4 ? `${period}-01-01T00:00:00Z` : `${period.slice(0, 7)}-01T00:00:00Z`);

/**
 * The trend by month: the measured line with each month's dot coloured by its attainment status, the plan target
 * as a solid rule, the national best and advanced references as dashed rules, and the forecast band from the last
 * forecast month to the target's deadline. Marks carry classes (mark-trend, mark-target, mark-reference, mark-forecast) that tests
 * and screen readers find.
 */
export function trendChart(points: TrendPoint[], o: TrendOptions) {
  const data = points.filter((p) => p.value !== null).map((p) => ({...p, date: monthDate(p.period)}));
  const f = o.forecast && o.forecast.projected !== null ? o.forecast : null;
  const start = f ? (data.find((d) => d.period === f.as_of_month.slice(0, 7)) ?? data.at(-1)) : undefined;
  const band =
    f && start
      ? [
          {date: start.date, lower: start.value, upper: start.value, projected: start.value},
          {
            date: new Date(`${f.deadline}T00:00:00Z`),
            lower: f.lower ?? f.projected,
            upper: f.upper ?? f.projected,
            projected: f.projected,
          },
        ]
      : [];
  const refs = o.references ?? [];
  // The best line purple, the advanced line blue, whatever the exports call them (dashboards/data/referenceLines.ts).
  const REF_COLOR = (reference: string) => (/advanced|excellent/.test(reference) ? "#3182bd" : "#6a51a3");
  const label = (v: number) => `${formatDecimal(v, o.lang)}`;
  const yearly = data.some((d) => d.period.length === 4);
  const [X, Y] = [yearly ? tr(o.lang, "年份", "Year") : tr(o.lang, "月份", "Month"), unitLabel(o.unit, o.lang)];
  return Plot.plot({
    width: Math.max(o.width, 360), // a hidden or collapsed container reports 0: never draw inside-out
    height: o.height ?? 320,
    marginRight: 110,
    x: {type: "utc", label: null},
    y: {label: Y, grid: true, nice: true, zero: o.unit.startsWith("percent") ? false : true},
    marks: [
      band.length
        ? Plot.areaY(band, {
            x: "date",
            y1: "lower",
            y2: "upper",
            fill: "#9aa0a6",
            fillOpacity: 0.25,
            className: "mark-forecast",
          })
        : null,
      band.length ? Plot.lineY(band, {x: "date", y: "projected", stroke: "#6b7280", strokeDasharray: "4,3"}) : null,
      o.target
        ? Plot.ruleY([o.target.value], {stroke: TONE_COLOR.missed, strokeWidth: 1.5, className: "mark-target"})
        : null,
      o.target
        ? Plot.text([o.target.value], {
            y: (d: number) => d,
            frameAnchor: "right",
            dx: 105,
            textAnchor: "end",
            fill: TONE_COLOR.missed,
            text: (d: number) =>
              `${tr(o.lang, "目标", "Target")} ${COMPARATOR_SIGNS[o.target!.comparator]} ${label(d)}`,
          })
        : null,
      Plot.ruleY(refs, {
        y: "value",
        stroke: (d) => REF_COLOR(d.reference),
        strokeDasharray: "6,4",
        className: "mark-reference",
      }),
      Plot.text(refs, {
        y: "value",
        frameAnchor: "right",
        dx: 105,
        textAnchor: "end",
        dy: -8,
        fill: (d) => REF_COLOR(d.reference),
        text: (d) => `${referenceLabel(d.reference, o.lang)} ${label(d.value)}`,
      }),
      Plot.lineY(data, {x: "date", y: "value", stroke: "#374151", strokeWidth: 2, className: "mark-trend"}),
      Plot.dot(data, {
        x: "date",
        y: "value",
        r: 3.5,
        fill: (d) => TONE_COLOR[tone(d.status)],
        stroke: "white",
        channels: {[X]: (d) => formatPeriod(d.period, o.lang), [Y]: (d) => formatDecimal(d.value, o.lang)},
        tip: {format: {x: false, y: false, fill: false}},
      }),
    ],
  });
}
