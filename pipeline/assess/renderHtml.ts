import type {Catalog} from "../catalog/index.ts";
import {evidenceByFile, targetsTable, tasksByUnit} from "./htmlTables.ts";
import {LABELS, type Labels} from "./labels.ts";
import {reportNames, type ReportNames} from "./reportNames.ts";
import {REPORT_CSS} from "./reportStyle.ts";
import {judgingRules} from "./judgingRules.ts";
import {methodParagraphs, reportTables, reportTitle, type ReportMeta} from "./reportTables.ts";
import type {Table} from "./table.ts";
import {esc, tableHtml} from "./tableHtml.ts";
import type {Assessment, Lang} from "./types.ts";

/**
 * The assessment as one self-contained HTML page (inline CSS, no scripts, no requests), in `lang`: the report that
 * is also printed to PDF. Pure: the same assessment and meta give the same text, which the golden test fixes.
 * Its sections in order: head and facts, summary (cards, counts, 十佳 / 十差, critical caveats), changes since the
 * previous quarter, targets, indicators, tasks, units, caveats and feeds, method and footer.
 */
export function renderHtml(a: Assessment, catalog: Catalog, lang: Lang, meta: ReportMeta): string {
  const L = LABELS[lang];
  const page: Page = {
    a,
    catalog,
    lang,
    meta,
    L,
    N: reportNames(catalog, lang),
    tables: reportTables(a, catalog, lang, meta),
    title: reportTitle(a, lang),
  };
  return [
    ...headAndFacts(page),
    ...summarySection(page),
    ...changesSection(page),
    ...targetsSection(page),
    ...indicatorsSection(page),
    ...tasksSection(page),
    ...unitsSection(page),
    ...caveatsSection(page),
    ...methodAndFooter(page),
  ].join("\n");
}

/** What every section reads: the assessment, its words, names and tables in `lang`, and the report's title. */
interface Page {
  a: Assessment;
  catalog: Catalog;
  lang: Lang;
  meta: ReportMeta;
  L: Labels;
  N: ReportNames;
  tables: Record<string, Table>;
  title: string;
}

/** The CSS class that colours a verdict or status cell (`v-met`, `v-overdue`, …). */
const verdictClass = (value: string | null | undefined) => (value ? `v-${value}` : null);

/** The document head, the synthetic banner, the title and the report's facts. */
function headAndFacts({a, lang, meta, L, title}: Page): string[] {
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
  return parts;
}

/** The summary: headline cards, the counts, the 十佳 and 十差 lists, and the critical caveats. */
function summarySection({a, lang, L, N, tables}: Page): string[] {
  const sum = a.summary;
  const card = (big: string, label: string) =>
    `<div class="card"><div class="big">${esc(big)}</div><div class="label">${esc(label)}</div></div>`;
  const listOf = (which: "top10" | "bottom10") => {
    const units = a.units.filter((u) => u.list === which);
    if (units.length === 0) return `<p>${esc(L.none)}</p>`;
    return `<ol>${units.map((u) => `<li value="${u.rank}">${esc(N.unit(u.unit_id))} <span class="small">${u.score?.toFixed(1) ?? ""}</span></li>`).join("")}</ol>`;
  };
  const parts: string[] = [];
  parts.push(`<h2>${esc(L.sections.summary)}</h2>`);
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
  return parts;
}

/** What changed since the previous quarter (quarterly inspections only). */
function changesSection({L, tables}: Page): string[] {
  if (!tables.changes) return [];
  return [
    `<h2>${esc(tables.changes.title)}</h2>`,
    tables.changes.rows.length ? tableHtml(tables.changes, {nowrap: ["change_kind"]}) : `<p>${esc(L.noChanges)}</p>`,
  ];
}

/** The targets with their verdicts, then the source files behind them. */
function targetsSection({a, catalog, lang, L, tables}: Page): string[] {
  const parts: string[] = [];
  parts.push(`<h2>${esc(L.sections.targets)}</h2>`);
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
  parts.push(`<h3>${esc(L.sections.evidence)}</h3>`);
  const evidence = evidenceByFile(a, lang);
  parts.push(evidence.rows.length ? tableHtml(evidence) : `<p>${esc(L.none)}</p>`);
  // The cases behind each share's shortfall, so a "not met" of a per-case rule can be checked case by case.
  // Counted by clause and area here (the PDF stays short); every case with its file and line is in the workbook.
  parts.push(`<h3>${esc(L.sections.breaches)} (${a.rule_breaches.length})</h3>`);
  parts.push(
    a.rule_breaches.length
      ? `<p class="small">${esc(L.breachesNote)}</p>\n` +
          tableHtml(tables.breaches_by_area!, {nowrap: ["clause", "first_observed_on", "last_observed_on"]})
      : `<p>${esc(L.none)}</p>`,
  );
  return parts;
}

