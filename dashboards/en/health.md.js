// @ts-check
// The page at /en/health, in English; it is components/pages/health.md.tmpl, shared with its Chinese twin /health.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("health", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Data health
toc: false
keywords: data health feeds freshness load log rejected rows rules reconciliation files
`,
});
