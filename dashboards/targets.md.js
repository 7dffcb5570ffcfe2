// @ts-check
// The page at /targets, in Chinese; it is components/pages/targets.md.tmpl, shared with its English twin /en/targets.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("targets", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 目标
keywords: 目标 量化目标 指标 时限 压缩 工作日 小时 百分比 基准
`,
});
