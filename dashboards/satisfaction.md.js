// @ts-check
// The page at /satisfaction, in Chinese; it is components/pages/satisfaction.md.tmpl, shared with its English twin /en/satisfaction.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("satisfaction", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 双满意
toc: false
keywords: 双满意 满意度 企业满意度 群众满意度 千企评价 西宁评议 好差评 12345 热线 按时办结率 满意率 单位
`,
});
