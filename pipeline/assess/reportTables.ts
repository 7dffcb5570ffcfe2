import {COMPARATOR_SIGNS} from "../../dashboards/components/statusLabels.ts";
import type {Catalog} from "../catalog/index.ts";
import {LABELS, type Labels} from "./labels.ts";
import {changesTable} from "./changesTable.ts";
import {reportNames, type ReportNames} from "./reportNames.ts";
import type {Cell, CellKind, Column, Table} from "./table.ts";
import type {Assessment, Lang, RuleBreach} from "./types.ts";

/** Facts about the report itself: which edition, when it was made, by which code. */
export interface ReportMeta {
  edition: number | null;
  generated_at: string;
  code_version: string;
  calendar: string;
}

/** The title line of a report: 年度考评 or 季度督查. */
export function reportTitle(a: Assessment, lang: Lang): string {
  const L = LABELS[lang];
  return a.period.kind === "year"
    ? L.title(L.yearScope(a.period.year))
    : L.quarterTitle(L.quarterScope(a.period.year, a.period.quarter!));
}

/**
 * The method paragraphs with the scorecard's weights filled in, then one paragraph per target saying how it is
 * judged (`rules`, from judgingRules: quantity, population and denominator, baseline, source).
 */
export function methodParagraphs(a: Assessment, lang: Lang, rules: readonly string[] = []): string[] {
  const s = a.scorecard;
  const values: Record<string, number> = {
    w_tasks: s.weights.task_on_time_rate,
    w_satisfaction: s.weights.satisfaction_index,
    w_hotline: s.weights.hotline_on_time_rate,
    breach_penalty: s.breach_penalty,
    list_size: s.list_size,
  };
  const general = LABELS[lang].method.map((p) =>
    p.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`)),
  );
  return [...general, ...rules];
}

/**
 * Every table of the assessment, with headers in `lang` and names from the catalog: the one source of what the
 * workbook's sheets and the HTML report's tables show, so the two cannot disagree.
 */
export function reportTables(a: Assessment, catalog: Catalog, lang: Lang, meta: ReportMeta): Record<string, Table> {
  const L = LABELS[lang];
  const ctx: TableContext = {
    a,
    lang,
    meta,
    L,
    N: reportNames(catalog, lang),
    col: (key, kind = "text", header) => ({key, header: header ?? L.headers[key] ?? key, kind}),
  };
  const {summary, counts} = summaryTables(ctx);
  const tables: Record<string, Table> = {
    summary,
    counts,
    targets: targetsTable(ctx),
    evidence: evidenceTable(ctx),
    indicators: indicatorsTable(ctx),
    provisional: provisionalTable(ctx),
    breaches: breachesTable(ctx),
    breaches_by_area: breachesByAreaTable(ctx),
    tasks: tasksTable(ctx),
    units: unitsTable(ctx),
    caveats: caveatsTable(ctx),
    feeds: feedsTable(ctx),
  };
  if (a.changes) tables.changes = changesTable(a, catalog, lang);
  return tables;
}

/** What every table reads: the assessment, its words and names in `lang`, and a column with its header. */
interface TableContext {
  a: Assessment;
  lang: Lang;
  meta: ReportMeta;
  L: Labels;
  N: ReportNames;
  col: (key: string, kind?: CellKind, header?: string) => Column;
}

/** The report's facts (period, edition, dates, versions) and its counts, and the counts alone. */
function summaryTables({a, L, col, meta}: TableContext): {summary: Table; counts: Table} {
  const period =
    a.period.kind === "year" ? L.yearScope(a.period.year) : L.quarterScope(a.period.year, a.period.quarter!);
  const counts: Table = {
    id: "counts",
    title: L.sections.summary,
    columns: [col("item"), col("value", "general")],
    rows: Object.entries(a.summary)
      .filter(([k]) => L.summary[k] !== undefined)
      .map(([k, v]): Cell[] => [L.summary[k]!, v]),
  };
  const summary: Table = {
    id: "summary",
    title: L.sections.summary,
    columns: [col("item"), col("value")],
    rows: [
      [L.meta.period, period],
      [L.meta.edition, L.edition(meta.edition)],
      [L.meta.evaluated_at, a.evaluated_at],
      [L.meta.as_of, a.as_of],
      [L.meta.exports_generated_at, a.exports_generated_at],
      [L.meta.generated_at, meta.generated_at],
      [L.meta.catalog, `${a.catalog_version} (${a.catalog_sha256.slice(0, 12)})`],
      [L.meta.calendar, meta.calendar],
      [L.meta.code, meta.code_version],
      ...counts.rows,
    ],
  };
  return {summary, counts};
}

/** Every target: its verdict, the figure it rests on, the period's and previous period's values, the forecast. */
function targetsTable({a, L, N, col}: TableContext): Table {
  const uom = (u: string) => L.unitOfMeasure[u] ?? u;
  return {
    id: "targets",
    title: L.sections.targets,
    columns: [
      col("clause"),
      col("indicator"),
      col("metric"),
      col("segment"),
      col("comparator"),
      col("target", "general"),
      col("unit_of_measure"),
      col("deadline", "date"),
      col("verdict"),
      col("judged_period"),
      col("actual", "num"),
      col("cases", "int"),
      col("gap", "num"),
      col("export_status"),
      col("period_value", "num"),
      col("period_cases", "int"),
      col("previous_value", "num"),
      col("forecast_month"),
      col("projected", "num"),
      col("lower", "num"),
      col("upper", "num"),
      col("forecast_verdict"),
      col("baseline", "num"),
      col("source_files", "int"),
    ],
    rows: a.targets.map((t) => [
      t.clause,
      N.indicator(t.indicator_id),
      N.metric(t.metric_id),
      t.segment,
      COMPARATOR_SIGNS[t.comparator],
      t.target,
      uom(t.unit),
      t.deadline,
      L.targetVerdict[t.verdict] ?? t.verdict,
      t.judged?.period ?? null,
      t.judged?.actual ?? null,
      t.judged?.n ?? null,
      t.judged?.gap ?? null,
      t.judged?.status ? (L.exportStatus[t.judged.status] ?? t.judged.status) : null,
      t.period_value?.actual ?? null,
      t.period_value?.n ?? null,
      t.previous_value?.actual ?? null,
      t.forecast?.as_of_month ?? null,
      t.forecast?.projected ?? null,
      t.forecast?.lower ?? null,
      t.forecast?.upper ?? null,
      t.forecast?.verdict ? (L.forecastVerdict[t.forecast.verdict] ?? t.forecast.verdict) : null,
      t.baseline,
      t.evidence.length,
    ]),
  };
}

/** The source files behind each target's figure, with their sha256. */
function evidenceTable({a, L, col}: TableContext): Table {
  return {
    id: "evidence",
    title: L.sections.evidence,
    columns: [
      col("clause"),
      col("feed"),
      col("file_name"),
      col("load_id", "int"),
      col("data_from", "date"),
      col("data_to", "date"),
      col("sha256", "hash"),
    ],
    rows: a.targets.flatMap((t) =>
      t.evidence.map((e): Cell[] => [t.clause, e.feed, e.file_name, e.load_id, e.data_from, e.data_to, e.sha256]),
    ),
  };
}

/**
 * The cases of the period that broke a share target's per-case rule (违反规则的个案): what was measured against the
 * limit, and the feed, file and line each came from, so every shortfall of a share can be checked case by case.
 */
function breachesTable({a, L, N, col}: TableContext): Table {
  const uom = (u: string) => L.unitOfMeasure[u] ?? u;
  return {
    id: "breaches",
    title: L.sections.breaches,
    columns: [
      col("clause"),
      col("case_key"),
      col("area"),
      col("purchaser_or_unit"),
      col("observed_on", "date"),
      col("measured", "general"),
      col("case_limit", "general"),
      col("unit_of_measure"),
      col("finding"),
      col("feed"),
      col("file_name"),
      col("source_line", "int"),
    ],
    rows: a.rule_breaches.map((b): Cell[] => [
      b.clause,
      b.case_key,
      N.area(b.area_id),
      b.unit_name,
      b.observed_on,
      b.measured_value,
      b.case_limit,
      uom(b.limit_unit),
      b.finding,
      b.feed,
      b.file_name,
      b.source_line,
    ]),
  };
}

/** The same cases counted by clause and area, with their first and last dates and files: the report's summary. */
function breachesByAreaTable({a, L, N, col}: TableContext): Table {
  const groups = new Map<string, RuleBreach[]>();
  for (const b of a.rule_breaches) {
    const key = `${b.clause}\u0000${b.area_id}`;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  return {
    id: "breaches_by_area",
    title: L.sections.breaches,
    columns: [
      col("clause"),
      col("area"),
      col("cases", "int"),
      col("first_observed_on", "date"),
      col("last_observed_on", "date"),
      col("breach_files"),
    ],
    rows: [...groups.values()].map((cases): Cell[] => {
      const dates = cases.map((c) => c.observed_on).sort();
      const files = [...new Set(cases.map((c) => c.file_name ?? c.feed))].sort();
      return [cases[0]!.clause, N.area(cases[0]!.area_id), cases.length, dates[0]!, dates.at(-1)!, files.join(", ")];
    }),
  };
}

/** The indicator table's columns, shared by the provisional table. */
function indicatorColumns(col: TableContext["col"]): Column[] {
  return [
    col("number", "int"),
    col("indicator"),
    col("goal"),
    col("goal_deadline", "date"),
    col("tier_verdict"),
    col("verdict_source"),
    col("goal_status"),
    col("indicator_score"),
    col("score_change", "dec1"),
    col("headline_metric"),
    col("city_value", "num"),
    col("dtf", "dec1"),
    col("peer_rank"),
    col("percentile", "dec1"),
    col("references"),
    col("rule"),
    col("tier_evidence"),
  ];
}

/** One indicator's row: its tier goal, its verdict and where the verdict came from, and where it stands nationally. */
function indicatorRow({L, N}: TableContext, i: Assessment["indicators"][number]): Cell[] {
  // 官方评价 (with its document and bizenv's own verdict beside it) or 模拟评价, 暂定 when made on earlier-year peers.
  const source =
    i.verdict_source === null
      ? null
      : i.verdict_source === "official"
        ? `${L.verdictSource.official}${i.official_source ? ` (${i.official_source})` : ""}; ${L.verdictSource.simulated} ${N.tier(i.simulated_verdict)}`
        : `${L.verdictSource.simulated}${i.is_provisional ? ` · ${L.verdictSource.provisional}` : ""}`;
  return [
    i.number,
    N.indicator(i.indicator_id),
    N.tier(i.goal),
    i.goal_deadline,
    N.tier(i.verdict),
    source,
    L.goalStatus[i.goal_status] ?? i.goal_status,
    i.indicator_score === null ? null : `${i.indicator_score.toFixed(1)} (${i.indicator_score_year})`,
    i.score_change === null ? null : Math.round(i.score_change * 10) / 10,
    N.metric(i.headline_metric),
    i.city_value,
    i.dtf_score,
    i.peer_rank === null ? null : `${i.peer_rank} / ${i.peer_count ?? "?"}`,
    i.percentile,
    i.references.map((r) => `${r.reference} ${r.value ?? "—"}${r.source ? ` (${r.source})` : ""}`).join("; ") || null,
    i.rule_id,
    i.evidence,
  ];
}

/** Every indicator: its tier goal and verdict, where the verdict came from, and where it stands nationally. */
function indicatorsTable(ctx: TableContext): Table {
  return {
    id: "indicators",
    title: ctx.L.sections.indicators,
    columns: indicatorColumns(ctx.col),
    rows: ctx.a.indicators.map((i) => indicatorRow(ctx, i)),
  };
}

/** The provisional verdicts again, apart: they may change once the peers' values of the same year are loaded. */
function provisionalTable(ctx: TableContext): Table {
  return {
    id: "provisional",
    title: ctx.L.sections.provisional,
    columns: indicatorColumns(ctx.col),
    rows: ctx.a.indicators.filter((i) => i.is_provisional).map((i) => indicatorRow(ctx, i)),
  };
}

/** Every task × responsible unit with its status on the evaluation date. */
function tasksTable({a, L, N, col}: TableContext): Table {
  return {
    id: "tasks",
    title: L.sections.tasks,
    columns: [
      col("task", "int"),
      col("indicator"),
      col("responsible_unit"),
      col("deadline", "date"),
      col("status"),
      col("export_status"),
      col("reported_on", "date"),
      col("percent_done", "int"),
      col("days_late", "int"),
    ],
    rows: a.tasks.map((t) => [
      t.task_number,
      N.indicator(t.indicator_id),
      N.unit(t.unit_id),
      t.deadline,
      L.taskStatus[t.status] ?? t.status,
      t.export_status,
      t.reported_on,
      t.percent_done,
      t.days_late,
    ]),
  };
}

/** Every unit's record, score, place and list (十佳 / 十差). */
function unitsTable({a, L, N, col}: TableContext): Table {
  return {
    id: "units",
    title: L.sections.units,
    columns: [
      col("rank", "int"),
      col("responsible_unit"),
      col("score", "dec1"),
      col("on_time_rate", "dec1"),
      col("satisfaction_index", "dec1"),
      col("hotline_on_time", "dec1"),
      col("tasks_judged", "int"),
      col("done_on_time", "int"),
      col("done_late", "int"),
      col("overdue", "int"),
      col("supervision_breaches", "int"),
      col("open", "int"),
      col("ongoing", "int"),
      col("satisfaction_n", "int"),
      col("hotline_satisfaction", "dec1"),
      col("list"),
    ],
    rows: a.units.map((u) => [
      u.rank,
      N.unit(u.unit_id),
      u.score,
      u.on_time_rate,
      u.satisfaction_index,
      u.hotline_on_time_rate,
      u.tasks_judged,
      u.done_on_time,
      u.done_late,
      u.overdue,
      u.supervision_breaches,
      u.open,
      u.ongoing,
      u.satisfaction_n,
      u.hotline_satisfaction_rate,
      u.list ? (L.list[u.list] ?? u.list) : null,
    ]),
  };
}

/** What a reader must know before trusting the figures, most serious first. */
function caveatsTable({a, L, col, lang}: TableContext): Table {
  return {
    id: "caveats",
    title: L.sections.caveats,
    columns: [col("severity"), col("subject"), col("message")],
    rows: a.caveats.map((c) => [L.severity[c.severity] ?? c.severity, c.subject, lang === "zh" ? c.zh : c.en]),
  };
}

/** Each feed's health: rows, rejects, files, freshness. */
function feedsTable({a, L, col}: TableContext): Table {
  return {
    id: "feeds",
    title: L.sections.feeds,
    columns: [
      col("feed"),
      col("rows", "int"),
      col("rejected", "int"),
      col("reject_rate", "dec1"),
      col("files", "int"),
      col("refused_files", "int"),
      col("data_to", "date"),
      col("freshness"),
      col("synthetic_rows", "int"),
    ],
    rows: a.feeds.map((f) => [
      f.feed,
      f.rows,
      f.rejected,
      f.reject_rate_pct,
      f.files,
      f.refused_files,
      f.data_as_of,
      f.freshness,
      f.synthetic_rows,
    ]),
  };
}
