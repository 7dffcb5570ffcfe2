import * as Plot from "npm:@observablehq/plot";
import type {UnitRow} from "../data/tasksData.ts";
import {formatDecimal, nameOf, tr, type Lang} from "./i18n.js";
import {listLabel} from "./labels.js";

/**
 * The appraisal ranking's two ends: the ten best and ten worst units by score, best on top, the top ten green and
 * the bottom ten red, each bar labelled with its score and rank.
 */
export function unitScoreChart(units: UnitRow[], {width, lang}: {width: number; lang: Lang}) {
  const rows = units
    .filter((u) => u.list === "top10" || u.list === "bottom10")
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .map((u) => ({...u, label: `${u.rank}. ${nameOf(u, lang)}`, group: listLabel(u.list, lang)}));
  const longest = Math.max(
    ...rows.map((r) => [...r.label].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 11 : 6), 0)),
  );
  return Plot.plot({
    width: Math.max(width, 360),
    height: 40 + rows.length * 22,
    marginLeft: Math.min(300, longest + 12),
    marginRight: 40,
    x: {domain: [0, 100], label: tr(lang, "综合得分", "Score"), grid: true},
    y: {domain: rows.map((r) => r.label), label: null},
    color: {
      domain: [listLabel("top10", lang), listLabel("bottom10", lang)],
      range: ["#2e8540", "#c0392b"],
      legend: true,
    },
    marks: [
      Plot.barX(rows, {y: "label", x: "score", fill: "group"}),
      Plot.text(rows, {
        y: "label",
        x: "score",
        text: (d) => formatDecimal(d.score, lang, 1),
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}
