/**
 * A table as column names and rows of values, for the larger arrays pages load: JSON then spells each key once
 * instead of once per row (about half the bytes). dashboards/components/columnar.ts reads it back.
 */
export interface Columnar<T> {
  columns: Array<keyof T & string>;
  rows: unknown[][];
}

/**
 * Encode rows (all with the same keys as the first) as a `Columnar` table; an empty array gives no columns. Numbers
 * keep at most `digits` decimals (pages show two; exports carry up to fifteen).
 */
export function toColumnar<T extends object>(rows: T[], {digits = 4}: {digits?: number} = {}): Columnar<T> {
  const columns = (rows.length ? Object.keys(rows[0]!) : []) as Array<keyof T & string>;
  const scale = 10 ** digits;
  const cell = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.round(v * scale) / scale : v);
  return {columns, rows: rows.map((r) => columns.map((c) => cell(r[c])))};
}
