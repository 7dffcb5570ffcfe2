// @ts-check
// The page at /, in Chinese; it is components/pages/index.md.tmpl, shared with its English twin /en/.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("index", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 总览
toc: false
keywords: 总览 营商环境 指标 目标 档次 全国一流 全国先进 全面提升 达标 预测 领导
`,
});
