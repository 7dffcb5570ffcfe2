import type {PlanJson} from "../../pipeline/catalog/index.ts";
import type {ExportRow} from "../../pipeline/export/exportsContract.ts";
import {metricInfo, type MetricInfo} from "./overviewData.ts";

export interface AreasData {
  as_of: string;
  synthetic: boolean;
  areas: Array<{id: string; name_zh: string; name_en: string; kind: string}>;
  metrics: Array<MetricInfo & {indicator: string; indicator_zh: string; indicator_en: string}>;
  years: number[];
  /** One cell per metric, area and year: value, rank among the areas ranked, and status against the target. */
  cells: Array<{
    metric: string;
    area: string;
    year: number;
    value: number | null;
    rank: number | null;
    of: number | null;
    status: string | null;
  }>;
}

/** The areas page's heat table: areas.csv with names, metrics in catalog order (those with any area value). Pure. */
export function areasData(
  plan: PlanJson,
  meta: {as_of: string; synthetic: boolean},
  rows: ExportRow<"areas.csv">[],
): AreasData {
  const withValues = new Set(rows.map((r) => r.metric_id));
  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  return {
    ...meta,
    areas: plan.areas
      .filter((a) => a.kind !== "city")
      .map((a) => ({id: a.id, name_zh: a.name_zh, name_en: a.name_en, kind: a.kind})),
    metrics: plan.metrics
      .filter((m) => withValues.has(m.id))
      .map((m) => ({
        ...metricInfo(plan, m.id)!,
        indicator: m.indicator,
        indicator_zh: indicators.get(m.indicator)?.name_zh ?? m.indicator,
        indicator_en: indicators.get(m.indicator)?.name_en ?? m.indicator,
      })),
    years: [...new Set(rows.map((r) => r.year!).filter((y) => y !== null))].sort(),
    cells: rows.map((r) => ({
      metric: r.metric_id!,
      area: r.area_id!,
      year: r.year!,
      value: r.value,
      rank: r.rank,
      of: r.areas_ranked,
      status: r.status,
    })),
  };
}
