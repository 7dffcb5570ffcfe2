import * as Plot from "npm:@observablehq/plot";
import {actionHeading, formatDeadline, nameOf, type Lang} from "./i18n.js";
import type {PlanJson} from "./plan.js";

/**
 * The plan's tasks as a timeline: one block per task, stacked over its deadline and coloured by action, with the
 * count on top of each column. Deadlines run left to right in date order; open-ended work ("ongoing", 持续推进) comes
 * last. Hovering a block names the task.
 */
export function deadlineChart(
  plan: PlanJson,
  {width, lang, height = 340}: {width: number; lang: Lang; height?: number},
) {
  const actions = [...plan.actions].sort((a, b) => a.number - b.number);
  const heading = new Map(actions.map((a) => [a.id, actionHeading(a, lang)]));
  const actionRank = new Map(actions.map((a) => [a.id, a.number]));
  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  // ISO dates sort chronologically as strings; "ongoing" goes after every date.
  const byDate = (a: string, b: string) => (a === "ongoing" ? 1 : b === "ongoing" ? -1 : a.localeCompare(b));
  const deadlines = [...new Set(plan.tasks.map((t) => t.deadline))].sort(byDate);
  // Stacking follows input order: within a column, blocks of the same action sit together, in task order.
  // Field names double as tooltip labels, so they are in the page's language.
  const [X, FILL, TASK, INDICATOR] =
    lang === "zh" ? ["完成时限", "专项行动", "任务", "指标"] : ["Deadline", "Action", "Task", "Indicator"];
  const rows = [...plan.tasks]
    .sort(
      (a, b) => (actionRank.get(a.action ?? "") ?? 0) - (actionRank.get(b.action ?? "") ?? 0) || a.number - b.number,
    )
    .map((t) => {
      const indicator = indicators.get(t.indicator);
      return {
        [X]: formatDeadline(t.deadline, lang),
        [FILL]: (t.action && heading.get(t.action)) ?? "",
        [TASK]: lang === "zh" ? `(${t.number})` : `No. ${t.number}`,
        [INDICATOR]: indicator ? nameOf(indicator, lang) : t.indicator,
      };
    });
  return Plot.plot({
    width,
    height,
    marginTop: 28,
    x: {domain: deadlines.map((d) => formatDeadline(d, lang)), label: null, padding: 0.35},
    y: {label: lang === "zh" ? "任务数" : "Tasks", grid: true},
    color: {domain: actions.map((a) => heading.get(a.id) ?? a.id), legend: true},
    marks: [
      Plot.barY(rows, {
        x: X,
        y: () => 1,
        fill: FILL,
        stroke: "var(--theme-background)",
        strokeWidth: 1,
        channels: {[TASK]: TASK, [INDICATOR]: INDICATOR},
        tip: {format: {y: false, x: true, fill: true}, lineHeight: 1.3},
      }),
      Plot.text(
        rows,
        Plot.groupX({y: "count", text: "count"}, {x: X, dy: -6, lineAnchor: "bottom", fontWeight: "bold"}),
      ),
      Plot.ruleY([0]),
    ],
  });
}
