import type {Columnar} from "../../pipeline/shared/columnar.ts";

export type {Columnar};

/**
 * Rows back from a `Columnar` table (pipeline/shared/columnar.ts, written by the data loaders to halve their size).
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
