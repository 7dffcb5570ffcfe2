import * as Plot from "npm:@observablehq/plot";
import type {TaskRow} from "../data/tasksData.ts";
import {formatDeadline, tr, type Lang} from "./i18n.js";
import {taskStatusLabel} from "./labels.js";

const TASK_STATUS_COLOR: Record<string, string> = {
  overdue: "#c0392b",
  not_started: "#8c4a9e",
  in_progress: "#2f6db5",
  ongoing: "#6baed6",
  done_late: "#d98a1c",
  done: "#2e8540",
};

/**
 * The tasks by deadline, one block per task stacked over its deadline and coloured by its status (a task's status
 * is its most urgent unit's), open-ended work last. Hovering a block names the task.
 */
export function taskStatusChart(tasks: TaskRow[], {width, lang}: {width: number; lang: Lang}) {
  const byDate = (a: string, b: string) => (a === "ongoing" ? 1 : b === "ongoing" ? -1 : a.localeCompare(b));
  const deadlines = [...new Set(tasks.map((t) => t.deadline))].sort(byDate);
  const statuses = Object.keys(TASK_STATUS_COLOR);
  const [X, S, T] = [tr(lang, "完成时限", "Deadline"), tr(lang, "状态", "Status"), tr(lang, "任务", "Task")];
  const rows = [...tasks]
    .sort((a, b) => statuses.indexOf(a.status ?? "") - statuses.indexOf(b.status ?? "") || a.number - b.number)
    .map((t) => ({
      [X]: formatDeadline(t.deadline, lang),
      [S]: taskStatusLabel(t.status, lang),
      [T]: `${lang === "zh" ? `(${t.number})` : `No. ${t.number}`} ${lang === "zh" ? t.indicator_zh : t.indicator_en}`,
    }));
  return Plot.plot({
    width: Math.max(width, 360),
    height: 300,
    marginTop: 24,
    x: {domain: deadlines.map((d) => formatDeadline(d, lang)), label: null, padding: 0.3},
    y: {label: tr(lang, "任务数", "Tasks"), grid: true},
    color: {
      domain: statuses.map((s) => taskStatusLabel(s, lang)),
      range: statuses.map((s) => TASK_STATUS_COLOR[s]!),
      legend: true,
    },
    marks: [
      Plot.barY(rows, {x: X, y: () => 1, fill: S, stroke: "white", channels: {[T]: T}, tip: {format: {y: false}}}),
      Plot.text(
        rows,
        Plot.groupX({y: "count", text: "count"}, {x: X, dy: -6, lineAnchor: "bottom", fontWeight: "bold"}),
      ),
      Plot.ruleY([0]),
    ],
  });
}
