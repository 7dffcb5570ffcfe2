import {html} from "npm:htl";
import type {IndicatorData, IndicatorTarget} from "../data/indicatorData.ts";
import {formatDate, tr, type Lang} from "./i18n.js";
import {statusLabel, verdictLabel} from "./labels.js";

/**
 * "How was this decided?": a one-click disclosure next to a verdict, explaining the rule behind it (target and
 * statistic, baseline, forecast method, tier rule, national references), with the sources the exports name.
 */
export function methodNote(
  kind: "status" | "forecast" | "tier" | "national" | "indicator_score",
  {data, target, lang}: {data: IndicatorData; target: IndicatorTarget | null; lang: Lang},
) {
  const zh = lang === "zh";
  const body = () => {
    switch (kind) {
      case "status":
        return target
          ? html`<p>${zh ? target.judging_rule_zh : target.judging_rule_en}</p>
              <p>
                ${
                  zh
                    ? `每月按上述规则比较:达到目标且不劣于预警值为“${statusLabel("met", lang)}”;达到目标但劣于预警值(各目标的预警值见 sources/benchmarks/thresholds.yaml)为“${statusLabel("at_risk", lang)}”;未达到目标为“${statusLabel("missed", lang)}”;当月案例少于评定所需的最少案例数(sources/benchmarks/judging.yaml)为“${statusLabel("no_data", lang)}”。`
                    : `Each month is compared by this rule: meeting the target and not past its alert value is "${statusLabel("met", lang)}"; meeting the target but past its alert value (each target's alert value is in sources/benchmarks/thresholds.yaml) is "${statusLabel("at_risk", lang)}"; not meeting the target is "${statusLabel("missed", lang)}"; fewer cases than judging needs (sources/benchmarks/judging.yaml) is "${statusLabel("no_data", lang)}".`
                }
              </p>
              ${population(data, target, lang)}
              ${
                target.baseline
                  ? html`<p>
                      ${
                        zh
                          ? `相对目标的基准:${target.baseline.description_zh}`
                          : `Baseline of this relative target: ${target.baseline.description_en}`
                      }
                    </p>`
                  : ""
              }`
          : html`<p>
              ${tr(lang, "方案没有为该度量设定量化目标,因此只显示数值,不作达标评价。", "The plan sets no quantitative target for this metric, so values are shown without a verdict.")}
            </p>`;
      case "forecast": {
        const method = target ? data.methods[target.clause] : undefined;
        return html`<p>
          ${
            zh
              ? `预测方法:${method ?? "无"}。每个月末仅用截至当月的数据重新预测到期日(${target ? formatDate(target.deadline, lang) : "—"})的数值和区间:预测值达到目标为“${verdictLabel("on_track", lang)}”,预测值未达到但区间仍可达到目标为“${verdictLabel("at_risk", lang)}”,整个区间都达不到目标为“${verdictLabel("off_track", lang)}”。`
              : `Method: ${method ?? "none"}. At the end of every month the value at the deadline (${target ? formatDate(target.deadline, lang) : "—"}) is projected again from the data up to that month only, with an interval: the projection meeting the target is "${verdictLabel("on_track", lang)}", the projection missing it while the interval still reaches it "${verdictLabel("at_risk", lang)}", the whole interval missing it "${verdictLabel("off_track", lang)}".`
          }
        </p>`;
      }
      case "tier":
        return html`<p>${data.card.tier_rule ?? "—"}</p>
          <ul>
            ${data.tiers.map((t) => html`<li>${t.year}: ${t.evidence ?? "—"}</li>`)}
          </ul>`;
      case "national":
        return html`<p>
            ${tr(
              lang,
              "前沿距离分按世界银行《营商环境报告》方法:以各二级指标的固定边界(前沿值 100 分、最差值 0 分;DB2020 定义的取其边界)线性换算,不随当年样本变化;不是二级指标的度量不计分;百分位为西宁在对标城市中的位置。",
              "Distance to frontier follows the World Bank Doing Business method against each component's fixed bounds (frontier 100, worst 0, linear in between; DB2020's where it defines the component), never the year's sample; a metric that is not a component gets no score. The percentile is Xining's place among the peer cities.",
            )}
          </p>
          <ul>
            ${[...new Set(data.national.map((n) => n.source).filter(Boolean))].map((s) => html`<li>${s}</li>`)}
          </ul>`;
      case "indicator_score": {
        const latest = data.card.indicator_scores.at(-1);
        return html`<p>
            ${tr(
              lang,
              "指标前沿距离得分:每个二级指标按其固定边界(前沿值 100 分、最差值 0 分)线性计分,即 100 ×(最差值 − 本市值)/(最差值 − 前沿值),截断于 0–100;指标得分为有数值的二级指标得分的简单平均,每项贡献 = 其得分 ÷ 计分项数。本市值为当年全市的评定统计量。边界固定,不随当年样本的最好与最差值变化;世界银行《营商环境报告2020》定义的二级指标取其边界,时间按日历日计量。",
              "Indicator score (distance to frontier): each component (二级指标) is scored linearly against its fixed bounds (frontier 100, worst 0), 100 × (worst − value) / (worst − frontier), clipped to 0–100; the indicator score is the plain mean of the components with a value, each contributing its score ÷ the number scored. The value is the city's judged statistic of the year. The bounds are fixed, never the year's sample; where Doing Business 2020 defines the component its bounds are used and times are counted in calendar days.",
            )}
          </p>
          <ul>
            ${(latest?.components ?? []).map((c) => html`<li>${c.name_zh} (${c.metric_id}): ${c.source}</li>`)}
          </ul>`;
      }
    }
  };
  return html`<details class="method" data-method=${kind}>
    <summary>${tr(lang, "方法", "Method")}</summary>
    ${body()}
  </details>`;
}

/**
 * For a target judged on a share of a population (clauses 13, 19): the city's latest month as "x of n", so the
 * denominator is on the page. The share is the mean of 0/100 per case, so x = share × n / 100 exactly.
 */
function population(data: IndicatorData, target: IndicatorTarget, lang: Lang) {
  const metric = data.metrics.find((m) => m.id === target.metric);
  if (!target.case_limit || metric?.kind !== "share_within_limit") return "";
  const rows = data.attainment.rows
    .map((r) => Object.fromEntries(data.attainment.columns.map((c, i) => [c, r[i]])) as Record<string, unknown>)
    .filter((r) => r.clause === target.clause && r.period_type === "month" && typeof r.n === "number" && r.n > 0);
  const latest = rows.sort((a, b) => String(b.period).localeCompare(String(a.period)))[0];
  if (!latest || typeof latest.actual !== "number") return "";
  const n = latest.n as number;
  const kept = Math.round((latest.actual * n) / 100);
  return html`<p>
    ${
      lang === "zh"
        ? `${latest.period}:${n} 个${metric.population_zh}中 ${kept} 个符合,${n - kept} 个不符合。`
        : `${latest.period}: ${kept} of ${n} ${metric.population_en} kept the rule, ${n - kept} did not.`
    }
  </p>`;
}
