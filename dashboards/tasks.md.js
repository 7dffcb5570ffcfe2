// @ts-check
// The page at /tasks, in Chinese; it is components/pages/tasks.md.tmpl, shared with its English twin /en/tasks.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("tasks", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 任务与单位
toc: false
keywords: 任务 主要任务 完成时限 责任单位 逾期 督办 按期完成 单位 考核 排名 十佳 十差 前十 后十
`,
});
