import {html} from "npm:htl";
import {formatDate, formatDecimal, formatPeriod, formatValue, nameOf, tr, type Lang} from "./i18n.js";
import {targetText} from "./indicatorCard.js";
import {unmeasuredText} from "./unmeasuredText.js";
import type {IndicatorView} from "./indicatorView.js";
import {freshnessLabel, statusLabel, tierLabel, verdictLabel, verdictSourceLabel, provisionalLabel} from "./labels.js";
import {methodNote} from "./methodNote.js";
import {tone, verdictTone} from "./statusColors.js";

/**
 * The four key figures at the top of an indicator page, each verdict with its method one click away: latest value
 * (with its data-as-of date, greyed when stale), the plan target and its status, the forecast for the deadline,
 * and the tier verdict against the tier goal.
 */
export function indicatorKpis(v: IndicatorView, {lang}: {lang: Lang}) {
  const {card} = v.data;
  const target = v.data.targets.find((t) => t.clause === card.target_clause) ?? null;
  const unit = card.metric?.unit ?? "";
  return html`<div class="grid grid-cols-4 kpis">
    <div class=${`card tone-${tone(card.status, card.stale)}`}>
      <h2>
        ${tr(lang, "最新值", "Latest")} ${card.latest_period ? `(${formatPeriod(card.latest_period, lang)})` : ""}
      </h2>
      <span class="big">${formatValue(card.latest_value, unit, lang)}</span>
      <p>${card.metric ? nameOf(card.metric, lang) : tr(lang, "尚无度量", "No metric yet")}</p>
      ${card.unmeasured ? html`<p class="unmeasured">${unmeasuredText(card, lang)}</p>` : ""}
      <p class=${card.stale ? "stale" : ""}>
        ${tr(lang, "数据截至", "Data as of")} ${card.data_as_of ? formatDate(card.data_as_of, lang) : "—"} ·
        ${freshnessLabel(card.freshness, lang)}
      </p>
    </div>
    <div class="card">
      <h2>${tr(lang, "方案目标", "Plan target")}</h2>
      <span class="big">${targetText(card, lang) ?? "—"}</span>
      <p>
        <span class=${`pill tone-${tone(card.status, card.stale)}`}>${statusLabel(card.status, lang)}</span>
        ${methodNote("status", {data: v.data, target, lang})}
      </p>
    </div>
    <div class="card">
      <h2>${tr(lang, "到期预测", "Forecast at deadline")}</h2>
      <span class="big">${card.forecast ? formatDecimal(card.forecast.projected, lang) : "—"}</span>
      <p>
        <span class=${`pill tone-${verdictTone(card.forecast_verdict, card.stale)}`}
          >${verdictLabel(card.forecast_verdict, lang)}</span
        >
        ${methodNote("forecast", {data: v.data, target, lang})}
      </p>
    </div>
    <div class="card">
      <h2>${tr(lang, "档次", "Tier")}</h2>
      <span class="big">${tierLabel(card.tier_verdict, lang)}</span>
      <p class="tier-source" data-source=${card.tier_verdict_source ?? "simulated"}>
        ${verdictSourceLabel(card.tier_verdict_source, lang)}${card.tier_provisional ? ` · ${provisionalLabel(lang)}` : ""}
      </p>
      <p>
        ${tr(lang, "目标", "Goal")}: ${tierLabel(card.tier_goal, lang)}
        (${tr(lang, `${formatDate(card.tier_goal_deadline, lang)}前`, `by ${formatDate(card.tier_goal_deadline, lang)}`)})
        ${methodNote("tier", {data: v.data, target: null, lang})}
      </p>
    </div>
  </div>`;
}
