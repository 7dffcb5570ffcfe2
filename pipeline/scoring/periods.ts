/**
 * Reporting periods as the exports name them (docs/exports.md): `month` 2022-03, `quarter` 2022-Q1, `year` 2022,
 * each with its first day. The same labels as mart_metric_periods builds in SQL.
 */
export type PeriodType = "month" | "quarter" | "year";
export const PERIOD_TYPES: readonly PeriodType[] = ["month", "quarter", "year"];

export interface Period {
  period_type: PeriodType;
  period: string;
  /** `YYYY-MM-DD`. */
  period_start: string;
}

/**
 * The period of `type` that contains `date` (`YYYY-MM-DD`).
 *
 * @example periodOf("2022-05-17", "quarter") // {period_type: "quarter", period: "2022-Q2", period_start: "2022-04-01"}
 */
export function periodOf(date: string, type: PeriodType): Period {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (type === "month") return {period_type: type, period: date.slice(0, 7), period_start: `${date.slice(0, 7)}-01`};
  if (type === "year") return {period_type: type, period: year, period_start: `${year}-01-01`};
  const q = Math.floor((month - 1) / 3) + 1;
  return {period_type: type, period: `${year}-Q${q}`, period_start: `${year}-${String(3 * q - 2).padStart(2, "0")}-01`};
}

/**
 * Every period of `type` from the one containing `from` to the one containing `to` (dates `YYYY-MM-DD`), in order.
 *
 * @example periodsBetween("2022-11-03", "2023-01-10", "month").map((p) => p.period) // ["2022-11", "2022-12", "2023-01"]
 */
export function periodsBetween(from: string, to: string, type: PeriodType): Period[] {
  if (to < from) return [];
  const out: Period[] = [];
  const step = type === "month" ? 1 : type === "quarter" ? 3 : 12;
  let cursor = periodOf(from, type).period_start;
  const last = periodOf(to, type).period_start;
  while (cursor <= last) {
    out.push(periodOf(cursor, type));
    const y = Number(cursor.slice(0, 4));
    const m = Number(cursor.slice(5, 7)) - 1 + step;
    cursor = `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`;
  }
  return out;
}

/** The last day of a month `YYYY-MM`. */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * A target's segment as the exports spell it: `all`, or `key=value` pairs joined by `;` in the catalog's order.
 *
 * @example segmentLabel({supply_class: "low_voltage"}) // "supply_class=low_voltage"
 */
export function segmentLabel(segment: Record<string, string | boolean> | null | undefined): string {
  if (!segment || Object.keys(segment).length === 0) return "all";
  return Object.entries(segment)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(";");
}
