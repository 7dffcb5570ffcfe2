import {html} from "npm:htl";
import type {IndicatorCard} from "../data/overviewData.ts";
import {formatDate, formatDecimal, formatPeriod, formatValue, nameOf, tr, type Lang} from "./i18n.js";
import {freshnessLabel, statusLabel, tierLabel, tierVerdictLabel, verdictLabel} from "./labels.js";
import {sparkline} from "./sparkline.js";
import {COMPARATOR_SIGNS, type ComparatorCode} from "./statusLabels.js";
import {unmeasuredText} from "./unmeasuredText.js";
import {TONE_COLOR, tone, verdictTone} from "./statusColors.js";

export type {IndicatorCard};

/** "≤ 1" / "≥ 95" / "> 0": a target as the plan states it, or null without one. */
export function targetText(card: {comparator: string | null; target_value: number | null}, lang: Lang): string | null {
  if (card.target_value === null || card.comparator === null) return null;
  return `${COMPARATOR_SIGNS[card.comparator as ComparatorCode] ?? card.comparator} ${formatDecimal(card.target_value, lang)}`;
}

/**
 * One indicator on the overview: latest value against the plan target and the national references, its status
 * colour (grey when the feed is stale or nothing is measured), a small trend, the tier goal and current verdict, the
 * forecast for the deadline and the data-as-of date. The whole card links to the indicator's page.
 */
export function indicatorCard(card: IndicatorCard, {lang, href}: {lang: Lang; href: string}) {
  const t = tone(card.status, card.stale);
  const unit = card.metric?.unit ?? "";
  const target = targetText(card, lang);
  const measured = card.latest_value !== null;
  const tierOk = card.on_course === true;
  // Term and detail pairs; each is its own element (htl would wrap a two-element fragment in a span, breaking the grid).
  const facts: Array<[string, unknown]> = [];
  if (card.national_best !== null || card.national_advanced !== null)
    facts.push([
      tr(lang, "全国参照", "National"),
      `${tr(lang, "最优", "best")} ${formatDecimal(card.national_best, lang)} · ${tr(lang, "先进", "advanced")} ${formatDecimal(card.national_advanced, lang)}`,
    ]);
  facts.push([
    tr(lang, "档次", "Tier"),
    html`${tr(lang, "目标", "goal")} ${tierLabel(card.tier_goal, lang)}(${formatDate(card.tier_goal_deadline, lang)}) ·
      ${tr(lang, "现为", "now")}
      <b class=${tierOk ? "ok" : ""}
        >${tierVerdictLabel(card.tier_verdict, card.tier_verdict_source, card.tier_provisional, lang)}</b
      >`,
  ]);
  if (card.forecast)
    facts.push([
      tr(lang, "到期预测", "Forecast"),
      html`<span class=${`verdict tone-${verdictTone(card.forecast_verdict, card.stale)}`}
          >${verdictLabel(card.forecast_verdict, lang)}</span
        >
        (${formatDecimal(card.forecast.projected, lang)}, ${formatDate(card.forecast.deadline, lang)})`,
    ]);
  facts.push([
    tr(lang, "数据截至", "Data as of"),
    html`<span class=${card.stale ? "stale" : ""}
      >${card.data_as_of ? formatDate(card.data_as_of, lang) : "—"}${
        measured && card.latest_period
          ? ` · ${tr(lang, "最新", "latest")} ${formatPeriod(card.latest_period, lang)}`
          : ""
      }</span
    >`,
  ]);
  return html`<a
    class=${`card indicator-card tone-${t}`}
    data-indicator=${card.indicator_id}
    data-tone=${t}
    href=${href}
  >
    <div class="ic-head">
      <span class="ic-number">${card.number}</span>
      <h3>${nameOf(card, lang)}</h3>
      <span class=${`pill tone-${t}`}
        >${card.stale && measured ? freshnessLabel(card.freshness, lang) : statusLabel(card.status, lang)}</span
      >
    </div>
    <div class="ic-metric">
      ${card.metric ? nameOf(card.metric, lang) : tr(lang, "尚无度量数据", "Not measured yet")}
    </div>
    ${
      measured
        ? html`<div class="ic-value">
            <span class="ic-big">${formatValue(card.latest_value, unit, lang)}</span>
            ${target ? html`<span class="ic-target">${tr(lang, "目标", "target")} ${target}</span>` : ""}
          </div>`
        : html`<div class="ic-empty" data-unmeasured=${card.unmeasured ?? ""}>${unmeasuredText(card, lang)}</div>`
    }
    ${
      measured
        ? html`<div class="ic-spark">${sparkline(card.trend, {target: card.target_value, color: TONE_COLOR[t]})}</div>`
        : ""
    }
    <dl class="ic-facts">${facts.flatMap(([term, detail]) => [html`<dt>${term}</dt>`, html`<dd>${detail}</dd>`])}</dl>
  </a>`;
}
