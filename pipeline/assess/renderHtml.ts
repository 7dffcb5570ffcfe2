import type {Catalog} from "../catalog/index.ts";
import {evidenceByFile, targetsTable, tasksByUnit} from "./htmlTables.ts";
import {LABELS} from "./labels.ts";
import {reportNames} from "./reportNames.ts";
import {REPORT_CSS} from "./reportStyle.ts";
import {judgingRules} from "./judgingRules.ts";
import {methodParagraphs, reportTables, reportTitle, type ReportMeta, type Table} from "./reportTables.ts";
import {esc, tableHtml} from "./tableHtml.ts";
import type {Assessment, Lang} from "./types.ts";

/**
 * The assessment as one self-contained HTML page (inline CSS, no scripts, no requests), in `lang`: the report that
 * is also printed to PDF. Pure: the same assessment and meta give the same text, which the golden test fixes.
 */
export function renderHtml(a: Assessment, catalog: Catalog, lang: Lang, meta: ReportMeta): string {
  const L = LABELS[lang];
  const N = reportNames(catalog, lang);
  const S = L.sections;
  const tables = reportTables(a, catalog, lang, meta);
  const title = reportTitle(a, lang);
  const sum = a.summary;
  const period =
    a.period.kind === "year" ? L.yearScope(a.period.year) : L.quarterScope(a.period.year, a.period.quarter!);

  const metaItems: Array<[string, string]> = [
    [L.meta.edition, L.edition(meta.edition)],
    [L.meta.period, `${period} (${a.period.start} – ${a.period.end})`],
    [L.meta.evaluated_at, a.evaluated_at],
    [L.meta.as_of, a.as_of],
    [L.meta.exports_generated_at, a.exports_generated_at],
    [L.meta.generated_at, meta.generated_at],
    [L.meta.catalog, `${a.catalog_version} (${a.catalog_sha256.slice(0, 12)})`],
    [L.meta.code, meta.code_version],
  ];
  const card = (big: string, label: string) =>
    `<div class="card"><div class="big">${esc(big)}</div><div class="label">${esc(label)}</div></div>`;
  const listOf = (which: "top10" | "bottom10") => {
    const units = a.units.filter((u) => u.list === which);
    if (units.length === 0) return `<p>${esc(L.none)}</p>`;
    return `<ol>${units.map((u) => `<li value="${u.rank}">${esc(N.unit(u.unit_id))} <span class="small">${u.score?.toFixed(1) ?? ""}</span></li>`).join("")}</ol>`;
  };
  const verdictClass = (value: string | null | undefined) => (value ? `v-${value}` : null);

  const late = a.tasks.filter((t) => t.status === "overdue" || t.status === "done_late");
  const lateTable: Table = {
    ...tables.tasks!,
    rows: tables.tasks!.rows.filter((_, i) => late.includes(a.tasks[i]!)),
  };
  const lateRaw = a.tasks.filter((t) => late.includes(t));

  const parts: string[] = [];
  parts.push(`<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="bizenv ${esc(meta.code_version)}">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>`);
  if (a.synthetic) parts.push(`<div class="banner">${esc(L.syntheticBanner)}</div>`);
  parts.push(`<h1>${esc(title)}</h1>`);
  parts.push(`<dl class="meta">${metaItems.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`);

  // Summary
  parts.push(`<h2>${esc(S.summary)}</h2>`);
  parts.push(
    `<div class="cards">${[
      card(`${sum.targets_met} / ${sum.targets_due}`, L.cards.targets),
      card(`${sum.goals_reached} / ${sum.goals_due}`, L.cards.goals),
      card(sum.task_on_time_rate === null ? "—" : `${sum.task_on_time_rate.toFixed(1)} %`, L.cards.rate),
      card(String(sum.tasks_overdue), L.cards.overdue),
    ].join("")}</div>`,
  );
  parts.push(tableHtml(tables.counts!));
  parts.push(
    `<div class="lists"><div><h3>${esc(L.top10)}</h3>${listOf("top10")}</div><div><h3>${esc(L.bottom10)}</h3>${listOf("bottom10")}</div></div>`,
  );
  const critical = a.caveats.filter((c) => c.severity === "critical");
  if (critical.length) {
    parts.push(critical.map((c) => `<p class="sev-critical">${esc(lang === "zh" ? c.zh : c.en)}</p>`).join("\n"));
  }

  // Changes since the previous period (quarterly inspection)
  if (tables.changes) {
    parts.push(`<h2>${esc(tables.changes.title)}</h2>`);
    parts.push(
      tables.changes.rows.length ? tableHtml(tables.changes, {nowrap: ["change_kind"]}) : `<p>${esc(L.noChanges)}</p>`,
    );
  }

  // Targets
  parts.push(`<h2>${esc(S.targets)}</h2>`);
  const targetRows = targetsTable(a, lang, catalog);
  parts.push(
    tableHtml(targetRows, {
      nowrap: ["clause", "target", "verdict", "judged_period", "forecast_verdict"],
      classOf: (r, key) =>
        key === "verdict"
          ? verdictClass(a.targets[r]!.verdict)
          : key === "forecast_verdict"
            ? verdictClass(a.targets[r]!.forecast?.verdict)
            : null,
    }),
  );
  parts.push(`<h3>${esc(S.evidence)}</h3>`);
  const evidence = evidenceByFile(a, lang);
  parts.push(evidence.rows.length ? tableHtml(evidence) : `<p>${esc(L.none)}</p>`);

  // Indicators
  parts.push(`<h2>${esc(S.indicators)}</h2>`);
  parts.push(
    tableHtml(tables.indicators!, {
      keys: [
        "number",
        "indicator",
        "goal",
        "goal_deadline",
        "tier_verdict",
        "goal_status",
        "headline_metric",
        "dtf",
        "peer_rank",
        "percentile",
        "references",
      ],
      nowrap: ["goal", "tier_verdict", "goal_status", "peer_rank"],
      classOf: (r, key) =>
        key === "goal_status" ? verdictClass(a.indicators[r]!.goal_status) : key === "references" ? "small" : null,
    }),
  );
  for (const rule of a.tier_rules)
    parts.push(`<p class="small"><b>${esc(rule.rule_id)}</b>: ${esc(rule.rule_text)}</p>`);

  // Tasks
  parts.push(`<h2>${esc(S.tasks)}</h2>`);
  parts.push(tableHtml(tasksByUnit(a, lang, catalog)));
  const lateUnits = [...new Set(late.map((t) => t.unit_id))]
    .map((u) => ({
      u,
      n: late.filter((t) => t.unit_id === u && t.status === "overdue").length,
      all: late.filter((t) => t.unit_id === u).length,
    }))
    .sort((x, y) => y.n - x.n || y.all - x.all || x.u.localeCompare(y.u));
  parts.push(
    `<p><b>${esc(L.lateUnits)}</b>: ${
      lateUnits.length
        ? lateUnits.map((x) => `${esc(N.unit(x.u))} (${x.n} / ${x.all})`).join(lang === "zh" ? "、" : ", ")
        : esc(L.none)
    }</p>`,
  );
  parts.push(`<h3>${esc(L.lateTasks)} (${late.length})</h3>`);
  parts.push(
    late.length
      ? tableHtml(lateTable, {
          keys: ["task", "responsible_unit", "deadline", "status", "reported_on", "percent_done", "days_late"],
          nowrap: ["status"],
          classOf: (r, key) => (key === "status" ? verdictClass(lateRaw[r]!.status) : null),
        })
      : `<p>${esc(L.none)}</p>`,
  );

  // Units
  parts.push(`<h2>${esc(S.units)}</h2>`);
  parts.push(
    tableHtml(tables.units!, {
      keys: [
        "rank",
        "responsible_unit",
        "score",
        "task_score",
        "target_score",
        "satisfaction_index",
        "hotline_score",
        "tasks_judged",
        "overdue",
        "list",
      ],
      nowrap: ["list"],
      classOf: (r, key) => (key === "list" ? verdictClass(a.units[r]!.list) : null),
    }),
  );

  // Caveats
  parts.push(`<h2>${esc(S.caveats)}</h2>`);
  parts.push(
    a.caveats.length
      ? tableHtml(tables.caveats!, {
          nowrap: ["severity"],
          classOf: (r, key) => (key === "severity" ? `sev-${a.caveats[r]!.severity}` : null),
        })
      : `<p>${esc(L.none)}</p>`,
  );
  parts.push(`<h3>${esc(S.feeds)}</h3>`);
  parts.push(tableHtml(tables.feeds!));

  // Method
  parts.push(`<h2>${esc(S.method)}</h2>`);
  parts.push(
    methodParagraphs(a, lang, judgingRules(catalog, lang))
      .map((p) => `<p>${esc(p)}</p>`)
      .join("\n"),
  );
  parts.push(`<p class="small">${esc(L.meta.calendar)}: ${esc(meta.calendar)}</p>`);
  parts.push(
    `<footer>${esc(title)} · ${esc(L.edition(meta.edition))} · ${esc(meta.generated_at)} · bizenv ${esc(meta.code_version)}</footer>`,
  );
  parts.push(`</body>\n</html>\n`);
  return parts.join("\n");
}
