import {html} from "npm:htl";
import {downloadButtons} from "./download.js";
import {formatDate, formatSegment, formatThreshold, nameOf, type Lang} from "./i18n.js";
import type {PlanJson, Target} from "./plan.js";

/**
 * Every quantitative target: clause, indicator, metric, threshold with unit, segment it applies to, deadline, and the
 * plan's words (Chinese) or a summary (English), with Excel and CSV downloads of the rows shown. Rows carry
 * `data-target` (tests count them).
 */
export function targetTable(targets: Target[], plan: PlanJson, {lang}: {lang: Lang}) {
  const zh = lang === "zh";
  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  const metrics = new Map(plan.metrics.map((m) => [m.id, m]));
  const head = zh
    ? ["条款", "指标", "度量", "目标值", "适用范围", "完成时限", "原文"]
    : ["Clause", "Indicator", "Metric", "Target", "Applies to", "Deadline", "Summary"];
  const columns = head.map((label, i) => ({
    label,
    value: (t: Target): unknown =>
      [
        t.clause,
        indicators.get(t.indicator) ? nameOf(indicators.get(t.indicator)!, lang) : t.indicator,
        metrics.get(t.metric) ? nameOf(metrics.get(t.metric)!, lang) : t.metric,
        formatThreshold(t, lang),
        formatSegment(t.segment, lang),
        t.deadline,
        zh ? t.text_zh : t.summary_en,
      ][i],
  }));
  return html`<div>
    ${downloadButtons(targets, columns, {name: zh ? "量化目标" : "targets", lang})}
    <div class="table-scroll" tabindex="0" role="region" aria-label=${zh ? "量化目标" : "Targets"}>
      <table class="text-table target-table">
        <thead>
          <tr>
            ${head.map((h) => html`<th>${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${targets.map((t) => {
            const indicator = indicators.get(t.indicator);
            const metric = metrics.get(t.metric);
            return html`<tr data-target=${t.clause}>
              <td class="num">${t.clause}</td>
              <td class="nowrap">${indicator ? nameOf(indicator, lang) : t.indicator}</td>
              <td title=${t.metric}>${metric ? nameOf(metric, lang) : t.metric}</td>
              <td class="nowrap threshold">${formatThreshold(t, lang)}</td>
              <td class="segment">${formatSegment(t.segment, lang)}</td>
              <td class="nowrap">${formatDate(t.deadline, lang)}</td>
              <td class="task-text">${zh ? t.text_zh : t.summary_en}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </div>`;
}
