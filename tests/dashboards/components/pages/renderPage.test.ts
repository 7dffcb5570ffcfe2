// The bilingual page templates (dashboards/components/pages/*.md.tmpl) and the page loaders that render them: the
// syntax renderPage understands, and that every page has both language loaders and a template that renders cleanly.
import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {renderPage} from "../../../../dashboards/components/pages/renderPage.js";

const dashboards = join(import.meta.dirname, "..", "..", "..", "..", "dashboards");
const pagesDir = join(dashboards, "components", "pages");

/** Every page loader (dashboards/**\/*.md.js) as a path relative to dashboards/, e.g. "en/tasks.md.js". */
function pageLoaders(): string[] {
  return (readdirSync(dashboards, {recursive: true}) as string[])
    .filter((f) => f.endsWith(".md.js") && !f.startsWith(".observablehq"))
    .map((f) => relative(dashboards, join(dashboards, f)))
    .sort();
}

describe("renderPage", () => {
  const template = [
    "```js",
    'import {tr} from "{{root}}components/i18n.js";',
    'const lang = "{{zh|en}}";',
    "```",
    "",
    "zh| # 任务与单位",
    "en| # Tasks and units",
    "zh|",
    "<p>{{共|In all}} ${n} {{项|tasks}}</p>",
    "",
  ].join("\n");

  it("keeps each language's lines and choices, and puts the path to the site root in", () => {
    expect(renderPage(template, {lang: "zh", root: "./"})).toBe(
      [
        "```js",
        'import {tr} from "./components/i18n.js";',
        'const lang = "zh";',
        "```",
        "",
        "# 任务与单位",
        "",
        "<p>共 ${n} 项</p>",
        "",
      ].join("\n"),
    );
    expect(renderPage(template, {lang: "en", root: "../"})).toBe(
      [
        "```js",
        'import {tr} from "../components/i18n.js";',
        'const lang = "en";',
        "```",
        "",
        "# Tasks and units",
        "<p>In all ${n} tasks</p>",
        "",
      ].join("\n"),
    );
  });

  it("leaves JavaScript braces alone: an object literal right before a choice, and closing }}", () => {
    const line = 'colors: {{{企业|Enterprises}}: "#2f6db5"}}))';
    expect(renderPage(line, {lang: "zh", root: "./"})).toBe('colors: {企业: "#2f6db5"}}))');
    expect(renderPage(line, {lang: "en", root: "./"})).toBe('colors: {Enterprises: "#2f6db5"}}))');
  });

  it("refuses a placeholder it does not know, rather than printing it on the page", () => {
    expect(() => renderPage("# {{title}}", {lang: "zh", root: "./"})).toThrow(/\{\{title\}\}/);
  });
});

describe("the page templates", () => {
  const templates = readdirSync(pagesDir).filter((f) => f.endsWith(".md.tmpl"));

  it.each(templates)("%s renders in both languages with no template syntax left", (file) => {
    const template = readFileSync(join(pagesDir, file), "utf8");
    for (const lang of ["zh", "en"] as const) {
      const page = renderPage(template, {lang, root: "./"});
      expect(page).not.toMatch(/^(zh|en)\|/m);
      expect(page).not.toContain("{{");
    }
  });

  it("every page has a Chinese and an English loader, each naming an existing template with its own root", () => {
    const loaders = pageLoaders();
    const chinese = loaders.filter((f) => !f.startsWith("en/"));
    expect(loaders.filter((f) => f.startsWith("en/")).map((f) => f.slice("en/".length))).toEqual(chinese);
    for (const loader of loaders) {
      const source = readFileSync(join(dashboards, loader), "utf8");
      const page = /pageMarkdown\("([^"]+)"/.exec(source)?.[1];
      expect(templates, loader).toContain(`${page}.md.tmpl`);
      expect(source, loader).toContain(`lang: "${loader.startsWith("en/") ? "en" : "zh"}"`);
      const depth = loader.split("/").length - 1;
      expect(source, loader).toContain(`root: "${depth === 0 ? "./" : "../".repeat(depth)}"`);
      expect(source, loader).toMatch(/frontMatter: `\ntitle: /);
    }
  });
});
