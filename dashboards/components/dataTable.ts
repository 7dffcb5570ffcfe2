import {html} from "npm:htl";
import {downloadButtons} from "./download.js";
import {tr, type Lang} from "./i18n.js";

/** A table column: header, raw value (what downloads get), how it shows, and whether it is a number (right-aligned). */
export interface Column<T> {
  label: string;
  value: (row: T) => unknown;
  format?: (row: T) => unknown;
  num?: boolean;
  className?: string;
}

/**
 * A plain HTML table (it wraps Chinese text and prints whole, unlike a scrolling Inputs.table) with Excel and CSV
 * downloads of exactly its rows, raw values and headers in the page's language. `rowData` puts data-* attributes on
 * each row (tests find rows by them). Long tables show their first `limit` rows with a note; downloads hold all.
 */
export function dataTable<T>(
  rows: T[],
  columns: Column<T>[],
  {
    lang,
    name,
    limit = Infinity,
    rowData,
    rowClass,
  }: {
    lang: Lang;
    name: string;
    limit?: number;
    rowData?: (row: T) => Record<string, string | number>;
    rowClass?: (row: T) => string;
  },
) {
  const shown = rows.slice(0, limit);
  const table = html`<div class="table-scroll">
    <table class="data-table">
      <thead>
        <tr>
          ${columns.map((c) => html`<th class=${c.num ? "num" : ""}>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${shown.map((row) => {
          const tr_ = html`<tr class=${rowClass?.(row) ?? ""}>
            ${columns.map(
              (c) =>
                html`<td class=${[c.num ? "num" : "", c.className ?? ""].join(" ").trim()}>${display(c, row)}</td>`,
            )}
          </tr>`;
          for (const [k, v] of Object.entries(rowData?.(row) ?? {}))
            (tr_ as HTMLTableRowElement).setAttribute(`data-${k}`, String(v));
          return tr_;
        })}
      </tbody>
    </table>
  </div>`;
  const more =
    rows.length > shown.length
      ? html`<p class="table-note">
          ${tr(
            lang,
            `仅显示前 ${shown.length} 行,共 ${rows.length} 行;下载可得全部。`,
            `Showing the first ${shown.length} of ${rows.length} rows; downloads hold them all.`,
          )}
        </p>`
      : "";
  return html`<div class="data-table-block">${downloadButtons(rows, columns, {name, lang})}${table}${more}</div>`;
}

function display<T>(column: Column<T>, row: T): unknown {
  if (column.format) return column.format(row);
  const v = column.value(row);
  return v === null || v === undefined ? "—" : v;
}
