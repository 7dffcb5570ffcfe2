// @ts-check
// The page at /en/targets, in English; it is components/pages/targets.md.tmpl, shared with its Chinese twin /targets.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("targets", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Targets
keywords: targets quantitative metrics thresholds deadlines baseline workdays hours percent
`,
});
