/**
 * A table as column names and rows of values, for the larger arrays pages load: JSON then spells each key once
 * instead of once per row (about half the bytes). The data loaders write it (`toColumnar`), pages read it back
 * (`fromColumnar`); both ends live here so the format has one home.
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

/**
 * Rows back from a `Columnar` table (written by the data loaders to halve their size).
 *
 * @example fromColumnar({columns: ["a", "b"], rows: [[1, 2]]}) // [{a: 1, b: 2}]
 */
export function fromColumnar<T>(table: Columnar<T>): T[] {
  return table.rows.map((values) => {
    const row: Record<string, unknown> = {};
    table.columns.forEach((c, i) => (row[c] = values[i]));
    return row as T;
  });
}
