import {Bool, Float64, Table, Utf8, vectorFromArray, type Vector} from "apache-arrow";
import {neutralizeFormula} from "./neutralizeFormula.ts";

/** How a column is written: numbers stay numbers in CSV and Float64 in Arrow; everything else is text or a boolean. */
type ColumnType = "text" | "number" | "boolean";

/** One exported table: its file name (without extension), its columns in contract order, and its rows. */
export interface ExportTable {
  name: string;
  columns: ReadonlyArray<{name: string; type: ColumnType}>;
  rows: ReadonlyArray<Record<string, unknown>>;
}

/** Make a table spec from column names and the subset holding numbers / booleans. */
export function exportTable(
  name: string,
  columns: readonly string[],
  numbers: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  booleans: readonly string[] = ["is_synthetic", "on_course"],
): ExportTable {
  return {
    name,
    columns: columns.map((c) => ({
      name: c,
      type: numbers.includes(c) ? "number" : booleans.includes(c) ? "boolean" : "text",
    })),
    rows,
  };
}

/**
 * A number as CSV text: at most 6 decimals (durations are in workdays; 1e-6 workday is 0.03 s), no exponent for
 * ordinary magnitudes, `-0` as `0`, and empty for null / NaN / ±Infinity (an empty cell is "no value").
 *
 * @example formatNumber(2.5000000000000004) // "2.5"
 */
export function formatNumber(value: unknown): string {
  if (value === null || value === undefined) return "";
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return "";
  const rounded = Math.round(n * 1e6) / 1e6;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The table as CSV (UTF-8, header row, `\n` line ends): numbers formatted by {@link formatNumber}, booleans as
 * `true`/`false`, text cells neutralised against spreadsheet formulas ({@link neutralizeFormula}).
 */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => csvField(c.name)).join(",")];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((c) => {
          const v = row[c.name];
          if (c.type === "number") return formatNumber(v);
          if (v === null || v === undefined) return "";
          if (c.type === "boolean") return v ? "true" : "false";
          return csvField(String(neutralizeFormula(String(v))));
        })
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** The table as an Arrow table: Float64 numbers, Utf8 text (not neutralised: Arrow is read by SQL, not Excel), Bool. */
export function toArrow(table: ExportTable): Table {
  const vectors: Record<string, Vector<Float64> | Vector<Bool> | Vector<Utf8>> = {};
  for (const c of table.columns) {
    const values = table.rows.map((r) => r[c.name]);
    if (c.type === "number") {
      vectors[c.name] = vectorFromArray(
        values.map((v) => (v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v))),
        new Float64(),
      );
    } else if (c.type === "boolean") {
      vectors[c.name] = vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : Boolean(v))),
        new Bool(),
      );
    } else {
      vectors[c.name] = vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : String(v))),
        new Utf8(),
      );
    }
  }
  return new Table(vectors);
}
