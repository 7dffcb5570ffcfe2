// @ts-check
// The page at /en/, in English; it is components/pages/index.md.tmpl, shared with its Chinese twin /.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("index", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Overview
toc: false
keywords: overview business environment indicators targets tiers first class advanced improvement met forecast leadership
`,
});
