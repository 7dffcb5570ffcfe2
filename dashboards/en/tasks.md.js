// @ts-check
// The page at /en/tasks, in English; it is components/pages/tasks.md.tmpl, shared with its Chinese twin /tasks.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("tasks", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Tasks and units
toc: false
keywords: tasks deadlines responsible units overdue supervision done on time ranking top ten bottom ten
`,
});
