// @ts-check
// The page at /en/screen, in English; it is components/pages/screen.md.tmpl, shared with its Chinese twin /screen.
import {pageMarkdown} from "../components/pages/pageMarkdown.js";

pageMarkdown("screen", {
  lang: "en",
  root: "../",
  frontMatter: `
title: Meeting-room screen
toc: false
sidebar: false
header: false
footer: false
pager: false
keywords: screen meeting room leadership full screen cycle attention indicators
`,
});
