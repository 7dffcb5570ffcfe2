import type {Catalog} from "../catalog/index.ts";
import {LABELS} from "./labels.ts";
import {reportNames} from "./reportNames.ts";
import type {Cell, Table} from "./table.ts";
import type {Assessment, Lang} from "./types.ts";

/** What changed, one row per change: kind, item, before, after. */
export function changesTable(a: Pick<Assessment, "changes">, catalog: Catalog, lang: Lang): Table {
  const L = LABELS[lang];
  const N = reportNames(catalog, lang);
  const H = L.headers;
  const c = a.changes!;
  /** `达标 · 95.86 · 2023-Q1: 96.1`: verdict, judged value, value over the period. */
  const v = (verdict: string | null, value: number | null, period: string | null, periodValue: number | null) =>
    [
      verdict ? (L.targetVerdict[verdict] ?? verdict) : "—",
      value === null ? null : String(value),
      period === null ? null : `${period}: ${periodValue ?? "—"}`,
    ]
      .filter((x) => x !== null)
      .join(" · ");
  const rows: Cell[][] = [
    ...c.targets.map((t): Cell[] => [
      L.changeKinds.target!,
      t.clause,
      v(t.from_verdict, t.from_value, t.from_period, t.from_period_value),
      v(t.to_verdict, t.to_value, t.to_period, t.to_period_value),
    ]),
    ...c.indicators.map((i): Cell[] => [
      L.changeKinds.indicator!,
      N.indicator(i.indicator_id),
      N.tier(i.from_verdict) || "—",
      N.tier(i.to_verdict) || "—",
    ]),
    ...c.tasks.map((t): Cell[] => [
      L.changeKinds.task!,
      `${t.task_number} · ${N.unit(t.unit_id)}`,
      t.from_status ? (L.taskStatus[t.from_status] ?? t.from_status) : "—",
      t.to_status ? (L.taskStatus[t.to_status] ?? t.to_status) : "—",
    ]),
    ...c.units.map((u): Cell[] => [
      L.changeKinds.unit!,
      N.unit(u.unit_id),
      `${u.from_rank ?? "—"} (${u.from_score ?? "—"})${u.from_list ? ` ${L.list[u.from_list] ?? u.from_list}` : ""}`,
      `${u.to_rank ?? "—"} (${u.to_score ?? "—"})${u.to_list ? ` ${L.list[u.to_list] ?? u.to_list}` : ""}`,
    ]),
  ];
  return {
    id: "changes",
    title: `${L.sections.changes}: ${c.from} → ${c.to}`,
    columns: [
      {key: "change_kind", header: H.change_kind!, kind: "text"},
      {key: "item", header: H.item!, kind: "text"},
      {key: "from", header: H.from!, kind: "text"},
      {key: "to", header: H.to!, kind: "text"},
    ],
    rows,
  };
}
