// @ts-check
// The page at /explore, in Chinese; it is components/pages/explore.md.tmpl, shared with its English twin /en/explore.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("explore", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 自助查询
toc: false
keywords: 自助查询 SQL DuckDB 查询 分析 导出 数据集市 Arrow
`,
});
