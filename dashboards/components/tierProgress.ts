import {html} from "npm:htl";
import type {TierSummary} from "../data/overviewData.ts";
import {formatDate, nameOf, tr, type Lang} from "./i18n.js";

export type {TierSummary};

/**
 * The plan's three tier goals (4 / 11 / 3 indicators): per tier, how many indicators are on course to reach it by
 * its deadline, how many verdicts are the official evaluation's (官方评价) and how many bizenv's simulation
 * (模拟评价, some provisional), and how many have no verdict yet (never counted as on course).
 */
export function tierProgress(tiers: TierSummary[], {lang}: {lang: Lang}) {
  return html`<div class="grid grid-cols-3 tier-cards">
    ${tiers.map((t) => {
      const unassessed = t.indicators.length - t.assessed;
      return html`<div
        class=${`card tier-card tier-${t.id}`}
        data-tier=${t.id}
        data-goal=${t.indicators.length}
        data-on-course=${t.on_course}
      >
        <h2>${nameOf(t, lang)}</h2>
        <span class="big">${t.on_course} / ${t.indicators.length}</span>
        <p class="tier-deadline">
          ${tr(lang, `${t.indicators.length} 项指标的目标,${formatDate(t.deadline, lang)}前`, `goal of ${t.indicators.length} indicators by ${formatDate(t.deadline, lang)}`)}
        </p>
        <p class="tier-members">
          ${tr(lang, `${t.on_course} 项已达到或好于该档次`, `${t.on_course} at or above this tier now`)}${
            unassessed ? tr(lang, `;${unassessed} 项暂无评定`, `; ${unassessed} not assessed yet`) : ""
          }
        </p>
        <p class="tier-sources" data-official=${t.official} data-provisional=${t.provisional}>
          ${tr(
            lang,
            `官方评价 ${t.official} 项,模拟评价 ${t.assessed - t.official} 项${t.provisional ? `(其中暂定 ${t.provisional} 项)` : ""}`,
            `official evaluation ${t.official}, simulated ${t.assessed - t.official}${t.provisional ? ` (${t.provisional} provisional)` : ""}`,
          )}
        </p>
      </div>`;
    })}
  </div>`;
}
