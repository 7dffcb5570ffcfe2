import {html} from "npm:htl";
import type {AreasData} from "../data/areasData.ts";
import {formatDecimal, nameOf, tr, unitLabel, type Lang} from "./i18n.js";
import {areaKindLabel} from "./labels.js";

export type {AreasData};

/** Rank 1 (best) green through yellow to the last rank red, as a pale background that keeps text readable. */
function rankColor(rank: number, of: number): string {
  const t = of > 1 ? (rank - 1) / (of - 1) : 0; // 0 best … 1 worst
  const stops: Array<[number, number, number]> = [
    [199, 233, 192],
    [255, 245, 196],
    [250, 199, 190],
  ];
  const [a, b, u] = t < 0.5 ? [stops[0]!, stops[1]!, t * 2] : [stops[1]!, stops[2]!, (t - 0.5) * 2];
  const mix = (i: number) => Math.round(a[i]! + (b[i]! - a[i]!) * u);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/**
 * Counties, districts and parks against each other: one row per area, one column per metric, each cell the area's
 * value in `year` on a background from green (ranked first) to red (ranked last), with its rank. Ranks are the
 * exports' own (polarity-aware: for durations the shortest is first). Empty cells: the area has no value.
 */
export function heatTable(data: AreasData, {year, lang, metrics}: {year: number; lang: Lang; metrics: string[]}) {
  const cells = new Map(data.cells.filter((c) => c.year === year).map((c) => [`${c.metric}|${c.area}`, c]));
  const shown = data.metrics.filter((m) => metrics.includes(m.id));
  return html`<div
    class="table-scroll"
    tabindex="0"
    role="region"
    aria-label=${tr(lang, `${year}年各地区指标`, `Areas by indicator, ${year}`)}
  >
    <table class="data-table heat-table">
      <thead>
        <tr>
          <th>${tr(lang, "地区", "Area")}</th>
          ${shown.map(
            (m) =>
              html`<th class="num" title=${nameOf(m, lang)}>
                ${nameOf(m, lang)}<br /><small
                  >${unitLabel(m.unit, lang)} ·
                  ${m.polarity === "lower_is_better" ? tr(lang, "越低越好", "lower is better") : tr(lang, "越高越好", "higher is better")}</small
                >
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${data.areas.map(
          (a) =>
            html`<tr data-area=${a.id}>
              <td class="nowrap">${nameOf(a, lang)} <small class="muted">${areaKindLabel(a.kind, lang)}</small></td>
              ${shown.map((m) => {
                const c = cells.get(`${m.id}|${a.id}`);
                if (!c || c.value === null) return html`<td class="heat">—</td>`;
                const bg = c.rank !== null && c.of !== null ? rankColor(c.rank, c.of) : "transparent";
                return html`<td class="heat" style=${`background: ${bg}`}>
                  ${formatDecimal(c.value, lang)}<span class="rank"
                    >${c.rank !== null ? tr(lang, `第${c.rank}名`, `#${c.rank}`) : ""}</span
                  >
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
