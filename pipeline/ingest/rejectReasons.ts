import type {Warehouse} from "../db.ts";

/** One reason rows of a load were rejected: the column and rule, how many rows, and the first lines it hit. */
export interface RejectReason {
  column: string | null;
  rule: string;
  rows: number;
  /** The first few lines (or sheet rows) in file order; `rows` says how many there are in all. */
  first_lines: number[];
}

/** How many reasons a load reports, and how many lines each names: enough to act on, short enough to read. */
const REJECT_REASONS_SHOWN = 5;
const REJECT_LINES_SHOWN = 3;

/**
 * The top reasons load `loadId` rejected rows, most rows first (a row breaking two rules counts under both), from
 * load_rejects. Only columns and rules are named, never the rejected values: they may be personal data.
 */
export async function rejectReasons(warehouse: Warehouse, loadId: number): Promise<RejectReason[]> {
  const rows = await warehouse.all<{column: string | null; rule: string; rows: number; first_lines: number[]}>(
    `select column_name as "column", rule, count(distinct line)::integer as rows,
            list_sort(list(distinct line))[1:${REJECT_LINES_SHOWN}]::integer[] as first_lines
     from load_rejects where load_id = $1
     group by column_name, rule
     order by rows desc, min(line), rule, column_name
     limit ${REJECT_REASONS_SHOWN}`,
    [loadId],
  );
  return rows.map((r) => ({...r, first_lines: r.first_lines.map(Number)}));
}

/**
 * A reason as `bizenv load` prints it: `  312 × area: unknown area (lines 4, 9, 17, …)`.
 *
 * @example formatRejectReason({column: "area", rule: "unknown_area", rows: 2, first_lines: [4, 9]})
 * // "2 × area: unknown area (lines 4, 9)"
 */
export function formatRejectReason(r: RejectReason): string {
  const more = r.rows > r.first_lines.length ? ", …" : "";
  const lines = `line${r.first_lines.length === 1 && !more ? "" : "s"} ${r.first_lines.join(", ")}${more}`;
  return `${r.rows} × ${r.column ? `${r.column}: ` : ""}${r.rule.replaceAll("_", " ")} (${lines})`;
}
