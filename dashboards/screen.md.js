// @ts-check
// The page at /screen, in Chinese; it is components/pages/screen.md.tmpl, shared with its English twin /en/screen.
import {pageMarkdown} from "./components/pages/pageMarkdown.js";

pageMarkdown("screen", {
  lang: "zh",
  root: "./",
  frontMatter: `
title: 大屏
toc: false
sidebar: false
header: false
footer: false
pager: false
keywords: 大屏 会议室 领导 全屏 轮播 需关注 指标
`,
});
