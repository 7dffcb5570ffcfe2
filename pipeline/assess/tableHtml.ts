import type {Cell, CellKind, Table} from "./table.ts";

const ESCAPES: Record<string, string> = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
/** Text made safe for HTML: every figure and name from the exports passes through here. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function cellText(value: Cell, kind: CellKind): string {
  if (value === null || value === "") return "";
  if (typeof value === "number") {
    if (kind === "num") return value.toFixed(2);
    if (kind === "dec1") return value.toFixed(1);
    return String(value);
  }
  return esc(value);
}

/**
 * A table of the report: the columns named by `keys` (all when omitted), numbers right-aligned, `nowrap` columns
 * kept on one line; `classOf` adds a class to a cell (verdict colours) from the row's index and the column's key.
 */
export function tableHtml(
  table: Table,
  options: {keys?: string[]; nowrap?: string[]; classOf?: (row: number, key: string) => string | null} = {},
): string {
  const {keys, nowrap = [], classOf} = options;
  const columns = keys
    ? keys.map((k) => table.columns.findIndex((c) => c.key === k)).filter((i) => i >= 0)
    : table.columns.map((_, i) => i);
  const head = columns.map((i) => `<th>${esc(table.columns[i]!.header)}</th>`).join("");
  const body = table.rows
    .map((row, r) => {
      const cells = columns.map((i) => {
        const col = table.columns[i]!;
        const classes = [
          ["int", "num", "dec1", "general"].includes(col.kind) ? "n" : null,
          col.kind === "hash" ? "hash" : null,
          col.kind === "date" || nowrap.includes(col.key) ? "nw" : null,
          classOf?.(r, col.key) ?? null,
        ].filter(Boolean);
        return `<td${classes.length ? ` class="${classes.join(" ")}"` : ""}>${cellText(row[i] ?? null, col.kind)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
