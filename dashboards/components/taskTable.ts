import {html} from "npm:htl";
import {formatDeadline, nameOf, type Lang} from "./i18n.js";
import type {PlanJson, Task} from "./plan.js";

/**
 * The tasks as a wrapping table (Inputs.table cuts long Chinese text): number, indicator, deadline, responsible units
 * and the task itself, the plan's Chinese text on Chinese pages, the English summary on English ones. Rows carry
 * `data-task` (tests count them).
 */
export function taskTable(tasks: Task[], plan: PlanJson, {lang}: {lang: Lang}) {
  const zh = lang === "zh";
  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  const units = new Map(plan.units.map((u) => [u.id, u]));
  const deadline = (t: Task) =>
    formatDeadline(t.deadline, lang) +
    (t.continuing && t.deadline !== "ongoing" ? (zh ? ",并持续推进" : ", then ongoing") : "");
  // Chinese: the plan's own wording, which keeps collective names (各县区政府). English: the resolved units, the first
  // few spelled out and the rest counted, all of them in the tooltip.
  const unitNames = (t: Task) => {
    if (zh) return t.units_text_zh;
    const names = t.units.map((id) => (units.has(id) ? nameOf(units.get(id)!, lang) : id));
    const shown = names.length > 4 ? [...names.slice(0, 3), `and ${names.length - 3} more`] : names;
    return html`<span title=${names.join("; ")}>${shown.join("; ")}</span>`;
  };
  const head = zh
    ? ["编号", "指标", "完成时限", "责任单位", "任务内容"]
    : ["No.", "Indicator", "Deadline", "Responsible units", "Task"];
  return html`<div class="table-scroll">
    <table class="text-table task-table">
      <thead>
        <tr>
          ${head.map((h) => html`<th>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${tasks.map((t) => {
          const indicator = indicators.get(t.indicator);
          return html`<tr data-task=${t.number}>
            <td class="num">${zh ? `(${t.number})` : t.number}</td>
            <td class="nowrap">${indicator ? nameOf(indicator, lang) : t.indicator}</td>
            <td class="nowrap">${deadline(t)}</td>
            <td class="units">${unitNames(t)}</td>
            <td class="task-text">${zh ? t.text_zh : t.summary_en}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
