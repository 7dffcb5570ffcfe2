// @ts-check
// The page at /en/plan, in English; it is components/pages/plan.md.tmpl, shared with its Chinese twin /plan.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("plan", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Plan catalog
keywords: plan overview indicators tier goals first-class advanced improvement actions business environment
`,
});
