// @ts-check
// The page at /en/check, in English; it is components/pages/check.md.tmpl, shared with its Chinese twin /check.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("check", {
  lang: "en",
  root: "../",
  frontMatter: `
title: File check
toc: false
keywords: file check upload validate CSV XLSX Excel rejected rules contract template headers
`,
});
