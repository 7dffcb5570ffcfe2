// @ts-check
// The page at /en/areas, in English; it is components/pages/areas.md.tmpl, shared with its Chinese twin /areas.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("areas", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Areas
toc: false
keywords: areas counties districts parks Chengdong Chengzhong Chengxi Chengbei Huangzhong Datong Huangyuan Dongchuan Nanchuan biotech ranking heat table
`,
});
