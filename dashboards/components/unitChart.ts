import * as Plot from "npm:@observablehq/plot";
import type {UnitTaskCount} from "./countTasksByUnit.js";
import {nameOf, type Lang} from "./i18n.js";

/**
 * Tasks per responsible unit as horizontal bars, the `top` busiest units (default 15), longest bar first. Names
 * longer than the label column are cut with an ellipsis; the tooltip has the full name.
 */
export function unitChart(counts: UnitTaskCount[], {width, lang, top = 15}: {width: number; lang: Lang; top?: number}) {
  const rows = counts.slice(0, top).map((c) => ({name: nameOf(c, lang), tasks: c.tasks}));
  const fontSize = 12;
  // Label column in ems (Plot measures a CJK character as ~1em, a Latin letter as ~0.55em); at most 40% of the width.
  const labelEms = Math.min(lang === "zh" ? 15 : 24, Math.floor((width * 0.4) / fontSize));
  return Plot.plot({
    width,
    height: rows.length * 24 + 40,
    // 15% slack: Plot's width estimates are tuned to narrower Latin fonts than the CJK fonts' Latin glyphs.
    marginLeft: Math.ceil(labelEms * fontSize * 1.15) + 8,
    style: {fontSize: `${fontSize}px`},
    x: {label: lang === "zh" ? "任务数" : "Tasks", grid: true},
    y: {label: null, domain: rows.map((r) => r.name)},
    marks: [
      Plot.axisY({lineWidth: labelEms, textOverflow: "ellipsis-end", tickSize: 0}),
      Plot.barX(rows, {x: "tasks", y: "name", fill: "var(--theme-foreground-focus)", tip: {lineHeight: 1.3}}),
      Plot.text(rows, {x: "tasks", y: "name", text: "tasks", dx: 4, textAnchor: "start"}),
      Plot.ruleX([0]),
    ],
  });
}
