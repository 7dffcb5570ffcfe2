import * as Plot from "npm:@observablehq/plot";
import {html} from "npm:htl";
import type {IndicatorCard, OverviewData} from "../data/overviewData.ts";
import {formatDate, formatDecimal, formatPeriod, formatValue, nameOf, tr, unitLabel, type Lang} from "./i18n.js";
import {targetText} from "./indicatorCard.js";
import {unmeasuredText} from "./unmeasuredText.js";
import {ruleLabelOffsets} from "./ruleLabels.js";
import {freshnessLabel, statusLabel, tierLabel, tierVerdictLabel, verdictLabel} from "./labels.js";
import {SCREEN_TONE_COLOR as TONE_COLOR, tone, verdictTone} from "./statusColors.js";

/** The meeting-room screen is drawn at 1920 × 1080 and scaled to whatever display shows it. */
const STAGE = {width: 1920, height: 1080};

/**
 * Keeps `stage` (a STAGE-sized element) scaled to fit the window, centred, aspect ratio kept; returns the function
 * that stops following the window.
 */
export function fitStage(stage: HTMLElement): () => void {
  const fit = () => {
    const scale = Math.min(innerWidth / STAGE.width, innerHeight / STAGE.height);
    stage.style.transform = `translate(${(innerWidth - STAGE.width * scale) / 2}px, ${(innerHeight - STAGE.height * scale) / 2}px) scale(${scale})`;
  };
  fit();
  addEventListener("resize", fit);
  return () => removeEventListener("resize", fit);
}

/**
 * Whether an indicator needs the meeting's attention: missed or at risk, a forecast at risk or off track, or data
 * too old to judge. Worst first: missed, then off track, at risk, stale.
 */
export function attentionOrder(cards: IndicatorCard[]): IndicatorCard[] {
  const severity = (c: IndicatorCard) =>
    c.latest_value !== null && c.stale
      ? 3
      : c.status === "missed"
        ? 0
        : c.forecast_verdict === "off_track"
          ? 1
          : c.status === "at_risk" || c.forecast_verdict === "at_risk"
            ? 2
            : 9;
  return cards.filter((c) => severity(c) < 9).sort((a, b) => severity(a) - severity(b) || a.number - b.number);
}

function bigTrend(card: IndicatorCard, lang: Lang) {
  const data = card.trend
    .filter((d) => d.value !== null)
    .map((d) => ({date: new Date(`${d.period}-01T00:00:00Z`), value: d.value as number}));
  const color = TONE_COLOR[tone(card.status, card.stale)];
  const height = 440;
  const margin = {top: 20, bottom: 56};
  // 目标 and 全国最优 are written at the right edge beside their rules: kept a line apart where the rules meet.
  const dy = ruleLabelOffsets(
    card.target_value,
    card.national_best,
    data.map((d) => d.value),
    height - margin.top - margin.bottom,
    26,
  );
  return Plot.plot({
    width: 1020,
    height,
    marginLeft: 70,
    marginRight: 150,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    style: {fontSize: "20px", color: "#e5e7eb", background: "transparent"},
    x: {type: "utc", label: null, ticks: 6},
    y: {label: unitLabel(card.metric?.unit ?? "", lang), grid: true, nice: true, ticks: 6},
    marks: [
      card.target_value === null
        ? null
        : Plot.ruleY([card.target_value], {stroke: "#f87171", strokeWidth: 3, className: "mark-target"}),
      card.target_value === null
        ? null
        : Plot.text([card.target_value], {
            y: (d: number) => d,
            frameAnchor: "right",
            dx: 145,
            dy: dy.a,
            textAnchor: "end",
            fill: "#f87171",
            fontSize: 22,
            text: () => `${tr(lang, "目标", "Target")} ${targetText(card, lang)}`,
          }),
      card.national_best === null
        ? null
        : Plot.ruleY([card.national_best], {stroke: "#a78bfa", strokeDasharray: "8,6", strokeWidth: 2}),
      card.national_best === null
        ? null
        : Plot.text([card.national_best], {
            y: (d: number) => d,
            frameAnchor: "right",
            dx: 145,
            dy: dy.b,
            textAnchor: "end",
            fill: "#a78bfa",
            fontSize: 20,
            text: () => tr(lang, "全国最优", "National best"),
          }),
      Plot.lineY(data, {x: "date", y: "value", stroke: color, strokeWidth: 5, className: "mark-trend"}),
      Plot.dot(data.slice(-1), {x: "date", y: "value", fill: color, r: 9}),
    ],
  });
}

/**
 * The screen's content for one moment: header (with the link to the other language's screen, `twin`), tier goals,
 * the indicator in focus and all 18 as tiles.
 */
