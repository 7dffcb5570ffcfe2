import {html} from "npm:htl";
import {formatDate, formatNumber, nameOf, type Lang} from "./i18n.js";
import type {TierGoal} from "./tierGoals.js";

/** One card per tier goal: how many indicators, which tier, by when, and their names. */
export function tierCards(goals: TierGoal[], {lang}: {lang: Lang}) {
  const count = (n: number) =>
    lang === "zh" ? `${formatNumber(n, lang)} 项指标` : `${formatNumber(n, lang)} indicators`;
  const by = (d: string) => (lang === "zh" ? `${formatDate(d, lang)}前` : `by ${formatDate(d, lang)}`);
  return html`<div class="grid grid-cols-3 tier-cards">
    ${goals.map(
      (g) =>
        html`<div class=${`card tier-card tier-${g.tier.id}`} data-tier=${g.tier.id}>
          <h2>${nameOf(g.tier, lang)}</h2>
          <span class="big">${count(g.indicators.length)}</span>
          <p class="tier-deadline">${by(g.deadline)}</p>
          <p class="tier-members">${g.indicators.map((i) => nameOf(i, lang)).join(lang === "zh" ? "、" : ", ")}</p>
        </div>`,
    )}
  </div>`;
}
