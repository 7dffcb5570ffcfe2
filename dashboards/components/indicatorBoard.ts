import {html} from "npm:htl";
import {downloadButtons} from "./download.js";
import {actionHeading, formatDate, formatNumber, nameOf, type Lang} from "./i18n.js";
import type {ActionGroup} from "./summarizeIndicators.js";

/**
 * The indicators grouped by action, one card per action: number, name, tier goal and deadline, and how many tasks and
 * quantitative targets the plan sets for each, with Excel and CSV downloads of all of them. Rows carry
 * `data-indicator` (tests count them).
 */
export function indicatorBoard(groups: ActionGroup[], {lang}: {lang: Lang}) {
  const zh = lang === "zh";
  const head = zh
    ? ["序号", "指标", "目标档次", "期限", "任务", "量化目标"]
    : ["No.", "Indicator", "Tier goal", "Deadline", "Tasks", "Targets"];
  const rows = groups.flatMap((g) => g.indicators.map((ind) => ({...ind, heading: actionHeading(g.action, lang)})));
  const downloads = downloadButtons(
    rows,
    [
      {label: head[0]!, value: (r) => r.number},
      {label: head[1]!, value: (r) => nameOf(r, lang)},
      {label: zh ? "专项行动" : "Action", value: (r) => r.heading},
      {label: head[2]!, value: (r) => nameOf(r.tier, lang)},
      {label: head[3]!, value: (r) => r.deadline},
      {label: head[4]!, value: (r) => r.taskCount},
      {label: head[5]!, value: (r) => r.targetCount},
    ],
    {name: zh ? "方案指标" : "plan-indicators", lang},
  );
  return html`<div>
    ${downloads}
    <div class="grid grid-cols-2 indicator-board">
      ${groups.map(
        ({action, indicators}) =>
          html`<section class="card action-card" data-action=${action.id}>
            <h2>${actionHeading(action, lang)}</h2>
            <table class="indicator-table">
              <thead>
                <tr>
                  ${head.map((h, i) => html`<th class=${i >= 4 ? "num" : ""}>${h}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${indicators.map(
                  (ind) =>
                    html`<tr data-indicator=${ind.id}>
                      <td class="num">${ind.number}</td>
                      <td>${nameOf(ind, lang)}</td>
                      <td><span class=${`tier-badge tier-${ind.tier.id}`}>${nameOf(ind.tier, lang)}</span></td>
                      <td>${formatDate(ind.deadline, lang)}</td>
                      <td class="num">${formatNumber(ind.taskCount, lang)}</td>
                      <td class="num">${formatNumber(ind.targetCount, lang)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`,
      )}
    </div>
  </div>`;
}
