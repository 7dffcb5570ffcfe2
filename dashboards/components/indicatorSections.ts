import {html} from "npm:htl";
import type {ForecastPoint, IndicatorMetric, IndicatorTarget} from "../data/indicatorData.ts";
import {dataTable} from "./dataTable.js";
import {distributionChart} from "./distributionChart.js";
import {dtfChart} from "./dtfChart.js";
import {forecastHistoryChart} from "./forecastHistoryChart.js";
import {formatDate, formatDecimal, nameOf, tr, unitLabel, type Lang} from "./i18n.js";
import {referencesFor, segmentValues, targetFor, type IndicatorView} from "./indicatorView.js";
import {
  referenceLabel,
  segmentLabel,
  statusLabel,
  taskStatusLabel,
  tierLabel,
  verdictSourceLabel,
  provisionalLabel,
} from "./labels.js";
import {methodNote} from "./methodNote.js";
import {rankChart} from "./rankChart.js";
import {trendChart, type TrendPoint} from "./trendChart.js";
import {unmeasuredText} from "./unmeasuredText.js";

/** What the reader chose on an indicator page (all in its URL), and what follows from it. */
export interface IndicatorChoice {
  metric: IndicatorMetric;
  segment: string;
  area: string;
  year: number | null;
  target: IndicatorTarget | null;
  forecasts: ForecastPoint[];
  points: TrendPoint[];
}

/** Framework's `resize` (charts follow their card's width), passed in by the page. */
type Resize = (render: (width: number) => Element) => Node;

interface Options {
  lang: Lang;
  resize: Resize;
}

/** The monthly trend with target, national references and forecast band; or, unmeasured, a plain notice. */
export function trendSection(v: IndicatorView, c: IndicatorChoice | null, {lang, resize}: Options) {
  if (!c)
    return html`<div class="note" data-no-data>
      ${
        unmeasuredText(v.data.card, lang) ||
        tr(lang, "该指标目前没有任何数据源。", "No feed measures this indicator yet.")
      }
      ${tr(lang, "无法显示趋势;下面列出方案为它安排的任务。", "There is no trend to draw; the plan's tasks for it are listed below.")}
    </div>`;
  const area = nameOf(v.data.areaNames.find((a) => a.id === c.area) ?? {name_zh: c.area, name_en: c.area}, lang);
  return html`<section>
    <h2>
      ${c.points.some((p) => p.period.length === 4) ? tr(lang, "年度趋势", "Trend by year") : tr(lang, "月度趋势", "Trend by month")}
    </h2>
    <p>
      ${nameOf(c.metric, lang)} · ${segmentLabel(c.segment, lang)} · ${area}${tr(lang, "。", ".")}
      ${tr(lang, "圆点颜色表示当月是否达标;红色实线为方案目标,虚线为全国参照,灰色带为到期预测区间。", "Each dot is coloured by whether the month met the target; the solid red line is the plan target, dashed lines the national references, the grey band the forecast interval to the deadline.")}
    </p>
    <div class="card" data-chart="trend">
      ${resize((width) =>
        trendChart(c.points, {
          width,
          lang,
          unit: c.metric.unit,
          target: c.target,
          references: referencesFor(v, c.metric.id),
          forecast: c.area === "xining" ? c.forecasts.at(-1) : null,
        }),
      )}
    </div>
  </section>`;
}

