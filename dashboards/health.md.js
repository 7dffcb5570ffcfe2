// @ts-check
// The page at /health, in Chinese; it is components/pages/health.md.tmpl, shared with its English twin /en/health.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("health", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 数据健康
toc: false
keywords: 数据健康 数据源 时效 新鲜度 加载日志 拒收 校验规则 对账 行数 文件
`,
});
