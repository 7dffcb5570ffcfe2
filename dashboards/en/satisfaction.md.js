// @ts-check
// The page at /en/satisfaction, in English; it is components/pages/satisfaction.md.tmpl, shared with its Chinese twin /satisfaction.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("satisfaction", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Satisfaction
toc: false
keywords: satisfaction double satisfaction enterprises citizens thousand-firms appraisal service ratings 12345 hotline on time units
`,
});
