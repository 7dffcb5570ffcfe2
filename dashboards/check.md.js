// @ts-check
// The page at /check, in Chinese; it is components/pages/check.md.tmpl, shared with its English twin /en/check.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("check", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 文件检查
toc: false
keywords: 文件检查 上传 校验 CSV XLSX Excel 拒收 规则 数据契约 模板 表头
`,
});
