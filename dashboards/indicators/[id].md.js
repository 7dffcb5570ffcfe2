// @ts-check
// The page at /indicators/<id>, in Chinese; it is components/pages/indicator.md.tmpl, shared with its English twin /en/indicators/<id>.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("indicator", {
  lang: "zh",
  root: "../",
  frontMatter: `
title: 指标详情
toc: false
keywords: 指标 趋势 目标 预测 分布 县区 园区 排名 全国 前沿距离 档次 任务 方法
`,
});
