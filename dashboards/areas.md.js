// @ts-check
// The page at /areas, in Chinese; it is components/pages/areas.md.tmpl, shared with its English twin /en/areas.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("areas", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 县区园区
toc: false
keywords: 县区 园区 城东区 城中区 城西区 城北区 湟中区 大通县 湟源县 东川 南川 生物园区 排名 比较 热力表
`,
});
