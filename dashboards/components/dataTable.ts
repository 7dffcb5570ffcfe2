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
 *
 * `browse` makes a long table keep the page short: a fixed-height box that scrolls, a search field that hides the rows
 * not containing the words typed, and headers that sort by their column (buttons, so the keyboard can use them, with
 * aria-sort saying the order). Every table's scroll box takes the keyboard focus and is named by `label`, so a wide or
 * long table can be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function dataTable<T>(
  rows: T[],
  columns: Column<T>[],
  {
    lang,
    name,
    label = name,
    limit = Infinity,
    browse = false,
    search = true,
    rowData,
    rowClass,
  }: {
    lang: Lang;
    name: string;
    /** What a screen reader calls the table (defaults to the download's name). */
    label?: string;
    limit?: number;
    browse?: boolean;
    /** Whether a `browse` table has its own search field (false when the page filters the rows already). */
    search?: boolean;
    rowData?: (row: T) => Record<string, string | number>;
    rowClass?: (row: T) => string;
  },
) {
  const shown = rows.slice(0, limit);
  const body = shown.map((row) => {
    const tr_ = html`<tr class=${rowClass?.(row) ?? ""}>
      ${columns.map(
        (c) => html`<td class=${[c.num ? "num" : "", c.className ?? ""].join(" ").trim()}>${display(c, row)}</td>`,
      )}
    </tr>` as HTMLTableRowElement;
    for (const [k, v] of Object.entries(rowData?.(row) ?? {})) tr_.setAttribute(`data-${k}`, String(v));
    return tr_;
  });
  const headers = columns.map((c, i) =>
    browse
      ? html`<th class=${c.num ? "num" : ""} aria-sort="none">
          <button type="button" class="sort-button" data-column=${i}>${c.label}</button>
        </th>`
      : html`<th class=${c.num ? "num" : ""}>${c.label}</th>`,
  );
  const tbody = html`<tbody>
    ${body}
  </tbody>` as HTMLTableSectionElement;
  const table = html`<div
    class=${browse ? "table-scroll table-fixed" : "table-scroll"}
    tabindex="0"
    role="region"
    aria-label=${label}
  >
    <table class="data-table">
      <thead>
        <tr>
          ${headers}
        </tr>
      </thead>
      ${tbody}
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
  const tools = browse ? browseTools(shown, columns, body, tbody, headers as HTMLElement[], {lang, search}) : "";
  return html`<div class="data-table-block">
    ${downloadButtons(rows, columns, {name, lang})}${tools}${table}${more}
  </div>`;
}

/** The search field and sorting of a `browse` table: they reorder and hide the rendered rows, never re-render them. */
function browseTools<T>(
  rows: T[],
  columns: Column<T>[],
  body: HTMLTableRowElement[],
  tbody: HTMLTableSectionElement,
  headers: HTMLElement[],
  {lang, search: searchable}: {lang: Lang; search: boolean},
) {
  const text = body.map((tr_) => (tr_.textContent ?? "").toLowerCase());
  const count = html`<span class="table-count" aria-live="polite"
    >${countText(rows.length, rows.length, lang)}</span
  >` as HTMLElement;
  const search = html`<input
    type="search"
    class="table-search"
    aria-label=${tr(lang, "在表中查找", "Find in the table")}
    placeholder=${tr(lang, "查找…", "Find…")}
  />` as HTMLInputElement;
  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    body.forEach((tr_, i) => {
      const keep = words.every((w) => text[i]!.includes(w));
      tr_.hidden = !keep;
      if (keep) n++;
    });
    count.textContent = countText(n, rows.length, lang);
  });
  const collator = new Intl.Collator(lang === "zh" ? "zh-CN" : "en", {numeric: true});
  headers.forEach((th, i) => {
    th.querySelector("button")!.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      for (const h of headers) h.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const column = columns[i]!;
      const order = rows
        .map((_, k) => k)
        .sort((a, b) => {
          const d = compare(column.value(rows[a]!), column.value(rows[b]!), collator);
          return ascending ? d : -d;
        });
      tbody.append(...order.map((k) => body[k]!));
    });
  });
  return searchable ? html`<div class="table-tools no-print">${search}${count}</div>` : "";
}

/** Numbers by value, text by the page language's collation; empty cells last either way round of the sort. */
function compare(a: unknown, b: unknown, collator: Intl.Collator): number {
  const empty = (v: unknown) => v === null || v === undefined || v === "";
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

function countText(shown: number, total: number, lang: Lang) {
  return shown === total
    ? tr(lang, `共 ${total} 行`, `${total} rows`)
    : tr(lang, `显示 ${shown} 行,共 ${total} 行`, `${shown} of ${total} rows`);
}

function display<T>(column: Column<T>, row: T): unknown {
  if (column.format) return column.format(row);
  const v = column.value(row);
  return v === null || v === undefined ? "—" : v;
}
