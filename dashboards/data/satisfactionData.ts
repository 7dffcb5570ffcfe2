import type {PlanJson} from "../../pipeline/catalog/index.ts";
import type {ExportRow} from "../../pipeline/export/exportsContract.ts";

/** A satisfaction index for a month: respondents and the index weighted by them. */
interface IndexPoint {
  month: string;
  respondent_type: string;
  survey: string;
  unit: string;
  n: number;
  index: number | null;
}

interface HotlinePoint {
  month: string;
  unit: string;
  tickets: number;
  tickets_due: number;
  on_time_rate: number | null;
  callers_rated: number;
  satisfaction_rate: number | null;
}

export interface SatisfactionData {
  as_of: string;
  synthetic: boolean;
  units: Array<{id: string; name_zh: string; name_en: string}>;
  /** The city per month, respondent type and survey, plus survey "all" (every survey, weighted by respondents). */
  city: IndexPoint[];
  /** Each unit per month and respondent type, every survey together (survey "all"). */
  byUnit: IndexPoint[];
  /** The 12345 hotline for the whole city per month (unit "all"), and per unit and month as exported. */
  hotline: HotlinePoint[];
  /** The last 12 months of data (`from`…`to`), per unit: both indices and the hotline, weighted as above. */
  summary: {from: string; to: string; units: UnitSummary[]};
}

interface UnitSummary {
  unit: string;
  enterprise_index: number | null;
  enterprise_n: number;
  citizen_index: number | null;
  citizen_n: number;
  tickets: number;
  on_time_rate: number | null;
  satisfaction_rate: number | null;
}

/** Weighted mean of `value` by `weight` over rows with both; null when no weight. */
function weighted<T>(rows: T[], value: (r: T) => number | null, weight: (r: T) => number | null): number | null {
  let sum = 0;
  let w = 0;
  for (const r of rows) {
    const v = value(r);
    const k = weight(r);
    if (v === null || k === null || k <= 0) continue;
    sum += v * k;
    w += k;
  }
  return w > 0 ? Math.round((sum / w) * 100) / 100 : null;
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return groups;
}

/**
 * The 双满意 page's data: satisfaction indices weighted by respondents (city per survey, city over all surveys, each
 * unit over all surveys) and the hotline's on-time and satisfaction rates (city totals weighted by tickets due and by
 * callers who rated). Bounded by units × months. Pure.
 */
export function satisfactionData(
  plan: PlanJson,
  meta: {as_of: string; synthetic: boolean},
  satisfaction: ExportRow<"satisfaction.csv">[],
  hotline: ExportRow<"hotline.csv">[],
): SatisfactionData {
  const index = (rows: ExportRow<"satisfaction.csv">[]) =>
    weighted(
      rows,
      (r) => r.index,
      (r) => r.n,
    );
  const count = (rows: ExportRow<"satisfaction.csv">[]) => rows.reduce((s, r) => s + (r.n ?? 0), 0);
  const city: IndexPoint[] = [];
  for (const [key, rows] of groupBy(satisfaction, (r) => `${r.month}|${r.respondent_type}|${r.survey}`)) {
    const [month, respondent_type, survey] = key.split("|") as [string, string, string];
    city.push({month, respondent_type, survey, unit: "all", n: count(rows), index: index(rows)});
  }
  for (const [key, rows] of groupBy(satisfaction, (r) => `${r.month}|${r.respondent_type}`)) {
    const [month, respondent_type] = key.split("|") as [string, string];
    city.push({month, respondent_type, survey: "all", unit: "all", n: count(rows), index: index(rows)});
  }
  const byUnit: IndexPoint[] = [];
  for (const [key, rows] of groupBy(satisfaction, (r) => `${r.month}|${r.respondent_type}|${r.unit_id}`)) {
    const [month, respondent_type, unit] = key.split("|") as [string, string, string];
    byUnit.push({month, respondent_type, survey: "all", unit, n: count(rows), index: index(rows)});
  }
  const hot: HotlinePoint[] = hotline.map((h) => ({
    month: h.month!,
    unit: h.unit_id!,
    tickets: h.tickets ?? 0,
    tickets_due: h.tickets_due ?? 0,
    on_time_rate: h.on_time_rate,
    callers_rated: h.callers_rated ?? 0,
    satisfaction_rate: h.satisfaction_rate,
  }));
  for (const [month, rows] of groupBy(hot, (h) => h.month)) {
    hot.push({
      month,
      unit: "all",
      tickets: rows.reduce((s, r) => s + r.tickets, 0),
      tickets_due: rows.reduce((s, r) => s + r.tickets_due, 0),
      on_time_rate: weighted(
        rows,
        (r) => r.on_time_rate,
        (r) => r.tickets_due,
      ),
      callers_rated: rows.reduce((s, r) => s + r.callers_rated, 0),
      satisfaction_rate: weighted(
        rows,
        (r) => r.satisfaction_rate,
        (r) => r.callers_rated,
      ),
    });
  }
  const byMonth = (a: {month: string}, b: {month: string}) => a.month.localeCompare(b.month);
  const months = [...new Set([...satisfaction.map((r) => r.month!), ...hotline.map((h) => h.month!)])].sort();
  const to = months.at(-1) ?? "";
  const from = months.at(-12) ?? months[0] ?? "";
  const recent = <T extends {month: string | null}>(rows: T[]) =>
    rows.filter((r) => r.month! >= from && r.month! <= to);
  const recentRatings = recent(satisfaction);
  const recentHotline = recent(hot).filter((h) => h.unit !== "all");
  const seen = new Set([...satisfaction.map((s) => s.unit_id), ...hotline.map((h) => h.unit_id)]);
  return {
    ...meta,
    units: plan.units.filter((u) => seen.has(u.id)).map((u) => ({id: u.id, name_zh: u.name_zh, name_en: u.name_en})),
    city: city.sort(byMonth),
    byUnit: byUnit.sort(byMonth),
    hotline: hot.sort(byMonth),
    summary: {
      from,
      to,
      units: plan.units
        .filter((u) => seen.has(u.id))
        .map((u) => {
          const ratings = (type: string) =>
            recentRatings.filter((r) => r.unit_id === u.id && r.respondent_type === type);
          const calls = recentHotline.filter((h) => h.unit === u.id);
          return {
            unit: u.id,
            enterprise_index: index(ratings("enterprise")),
            enterprise_n: count(ratings("enterprise")),
            citizen_index: index(ratings("citizen")),
            citizen_n: count(ratings("citizen")),
            tickets: calls.reduce((s, h) => s + h.tickets, 0),
            on_time_rate: weighted(
              calls,
              (h) => h.on_time_rate,
              (h) => h.tickets_due,
            ),
            satisfaction_rate: weighted(
              calls,
              (h) => h.satisfaction_rate,
              (h) => h.callers_rated,
            ),
          };
        }),
    },
  };
}
