// @ts-check
// JavaScript for the reason given in renderPage.js: page loaders run under plain node.
import {readFileSync} from "node:fs";
import {renderPage} from "./renderPage.js";

/**
 * Writes one language's page to stdout, as a page loader must: the front matter the loader gives (titles and search
 * keywords stay in each language's own loader file), then the page's bilingual template rendered for `lang`
 * (renderPage). `page` names the template, components/pages/<page>.md.tmpl; `root` is the path from the page to the
 * site root.
 *
 * Framework reruns a page loader only when the loader file changes: after editing a template, restart `npm run dev`
 * (it drops cached loader outputs when it starts, as every build does).
 *
 * @param {string} page
 * @param {{lang: import("../i18n.js").Lang, root: string, frontMatter: string}} options
 */
export function pageMarkdown(page, {lang, root, frontMatter}) {
  const template = readFileSync(new URL(`./${page}.md.tmpl`, import.meta.url), "utf8");
  process.stdout.write(`---\n${frontMatter.trim()}\n---\n${renderPage(template, {lang, root})}`);
}
