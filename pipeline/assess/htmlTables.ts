import {COMPARATOR_SIGNS} from "../../dashboards/components/statusLabels.ts";
import type {Catalog} from "../catalog/index.ts";
import {LABELS} from "./labels.ts";
import {reportNames} from "./reportNames.ts";
import type {Cell, CellKind, Table} from "./table.ts";
import type {Assessment, Lang, TaskAssessment} from "./types.ts";

// Tables only the HTML report shows: condensed views of what the workbook lists in full.

/** The targets as the report shows them: target with its unit, the judged value, the period's, the forecast. */
export function targetsTable(a: Assessment, lang: Lang, catalog: Catalog): Table {
  const L = LABELS[lang];
  const N = reportNames(catalog, lang);
  const H = L.headers;
  const withForecast = a.targets.some((t) => t.forecast !== null);
  const col = (key: string, kind: CellKind = "text") => ({key, kind, header: H[key] ?? key});
  return {
    id: "targets",
    title: L.sections.targets,
    columns: [
      col("clause"),
      col("metric"),
      col("target"),
      col("deadline", "date"),
      col("verdict"),
      col("judged_period"),
      col("actual", "num"),
      col("cases", "int"),
      col("period_value", "num"),
      col("previous_value", "num"),
      ...(withForecast ? [col("projected", "num"), col("forecast_verdict")] : []),
    ],
    rows: a.targets.map((t): Cell[] => [
      t.clause,
      t.segment === "all" ? N.metric(t.metric_id) : `${N.metric(t.metric_id)} (${t.segment})`,
      `${COMPARATOR_SIGNS[t.comparator]} ${t.target} ${L.unitOfMeasure[t.unit] ?? t.unit}${strictBaseline(t, lang, catalog)}`,
      t.deadline,
      L.targetVerdict[t.verdict] ?? t.verdict,
      t.judged?.period ?? null,
      t.judged?.actual ?? null,
      t.judged?.n ?? null,
      t.period_value?.actual ?? null,
      t.previous_value?.actual ?? null,
      ...(withForecast
        ? [
            t.forecast?.projected ?? null,
            t.forecast?.verdict ? (L.forecastVerdict[t.forecast.verdict] ?? t.forecast.verdict) : null,
          ]
        : []),
    ]),
  };
}

/**
 * What a strict target (`<`, `>`: an improvement with no size) is judged against, after its threshold: the
 * baseline it must beat, its value and where it comes from, "(即低于基线 45 天:2021 年中位数)". Empty for other
 * targets, and for a strict one without a measured baseline in the judged period.
 */
export function strictBaseline(t: Assessment["targets"][number], lang: Lang, catalog: Catalog): string {
  if (t.comparator !== "<" && t.comparator !== ">") return "";
  const declared = catalog.targets.find((c) => c.clause === t.clause)?.baseline;
  if (!declared || t.baseline === null) return "";
  const L = LABELS[lang];
  const base = catalog.metrics.find((m) => m.id === declared.metric);
  const unit = base?.unit ?? "";
  const value = `${Math.round(t.baseline * 100) / 100} ${L.unitOfMeasure[unit] ?? unit}`;
  const [year, month] = declared.period.split("-");
  const zh = lang === "zh";
  const period = month ? (zh ? `${year} 年 ${Number(month)} 月` : `${year}-${month}`) : zh ? `${year} 年` : year;
  // Relative targets are cuts of a lower-is-better measure, so "better" is "below" the baseline. A stock (clause
  // 42) has one count a month: its baseline is the month's end count, not a median of cases.
  const stock = base?.kind === "stock";
  const statistic = zh
    ? stock
      ? "月末数"
      : declared.statistic === "median"
        ? "中位数"
        : "平均值"
    : stock
      ? "the count at the end"
      : `the ${declared.statistic}`;
  return zh
    ? `(即低于基线 ${value}:${period}${statistic})`
    : ` (i.e. below the baseline, ${value}: ${statistic} of ${period})`;
}

/** Each source file once, with the targets whose figures it holds (the workbook lists target × file). */
export function evidenceByFile(a: Assessment, lang: Lang): Table {
  const H = LABELS[lang].headers;
  const files = new Map<string, {file: Assessment["targets"][number]["evidence"][number]; clauses: string[]}>();
  for (const t of a.targets) {
    for (const e of t.evidence) {
      const entry = files.get(e.sha256 + e.load_id) ?? {file: e, clauses: []};
      entry.clauses.push(t.clause);
      files.set(e.sha256 + e.load_id, entry);
    }
  }
  const col = (key: string, kind: CellKind = "text") => ({key, kind, header: H[key] ?? key});
  return {
    id: "evidence_by_file",
    title: LABELS[lang].sections.evidence,
    columns: [col("file_name"), col("data_from", "date"), col("data_to", "date"), col("sha256", "hash"), col("clause")],
    rows: [...files.values()]
      .sort((x, y) => x.file.feed.localeCompare(y.file.feed) || x.file.load_id - y.file.load_id)
      .map(({file, clauses}) => [file.file_name, file.data_from, file.data_to, file.sha256, clauses.join(", ")]),
  };
}

/** Per unit: its tasks by status on the evaluation date (the by-unit view of the 督查 bulletins). */
export function tasksByUnit(a: Assessment, lang: Lang, catalog: Catalog): Table {
  const L = LABELS[lang];
  const N = reportNames(catalog, lang);
  const H = L.headers;
  const byUnit = new Map<string, TaskAssessment[]>();
  for (const t of a.tasks) byUnit.set(t.unit_id, [...(byUnit.get(t.unit_id) ?? []), t]);
  const rows = [...byUnit]
    .map(([unit, tasks]) => {
      const count = (s: string) => tasks.filter((t) => t.status === s).length;
      const judged = tasks.filter((t) => t.is_judged).length;
      return {
        unit,
        row: [
          N.unit(unit),
          judged,
          count("done_on_time"),
          count("done_late"),
          count("overdue"),
          count("open"),
          count("ongoing"),
          judged ? Math.round((1000 * count("done_on_time")) / judged) / 10 : null,
        ] as Cell[],
        overdue: count("overdue"),
      };
    })
    .sort((x, y) => y.overdue - x.overdue || x.unit.localeCompare(y.unit));
  const col = (key: string, kind: CellKind, header?: string) => ({key, kind, header: header ?? H[key] ?? key});
  return {
    id: "tasks_by_unit",
    title: L.sections.tasks,
    columns: [
      col("responsible_unit", "text"),
      col("tasks_judged", "int"),
      col("done_on_time", "int"),
      col("done_late", "int"),
      col("overdue", "int"),
      col("open", "int"),
      col("ongoing", "int"),
      col("rate", "dec1", L.summary.task_on_time_rate),
    ],
    rows: rows.map((r) => r.row),
  };
}