export function screenContent(
  overview: OverviewData,
  focus: IndicatorCard | undefined,
  {lang, position, total, twin}: {lang: Lang; position: number; total: number; twin: string},
) {
  const counts = (s: string) => overview.cards.filter((c) => !c.stale && c.status === s).length;
  const t = focus ? tone(focus.status, focus.stale) : "none";
  return html`<div class="screen-grid">
    <header class="screen-top">
      <div class="screen-title">${tr(lang, "西宁市营商环境监测 · 领导大屏", "Xining business environment")}</div>
      <div class="screen-asof">${tr(lang, "数据截至", "Data as of")} ${formatDate(overview.as_of, lang)}</div>
      <nav class="lang-switch screen-lang">
        <a href=${twin + location.search} hreflang=${lang === "zh" ? "en" : "zh-CN"}
          >${lang === "zh" ? "English" : "中文"}</a
        >
      </nav>
      ${overview.synthetic ? html`<div class="screen-synthetic" data-synthetic>${tr(lang, "模拟数据 · 非实测", "SYNTHETIC DATA · not measured")}</div>` : ""}
    </header>
    <section class="screen-tiers">
      ${overview.tiers.map(
        (tier) =>
          html`<div class="screen-tier" data-tier=${tier.id}>
            <div class="screen-tier-name">${nameOf(tier, lang)}</div>
            <div class="screen-tier-count"><b>${tier.on_course}</b> / ${tier.indicators.length}</div>
            <div class="screen-tier-note">
              <span>${tr(lang, "项已达到目标档次", "at goal tier")}</span> ·
              <span>${tr(lang, `官方评价 ${tier.official}`, `official ${tier.official}`)}</span> ·
              <span
                >${tr(lang, `模拟评价 ${tier.assessed - tier.official}`, `simulated ${tier.assessed - tier.official}`)}</span
              >
            </div>
          </div>`,
      )}
      <div class="screen-tier">
        <div class="screen-tier-name">${["met", "at_risk", "missed"].map((s) => statusLabel(s, lang)).join(" · ")}</div>
        <div class="screen-tier-count">
          <b style=${`color:${TONE_COLOR.met}`}>${counts("met")}</b> ·
          <b style=${`color:${TONE_COLOR.at_risk}`}>${counts("at_risk")}</b> ·
          <b style=${`color:${TONE_COLOR.missed}`}>${counts("missed")}</b>
        </div>
        <div class="screen-tier-note">${tr(lang, "灰色为数据滞后或无数据", "grey: stale or not measured")}</div>
      </div>
    </section>
    <section class="screen-focus" style=${`--tone:${TONE_COLOR[t]}`} data-focus=${focus?.indicator_id ?? ""}>
      ${
        focus
          ? html`<div class="screen-focus-head">
                <span class="screen-focus-label"
                  >${tr(lang, "需关注", "Needs attention")} ${position + 1} / ${total}</span
                >
                <h1>${focus.number}. ${nameOf(focus, lang)}</h1>
                <div class="screen-focus-metric">${focus.metric ? nameOf(focus.metric, lang) : ""}</div>
              </div>
              <div class="screen-focus-body">
                <div class="screen-figures">
                  <div>
                    <span>${tr(lang, "最新", "Latest")} ${formatPeriod(focus.latest_period, lang)}</span
                    ><b class="screen-value">${formatValue(focus.latest_value, focus.metric?.unit ?? "", lang)}</b>
                  </div>
                  <div><span>${tr(lang, "方案目标", "Target")}</span><b>${targetText(focus, lang) ?? "—"}</b></div>
                  <div>
                    <span>${tr(lang, "状态", "Status")}</span
                    ><b style=${`color:${TONE_COLOR[t]}`}
                      >${
                        focus.unmeasured
                          ? unmeasuredText(focus, lang, {short: true})
                          : focus.stale
                            ? freshnessLabel(focus.freshness, lang)
                            : statusLabel(focus.status, lang)
                      }</b
                    >
                  </div>
                  <div>
                    <span>${tr(lang, "到期预测", "Forecast")}</span
                    ><b style=${`color:${TONE_COLOR[verdictTone(focus.forecast_verdict, focus.stale)]}`}
                      >${verdictLabel(focus.forecast_verdict, lang)}</b
                    >
                  </div>
                  <div>
                    <span>${tr(lang, "档次", "Tier")}</span
                    ><b
                      >${tierVerdictLabel(focus.tier_verdict, focus.tier_verdict_source, focus.tier_provisional, lang)}</b
                    ><small>${tr(lang, "目标", "goal")} ${tierLabel(focus.tier_goal, lang)}</small>
                  </div>
                  <div>
                    <span>${tr(lang, "数据截至", "Data as of")}</span
                    ><b>${focus.data_as_of ? formatDate(focus.data_as_of, lang) : "—"}</b>
                  </div>
                </div>
                <div class="screen-chart" data-chart="trend">${bigTrend(focus, lang)}</div>
              </div>`
          : html`<h1>${tr(lang, "所有指标均达标,数据及时", "Every indicator is met on fresh data")}</h1>`
      }
    </section>
    <section class="screen-tiles">
      ${overview.cards.map(
        (c) =>
          html`<div
            class=${`screen-tile tone-${tone(c.status, c.stale)}${focus?.indicator_id === c.indicator_id ? " is-focus" : ""}`}
            data-indicator=${c.indicator_id}
            title=${nameOf(c, lang)}
          >
            <span class="screen-tile-name">${c.number}. ${nameOf(c, lang)}</span>
            <span class="screen-tile-value"
              >${c.latest_value === null ? unmeasuredText(c, lang, {short: true}) : formatDecimal(c.latest_value, lang)}</span
            >
          </div>`,
      )}
    </section>
  </div>`;
}
