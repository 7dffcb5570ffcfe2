import {html} from "npm:htl";
import {tr, type Lang} from "./i18n.js";
import {csvText, type DownloadColumn} from "./csv.js";
import {xlsxBytes} from "./xlsx.js";

export type {DownloadColumn};

function save(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Two buttons that download `rows` as `<name>.xlsx` and `<name>.csv`. `rows` may be a function, read at click time,
 * so the buttons always save what the table shows after filtering.
 */
export function downloadButtons<T>(
  rows: T[] | (() => T[]),
  columns: DownloadColumn<T>[],
  {name, lang}: {name: string; lang: Lang},
) {
  const current = () => (typeof rows === "function" ? rows() : rows);
  const xlsx = () => {
    const bytes = xlsxBytes(
      name,
      columns.map((c) => c.label),
      current().map((r) => columns.map((c) => c.value(r))),
    );
    save(
      `${name}.xlsx`,
      new Blob([bytes], {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    );
  };
  const csv = () => save(`${name}.csv`, new Blob([csvText(current(), columns)], {type: "text/csv;charset=utf-8"}));
  return html`<div class="downloads" data-download=${name}>
    <span>${tr(lang, "下载", "Download")}</span>
    <button type="button" data-format="xlsx" onclick=${xlsx}>Excel (XLSX)</button>
    <button type="button" data-format="csv" onclick=${csv}>CSV</button>
  </div>`;
}