/** How the forecast for the deadline stood at the end of each month (only for a metric and segment with a target). */
export function forecastSection(c: IndicatorChoice | null, {lang, resize}: Options) {
  if (!c?.target || c.forecasts.length === 0) return "";
  const target = c.target;
  return html`<section>
    <h2>${tr(lang, "到期预测记录", "Forecasts as they stood")}</h2>
    <p>
      ${tr(lang, `每个月末对到期日(${formatDate(target.deadline, lang)})的预测值和区间;圆点颜色为当时的预测结论。`, `At the end of each month, the value projected for the deadline (${formatDate(target.deadline, lang)}) with its interval; each dot is coloured by that month's verdict.`)}
    </p>
    <div class="card" data-chart="forecasts">
      ${resize((width) => forecastHistoryChart(c.forecasts, {width, lang, unit: c.metric.unit, target: target.value}))}
    </div>
  </section>`;
}

/** The year's case-duration distribution and each segment's value, side by side. */
export function detailSection(v: IndicatorView, c: IndicatorChoice | null, {lang, resize}: Options) {
  if (!c || c.year === null) return "";
  const {metric, year} = c;
  const measured = distributionOf(v, c, lang);
  const segs = segmentValues(v, metric.id, year);
  if (!measured && !segs.length) return "";
  return html`${derivedFigure(v, c, lang)}
    <div class="grid grid-cols-2">
      ${
        measured
          ? html`<div class="card" data-chart="distribution" data-metric=${measured.metric.id}>
              <h2>
                ${tr(lang, `${year}年${nameOf(measured.metric, lang)}分布`, `${nameOf(measured.metric, lang)}: distribution in ${year}`)}
              </h2>
              <p class="chart-note">
                ${tr(lang, "每个办件一个观测值;红线为方案限值。", "One observation per case; red lines are the plan's limits.")}
              </p>
              ${resize((width) => distributionChart(measured.bins, {width, lang, unit: measured.metric.unit, rows: measured.rows}))}
            </div>`
          : ""
      }
      ${
        segs.length
          ? html`<div class="card" data-chart="segments">
              <h2>${tr(lang, `${year}年各分类`, `Segments in ${year}`)}</h2>
              ${resize((width) =>
                rankChart(
                  segs.map((s, i) => ({
                    label: segmentLabel(s.segment, lang),
                    value: s.value,
                    rank: i,
                    status: s.status,
                  })),
                  {width, lang, unit: metric.unit},
                ),
              )}
            </div>`
          : ""
      }
    </div>`;
}

/**
 * What the distribution shows for the reader's choice: always a measured quantity (a derived cut against a baseline
 * is drawn as its base metric, e.g. connection workdays for the cut in connection time), for the chosen segment or,
 * on "all", for each of a few segments (supply classes), each with the plan's limit for it.
 */
function distributionOf(v: IndicatorView, c: IndicatorChoice, lang: Lang) {
  const metric = (c.metric.derived_from && v.data.metrics.find((m) => m.id === c.metric.derived_from)) || c.metric;
  const year = c.year;
  const binsOf = (segment: string) =>
    v.distributions
      .filter((b) => b.metric === metric.id && b.segment === segment && b.year === year)
      .map((b) => ({segment, lo: b.lo, hi: b.hi, n: b.n}));
  const split = c.segment === "all" ? metric.segments.filter((s) => s !== "all" && binsOf(s).length) : [];
  const segments = split.length > 1 && split.length <= MAX_DISTRIBUTION_ROWS ? split : [c.segment];
  const bins = segments.flatMap(binsOf);
  if (!bins.length) return null;
  const rows = segments.map((s) => ({
    segment: s,
    label: segmentLabel(s, lang),
    limit:
      targetFor(v, metric.id, s)?.value ?? (metric === c.metric && s === c.segment ? (c.target?.value ?? null) : null),
  }));
  return {metric, bins, rows};
}

/** Distributions side by side stay readable up to this many rows (supply classes: 3); more falls back to one. */
const MAX_DISTRIBUTION_ROWS = 4;

/**
 * A derived metric (a cut in percent against a baseline) as the one figure it is: the year's value and the baseline
 * it is measured against, named, rather than a per-case distribution of percentages.
 */
function derivedFigure(v: IndicatorView, c: IndicatorChoice, lng: Lang) {
  if (!c.metric.derived_from || !c.target?.baseline) return "";
  const judged = v.attainment.find(
    (a) => a.clause === c.target!.clause && a.period_type === "year" && a.period === String(c.year),
  );
  if (!judged || judged.actual === null) return "";
  const base = v.data.metrics.find((m) => m.id === c.metric.derived_from);
  const b = c.target.baseline;
  const baseValue =
    judged.baseline === null ? "—" : `${formatDecimal(judged.baseline, lng)} ${unitLabel(base?.unit ?? "", lng)}`;
  return html`<div class="card derived-figure" data-derived>
    <h2>${nameOf(c.metric, lng)}(${c.year})</h2>
    <span class="big">${formatDecimal(judged.actual, lng, 1)}%</span>
    <p>
      ${tr(
        lng,
        `基准:${b.period}年${b.statistic === "mean" ? "平均" : "中位"}${nameOf(base ?? c.metric, lng)} ${baseValue}(${b.reference_zh})。`,
        `Baseline: the ${b.statistic} ${nameOf(base ?? c.metric, lng).toLowerCase()} of ${b.period}, ${baseValue}. ${b.description_en}`,
      )}
    </p>
  </div>`;
}

/** Counties, districts and parks ranked in the year, as a chart and a downloadable table. */
export function areaSection(v: IndicatorView, c: IndicatorChoice | null, {lang, resize}: Options) {
  if (!c || c.year === null) return "";
  const name = new Map(v.data.areaNames.map((a) => [a.id, nameOf(a, lang)]));
  const ranked = v.areas
    .filter((a) => a.metric === c.metric.id && a.year === c.year)
    .map((a) => ({...a, label: name.get(a.area) ?? a.area}))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  if (!ranked.length) return "";
  return html`<section>
    <h2>${tr(lang, `县区园区排名(${c.year}年)`, `Counties, districts and parks ranked (${c.year})`)}</h2>
    <div class="card" data-chart="areas">
      ${resize((width) =>
        rankChart(ranked, {width, lang, unit: c.metric.unit, target: targetFor(v, c.metric.id, "all")?.value ?? null}),
      )}
      ${dataTable(
        ranked,
        [
          {label: tr(lang, "排名", "Rank"), value: (r) => r.rank, num: true},
          {label: tr(lang, "地区", "Area"), value: (r) => r.label},
          {
            label: tr(lang, "数值", "Value"),
            value: (r) => r.value,
            format: (r) => formatDecimal(r.value, lang),
            num: true,
          },
          {label: tr(lang, "状态", "Status"), value: (r) => statusLabel(r.status, lang)},
        ],
        {lang, name: `${nameOf(v.data.card, lang)}-${tr(lang, "县区排名", "areas")}-${c.year}`},
      )}
    </div>
  </section>`;
}

/** Distance to frontier and peer percentile by year, with every national reference row and its source. */
export function nationalSection(v: IndicatorView, c: IndicatorChoice | null, {lang, resize}: Options) {
  const history = c ? (v.data.dtf[c.metric.id] ?? []) : [];
  if (!c || !history.length) return "";
  return html`<section>
    <h2>
      ${tr(lang, "全国对标:前沿距离", "National standing: distance to frontier")}
      ${methodNote("national", {data: v.data, target: null, lang})}
    </h2>
    <div class="card" data-chart="dtf">
      ${resize((width) => dtfChart(history, {width, lang}))}
      ${dataTable(
        v.data.national.filter((n) => n.metric_id === c.metric.id),
        [
          {label: tr(lang, "年份", "Year"), value: (r) => r.year},
          {
            label: tr(lang, "西宁", "Xining"),
            value: (r) => r.city_value,
            format: (r) => formatDecimal(r.city_value, lang),
            num: true,
          },
          {label: tr(lang, "参照", "Reference"), value: (r) => referenceLabel(r.reference, lang)},
          {
            label: tr(lang, "参照值", "Value"),
            value: (r) => r.reference_value,
            format: (r) => formatDecimal(r.reference_value, lang),
            num: true,
          },
          {label: tr(lang, "前沿距离分", "DTF score"), value: (r) => r.dtf_score, num: true},
          {
            label: tr(lang, "排名", "Peer rank"),
            value: (r) => (r.peer_rank === null ? "" : `${r.peer_rank}/${r.peer_count}`),
          },
          {label: tr(lang, "来源", "Source"), value: (r) => r.source, className: "task-text"},
        ],
        {lang, name: `${nameOf(v.data.card, lang)}-${tr(lang, "全国对标", "national")}`},
      )}
    </div>
  </section>`;
}

/**
 * The indicator score (前沿距离) of the latest year with data: each component's value, fixed bounds, score and
 * contribution, and the score of every year; or a notice naming what is missing.
 */
export function scoreSection(v: IndicatorView, {lang}: {lang: Lang}) {
  const years = v.data.card.indicator_scores;
  const latest = years.at(-1);
  const heading = html`<h2>
    ${tr(lang, "指标得分:前沿距离", "Indicator score: distance to frontier")}
    ${methodNote("indicator_score", {data: v.data, target: null, lang})}
  </h2>`;
  if (!latest) {
    return html`<section>
      ${heading}
      <p class="muted">
        ${tr(lang, "尚无二级指标数值,无法计算指标得分。", "No component has a value yet: no indicator score.")}
      </p>
    </section>`;
  }
  const fmt = (x: number | null) => formatDecimal(x === null ? null : Math.round(x * 10) / 10, lang);
  return html`<section>
    ${heading}
    <p>
      ${tr(
        lang,
        `${latest.year}年:${fmt(latest.score)} 分(${latest.scored}/${latest.total} 项二级指标有数值)`,
        `${latest.year}: ${fmt(latest.score)} (${latest.scored} of ${latest.total} components with a value)`,
      )}
      ${years.length > 1 ? ` · ${years.map((y) => `${y.year}: ${fmt(y.score)}`).join(" · ")}` : ""}
    </p>
    <div class="card" data-table="indicator-score">
      ${dataTable(
        latest.components,
        [
          {label: tr(lang, "二级指标", "Component"), value: (c) => `${c.name_zh} (${c.metric_id})`},
          {label: tr(lang, "本市值", "Value"), value: (c) => c.value, format: (c) => fmt(c.value), num: true},
          {label: tr(lang, "前沿值", "Frontier"), value: (c) => c.frontier, num: true},
          {label: tr(lang, "最差值", "Worst"), value: (c) => c.worst, num: true},
          {label: tr(lang, "单位", "Unit"), value: (c) => c.unit},
          {label: tr(lang, "得分", "Score"), value: (c) => c.score, format: (c) => fmt(c.score), num: true},
          {
            label: tr(lang, "贡献", "Contribution"),
            value: (c) => c.contribution,
            format: (c) => fmt(c.contribution),
            num: true,
          },
          {label: tr(lang, "边界来源", "Bounds source"), value: (c) => c.source, className: "task-text"},
        ],
        {lang, name: `${nameOf(v.data.card, lang)}-${tr(lang, "指标得分", "indicator-score")}`},
      )}
    </div>
  </section>`;
}

/**
 * The tier verdict of every year with where it came from (官方评价 or 模拟评价, 暂定 when peers' earlier-year values
 * stood in), bizenv's own verdict beside an official one, and the evidence.
 */
export function tierTable(v: IndicatorView, {lang}: {lang: Lang}) {
  return dataTable(
    v.data.tiers,
    [
      {label: tr(lang, "年份", "Year"), value: (t) => t.year},
      {label: tr(lang, "评定", "Verdict"), value: (t) => tierLabel(t.verdict, lang)},
      {
        label: tr(lang, "来源", "Source"),
        value: (t) =>
          `${verdictSourceLabel(t.verdict_source, lang)}${t.is_provisional ? ` · ${provisionalLabel(lang)}` : ""}${
            t.verdict_source === "official"
              ? `${t.official_is_benchmark ? tr(lang, " · 标杆", " · benchmark") : ""}${t.official_rank === null ? "" : tr(lang, ` · 第${t.official_rank}名`, ` · rank ${t.official_rank}`)}${t.official_percentile === null ? "" : tr(lang, ` · 百分位 ${t.official_percentile}`, ` · percentile ${t.official_percentile}`)} · ${t.official_source}`
              : ""
          }`,
      },
      {
        label: tr(lang, "模拟评价", "Simulated"),
        value: (t) => tierLabel(t.simulated_verdict, lang),
      },
      {label: tr(lang, "目标", "Goal"), value: (t) => tierLabel(t.goal, lang)},
      {
        label: tr(lang, "是否达到目标档次", "At goal"),
        value: (t) => (t.on_course === null ? "—" : t.on_course ? tr(lang, "是", "yes") : tr(lang, "否", "no")),
      },
      {label: tr(lang, "依据", "Evidence"), value: (t) => t.evidence, className: "task-text"},
    ],
    {lang, name: `${nameOf(v.data.card, lang)}-${tr(lang, "档次评定", "tiers")}`},
  );
}

/** The plan's tasks for the indicator: deadline, status, responsible units and those not done yet. */
export function taskTable(v: IndicatorView, {lang}: {lang: Lang}) {
  const unit = (id: string) => v.data.unitNames[id]?.[lang === "zh" ? 0 : 1] ?? id;
  const sep = tr(lang, "、", "; ");
  return dataTable(
    v.data.tasks,
    [
      {label: tr(lang, "编号", "No."), value: (t) => t.number, num: true},
      {
        label: tr(lang, "完成时限", "Deadline"),
        value: (t) => t.deadline,
        format: (t) => (t.deadline === "ongoing" ? tr(lang, "持续推进", "Ongoing") : formatDate(t.deadline, lang)),
      },
      {
        label: tr(lang, "状态", "Status"),
        value: (t) => taskStatusLabel(t.status, lang),
        format: (t) => html`<span class=${`pill task-${t.status}`}>${taskStatusLabel(t.status, lang)}</span>`,
      },
      {
        label: tr(lang, "责任单位", "Responsible units"),
        value: (t) => (lang === "zh" ? t.units_text_zh : t.units.map((u) => unit(u.id)).join(sep)),
        className: "units",
      },
      {
        label: tr(lang, "未完成单位", "Units not done"),
        value: (t) =>
          t.units
            .filter((u) => u.status !== "done" && u.status !== "done_late")
            .map((u) => `${unit(u.id)}(${taskStatusLabel(u.status, lang)})`)
            .join(sep),
      },
      {
        label: tr(lang, "任务内容", "Task"),
        value: (t) => (lang === "zh" ? t.text_zh : t.summary_en),
        className: "task-text",
      },
    ],
    // In a box of its own: an indicator with many tasks (政务服务 has 12, worded long in English) keeps its page short.
    {
      lang,
      name: `${nameOf(v.data.card, lang)}-${tr(lang, "任务", "tasks")}`,
      rowData: (t) => ({task: t.number}),
      browse: true,
    },
  );
}

/**
 * The cases that broke a per-case rule of the indicator's share targets (clauses 13, 19, 15.2), latest first: the
 * measured value against the limit and the feed, file and line each came from, so every shortfall of a share can
 * be looked up. Null when no target of the indicator is judged as a share.
 */
export function breachTable(v: IndicatorView, {lang}: {lang: Lang}) {
  if (!v.data.targets.some((t) => t.case_limit)) return null;
  if (v.data.breaches.length === 0)
    return html`<p>${tr(lang, "没有违反规则的个案。", "No case broke a per-case rule.")}</p>`;
  const area = new Map(v.data.areaNames.map((a) => [a.id, nameOf(a, lang)]));
  const table = dataTable(
    v.data.breaches,
    [
      {label: tr(lang, "条款", "Clause"), value: (b) => b.clause},
      {label: tr(lang, "日期", "Date"), value: (b) => b.observed_on, format: (b) => formatDate(b.observed_on, lang)},
      {label: tr(lang, "个案", "Case"), value: (b) => b.case_key},
      {label: tr(lang, "区域", "Area"), value: (b) => area.get(b.area) ?? b.area},
      {label: tr(lang, "单位", "Unit"), value: (b) => b.unit_name ?? ""},
      {
        label: tr(lang, "实测值", "Measured"),
        value: (b) => b.value,
        num: true,
        format: (b) => formatDecimal(b.value, lang),
      },
      {
        label: tr(lang, "规则限值", "Rule's limit"),
        value: (b) => b.limit,
        num: true,
        format: (b) => `${formatDecimal(b.limit, lang)} ${unitLabel(b.limit_unit, lang)}`,
      },
      {label: tr(lang, "不符情形", "Finding"), value: (b) => b.finding},
      {label: tr(lang, "来源文件", "File"), value: (b) => b.file_name ?? b.feed},
      {label: tr(lang, "行号", "Line"), value: (b) => b.line, num: true},
    ],
    {lang, name: `${nameOf(v.data.card, lang)}-${tr(lang, "违反规则的个案", "rule-breaches")}`, browse: true},
  );
  const shown = v.data.breaches.length;
  const total = v.data.breachesTotal;
  if (total <= shown) return table;
  // The page carries the latest cases only; the export has every one (the explore page queries it too).
  return html`${table}
    <p class="note" data-breaches-shown=${shown}>
      ${tr(
        lang,
        `显示最近的 ${shown} 件,共 ${total} 件;全部个案见导出文件 rule_breaches.csv(或在“数据探索”页查询)。`,
        `The latest ${shown} of ${total} cases; every case is in the export rule_breaches.csv (or query it on the Explore page).`,
      )}
    </p>`;
}
