// @ts-check
// The page at /plan, in Chinese; it is components/pages/plan.md.tmpl, shared with its English twin /en/plan.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("plan", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 方案目录
keywords: 计划 总览 行动方案 指标 目标档次 全国一流 全国先进 全面提升 专项行动 双满意 营商环境
`,
});