/** The indicators' tier goals and verdicts, then the tier rules they were judged by. */
function indicatorsSection({a, L, tables}: Page): string[] {
  const parts: string[] = [];
  parts.push(`<h2>${esc(L.sections.indicators)}</h2>`);
  parts.push(
    tableHtml(tables.indicators!, {
      keys: [
        "number",
        "indicator",
        "goal",
        "goal_deadline",
        "tier_verdict",
        "verdict_source",
        "goal_status",
        // The indicator's own score and trend; the headline metric's DTF stays in the workbook.
        "indicator_score",
        "score_change",
        "headline_metric",
        "peer_rank",
        "percentile",
        "references",
      ],
      nowrap: ["goal", "tier_verdict", "goal_status", "peer_rank"],
      classOf: (r, key) =>
        key === "goal_status" ? verdictClass(a.indicators[r]!.goal_status) : key === "references" ? "small" : null,
    }),
  );
  for (const rule of a.tier_rules.filter((r) => !r.rule_id.startsWith("bound ")))
    parts.push(`<p class="small"><b>${esc(rule.rule_id)}</b>: ${esc(rule.rule_text)}</p>`);
  // Provisional verdicts apart: they may change once the peers' values of the same year are loaded.
  parts.push(`<h3>${esc(L.sections.provisional)}</h3>`);
  parts.push(
    tables.provisional!.rows.length
      ? tableHtml(tables.provisional!, {
          keys: ["number", "indicator", "goal", "tier_verdict", "verdict_source", "tier_evidence"],
          nowrap: ["goal", "tier_verdict"],
        })
      : `<p>${esc(L.none)}</p>`,
  );
  return parts;
}

/** Tasks by unit, the units with late tasks (most overdue first), and the late tasks themselves. */
function tasksSection({a, catalog, lang, L, N, tables}: Page): string[] {
  const late = a.tasks.filter((t) => t.status === "overdue" || t.status === "done_late");
  const lateTable: Table = {
    ...tables.tasks!,
    rows: tables.tasks!.rows.filter((_, i) => late.includes(a.tasks[i]!)),
  };
  const lateRaw = a.tasks.filter((t) => late.includes(t));
  const parts: string[] = [];
  parts.push(`<h2>${esc(L.sections.tasks)}</h2>`);
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
  return parts;
}

/** The unit scorecard: place, score and its components, and the list each unit is on. */
function unitsSection({a, L, tables}: Page): string[] {
  return [
    `<h2>${esc(L.sections.units)}</h2>`,
    tableHtml(tables.units!, {
      keys: [
        "rank",
        "responsible_unit",
        "score",
        "on_time_rate",
        "satisfaction_index",
        "hotline_on_time",
        "tasks_judged",
        "overdue",
        "supervision_breaches",
        "list",
      ],
      nowrap: ["list"],
      classOf: (r, key) => (key === "list" ? verdictClass(a.units[r]!.list) : null),
    }),
  ];
}

/** The caveats, most serious first, and each feed's health. */
function caveatsSection({a, L, tables}: Page): string[] {
  return [
    `<h2>${esc(L.sections.caveats)}</h2>`,
    a.caveats.length
      ? tableHtml(tables.caveats!, {
          nowrap: ["severity"],
          classOf: (r, key) => (key === "severity" ? `sev-${a.caveats[r]!.severity}` : null),
        })
      : `<p>${esc(L.none)}</p>`,
    `<h3>${esc(L.sections.feeds)}</h3>`,
    tableHtml(tables.feeds!),
  ];
}

/** How the figures were judged, the calendar used, and the footer that closes the page. */
function methodAndFooter({a, catalog, lang, meta, L, title}: Page): string[] {
  return [
    `<h2>${esc(L.sections.method)}</h2>`,
    methodParagraphs(a, lang, judgingRules(catalog, lang))
      .map((p) => `<p>${esc(p)}</p>`)
      .join("\n"),
    // Every judging rule of the tiers with the reason or source of its numbers, and the fixed bounds with theirs.
    ...a.tier_rules.map(
      (rule) =>
        `<p class="small"><b>${esc(rule.rule_id)}</b>: ${esc(rule.rule_text)}${rule.sources ? ` — ${esc(rule.sources)}` : ""}</p>`,
    ),
    `<p class="small">${esc(L.meta.calendar)}: ${esc(meta.calendar)}</p>`,
    `<footer>${esc(title)} · ${esc(L.edition(meta.edition))} · ${esc(meta.generated_at)} · bizenv ${esc(meta.code_version)}</footer>`,
    `</body>\n</html>\n`,
  ];
}
