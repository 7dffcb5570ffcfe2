// @ts-check
// The page at /en/explore, in English; it is components/pages/explore.md.tmpl, shared with its Chinese twin /explore.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("explore", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Explore
toc: false
keywords: explore SQL DuckDB query analysis export marts Arrow
`,
});
