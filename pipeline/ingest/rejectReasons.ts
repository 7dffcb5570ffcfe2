import type {Warehouse} from "../db.ts";

/** One reason rows of a load were rejected: the column and rule, how many rows, and the first lines it hit. */
export interface RejectReason {
  column: string | null;
  rule: string;
  rows: number;
  /** The first few lines (or sheet rows) in file order; `rows` says how many there are in all. */
  first_lines: number[];
  /**
   * A workbook load of several sheets: where each of `first_lines` is, as its sheet and row there (a later sheet's
   * line, e.g. 10000005, encodes both). Absent for a CSV or a single sheet, whose lines are the rows.
   */
  first_places?: Array<{sheet: string; row: number}>;
}

/** How many reasons a load reports, and how many lines each names: enough to act on, short enough to read. */
const REJECT_REASONS_SHOWN = 5;
const REJECT_LINES_SHOWN = 3;

/**
 * The top reasons load `loadId` rejected rows, most rows first (a row breaking two rules counts under both), from
 * load_rejects. Only columns and rules are named, never the rejected values: they may be personal data.
 */
export async function rejectReasons(warehouse: Warehouse, loadId: number): Promise<RejectReason[]> {
  const rows = await warehouse.all<{
    column: string | null;
    rule: string;
    rows: number;
    first: Array<{line: number; sheet: string | null; sheet_row: number | null}>;
    sheets: number;
  }>(
    `with hit as (
       select distinct column_name, rule, line, sheet, sheet_row from load_rejects where load_id = $1
     )
     select column_name as "column", rule, count(*)::integer as rows,
            list(struct_pack(line := line::integer, sheet := sheet, sheet_row := sheet_row::integer)
                 order by line)[1:${REJECT_LINES_SHOWN}] as first,
            (select count(distinct sheet) from load_rejects where load_id = $1)::integer as sheets
     from hit
     group by column_name, rule
     order by rows desc, min(line), rule, column_name
     limit ${REJECT_REASONS_SHOWN}`,
    [loadId],
  );
  return rows.map((r) => {
    const first_lines = r.first.map((f) => Number(f.line));
    const placed = r.sheets > 1 && r.first.every((f) => f.sheet !== null && f.sheet_row !== null);
    return {
      column: r.column,
      rule: r.rule,
      rows: r.rows,
      first_lines,
      ...(placed ? {first_places: r.first.map((f) => ({sheet: f.sheet!, row: Number(f.sheet_row)}))} : {}),
    };
  });
}

/**
 * A reason as `bizenv load` prints it: `  312 × area: unknown area (lines 4, 9, 17, …)`.
 *
 * @example formatRejectReason({column: "area", rule: "unknown_area", rows: 2, first_lines: [4, 9]})
 * // "2 × area: unknown area (lines 4, 9)"; of two sheets: "2 × area: unknown area (城东区 row 4, 城西区 row 9)"
 */
export function formatRejectReason(r: RejectReason): string {
  const more = r.rows > r.first_lines.length ? ", …" : "";
  const lines = r.first_places
    ? `${r.first_places.map((p) => `${p.sheet} row ${p.row}`).join(", ")}${more}`
    : `line${r.first_lines.length === 1 && !more ? "" : "s"} ${r.first_lines.join(", ")}${more}`;
  return `${r.rows} × ${r.column ? `${r.column}: ` : ""}${r.rule.replaceAll("_", " ")} (${lines})`;
}
