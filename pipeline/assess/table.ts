// A table of the report: the workbook sheet, the HTML table and the PDF page are all made from one.

/**
 * How a column is shown: text; int (counts); num (measured values, two decimals); dec1 (scores and rates, one
 * decimal); general (a number shown as it is); date (ISO date text, a date cell in the workbook); hash (sha256,
 * monospace).
 */
export type CellKind = "text" | "int" | "num" | "dec1" | "general" | "date" | "hash";
export type Cell = string | number | null;

export interface Column {
  key: string;
  header: string;
  kind: CellKind;
}

export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
}
