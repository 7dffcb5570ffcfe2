// @ts-check
// The page at /en/indicators/<id>, in English; it is components/pages/indicator.md.tmpl, shared with its Chinese twin /indicators/<id>.
import {pageMarkdown} from "../../components/pages/pageMarkdown.js";

pageMarkdown("indicator", {
  lang: "en",
  root: "../../",
  frontMatter: `
title: Indicator
toc: false
keywords: indicator trend target forecast distribution areas parks ranking national distance to frontier tier tasks method
`,
});
