// @ts-check
// JavaScript with JSDoc types (checked by tsc) rather than TypeScript, like the page loaders that import it: Framework
// starts one process per page loader and per page, 58 a build (18 indicators × 2 languages, and 22 pages), and plain
// node starts in ~0.1 s where `node --import tsx` takes ~0.6 s, which would add ~35 s to every build.

/** A line of a page template that belongs to one language only: `zh| # 任务与单位` or `en| # Tasks and units`. */
const LANG_LINE = /^(zh|en)\|(?: (.*))?$/;
/** An inline choice: `{{数据源|Feed}}` gives 数据源 on the Chinese page and Feed on the English one. */
const CHOICE = /\{\{([^{}|]*)\|([^{}|]*)\}\}/g;

/**
 * The Markdown of one language's page from its bilingual template (components/pages/<page>.md.tmpl), for the page
 * loaders dashboards/<page>.md.js and dashboards/en/<page>.md.js: one source for the Chinese page and its English
 * twin, so a fix is made once, and each built page is what a hand-written page in that language would give.
 *
 * The template is the page's Markdown with three additions, nothing more:
 *   - `{{中文|English}}` inline: the text for each language (it holds no braces or `|`);
 *   - a line starting `zh| ` or `en| ` is kept, without that prefix, in that language only (a bare `zh|` keeps an
 *     empty line): for prose and code whose two versions differ too much to share a line; every other line is in both;
 *   - `{{root}}` stands for the path from the page to the site root ("./" for /tasks, "../" for /en/tasks), so
 *     imports and FileAttachment paths stay the static string literals Framework requires.
 * Any other `{{…}}` is a mistake in the template and throws, rather than reaching the page as text.
 *
 * @param {string} template
 * @param {{lang: import("../i18n.js").Lang, root: string}} options
 * @returns {string}
 * @example renderPage('# {{总览|Overview}}\nzh| 数据截至\nen| Data as of', {lang: "en", root: "../"}) // "# Overview\nData as of"
 */
export function renderPage(template, {lang, root}) {
  /** @type {string[]} */
  const lines = [];
  for (const line of template.split("\n")) {
    const match = LANG_LINE.exec(line);
    if (!match) lines.push(line);
    else if (match[1] === lang) lines.push(match[2] ?? "");
  }
  const markdown = lines
    .join("\n")
    .replaceAll("{{root}}", root)
    .replace(CHOICE, (_, /** @type {string} */ zh, /** @type {string} */ en) => (lang === "zh" ? zh : en));
  const stray = /\{\{[^}]*\}\}/.exec(markdown);
  if (stray) throw new Error(`page template: ${stray[0]} is neither {{root}} nor {{中文|English}}`);
  return markdown;
}
