// Observable Framework configuration for the bizenv dashboards (https://observablehq.com/framework/config).
// The site must build and run with zero network: no Google Fonts, no DuckDB extensions from extensions.duckdb.org,
// npm modules from the cache seeded by scripts/seed-framework-cache.mjs, and a Content-Security-Policy that keeps
// the browser on our own origin.
import {loadCatalog, planJson} from "./pipeline/catalog/index.ts";
import {exportsDir, readManifest} from "./pipeline/export/readExports.ts";

/** A sidebar page with its Chinese and English names; the English twin lives at `/en` + `path`. */
interface PagePair {
  path: string;
  zh: string;
  en: string;
}

const plan = planJson(loadCatalog());

/** One page per indicator (dashboards/indicators/[id].md), in plan order: /indicators/starting_a_business, … */
const INDICATOR_PAGES: PagePair[] = [...plan.indicators]
  .sort((a, b) => a.number - b.number)
  .map((i) => ({path: `/indicators/${i.id}`, zh: `${i.number}. ${i.name_zh}`, en: `${i.number}. ${i.name_en}`}));

/** Sidebar sections, Chinese first. Every page has an English twin under /en/ (tests check each pair). */
const SECTIONS: {zh: string; en: string; collapsible?: boolean; pages: PagePair[]}[] = [
  {
    zh: "领导看板",
    en: "Leadership",
    pages: [
      {path: "/", zh: "总览", en: "Overview"},
      {path: "/screen", zh: "大屏", en: "Meeting-room screen"},
    ],
  },
  {zh: "十八项指标", en: "The 18 indicators", collapsible: true, pages: INDICATOR_PAGES},
  {
    zh: "比较与督办",
    en: "Compare and follow up",
    pages: [
      {path: "/areas", zh: "县区园区", en: "Areas"},
      {path: "/tasks", zh: "任务与单位", en: "Tasks and units"},
      {path: "/satisfaction", zh: "双满意", en: "Satisfaction"},
    ],
  },
  {
    zh: "计划目录",
    en: "Plan catalog",
    pages: [
      {path: "/plan", zh: "方案目录", en: "Plan catalog"},
      {path: "/targets", zh: "量化目标", en: "Targets"},
    ],
  },
  {
    zh: "数据分析",
    en: "For analysts",
    pages: [
      {path: "/health", zh: "数据健康", en: "Data health"},
      {path: "/check", zh: "文件检查", en: "File check"},
      {path: "/explore", zh: "自助查询", en: "Explore"},
    ],
  },
];

/**
 * Whether the exports the site is built from are SYNTHETIC (their manifest says so): then every page carries a
 * banner in its header. Read when the config loads, i.e. at build time, from the same folder the data loaders read;
 * without exports there is no banner (and the loaders fail the build, saying how to make them).
 */
function syntheticExports(): boolean {
  try {
    return readManifest(exportsDir()).synthetic === true;
  } catch {
    return false;
  }
}
const SYNTHETIC = syntheticExports();

const TITLE = "西宁营商环境监测";

/** Whether a page path (as Framework gives it: "/index", "/en/tasks") is an English page. */
function isEnglish(path: string): boolean {
  return path === "/en" || path.startsWith("/en/");
}

/**
 * The page's twin in the other language, as an absolute path (Framework rewrites it relative to the page):
 * /tasks ⇄ /en/tasks, /index ⇄ /en/.
 */
function twinPath(path: string): string {
  const page = path.replace(/(^|\/)index$/, "$1");
  return isEnglish(page) ? page.slice("/en".length) || "/" : `/en${page}`;
}

/**
 * Content-Security-Policy: nothing may load from, or be sent to, another origin; that is the point of this policy.
 * Script rules are loose because Framework needs them: each page's code and the sidebar script are inline
 * ('unsafe-inline'; per-page hashes are not available to a config), d3-dsv (FileAttachment.csv) and apache-arrow
 * (DuckDBClient.of over JS arrays) compile row builders with `new Function`, and the live preview evaluates edited
 * cells ('unsafe-eval'); DuckDB-wasm compiles wasm ('wasm-unsafe-eval') and may start workers from blob: URLs; a file
 * chosen on the File check page is read through a blob: URL of this page (connect-src blob:, local to the browser).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

/**
 * The page shell's accessibility, run from the head of every page (inline: the CSP allows it, and the larger-text class
 * must be set before the first paint, so the page never jumps). Framework 1.13's shell breaks three axe-core rules that
 * its config cannot reach, so this script mends them once the body is parsed: the sidebar toggle has only a title
 * (label-title-only), the sidebar's close control is a <label> directly inside an <ol> (list), and the search box says
 * "Search" on Chinese pages; and Observable Plot names each mark's <g> with an aria-label ("line", "dot") that a <g>
 * without a role may not carry (aria-prohibited-attr), which says nothing a reader needs, so it is dropped. The sidebar
 * lists both languages on every page, so each link and section says its own language (lang="en" or "zh-CN"): a screen
 * reader reads 总览 on an English page in Chinese, not as English letters (GB/T 37668 and WCAG 3.1.2, language of parts). It also runs the larger-text (适老化) toggle of the header: the choice is kept in
 * localStorage and can be set by the URL (?text=large or ?text=normal), so it survives a reload and can be linked.
 */
function shellScript(en: boolean): string {
  const words = en
    ? {toggle: "Show or hide the sidebar", search: "Search"}
    : {toggle: "显示或隐藏侧栏", search: "搜索"};
  return `{const d=document.documentElement,K="bizenv-text-size",W=${JSON.stringify(words)};
const q=new URLSearchParams(location.search).get("text");
try{if(q==="large"||q==="normal")localStorage.setItem(K,q)}catch(e){}
let s=q;try{s=s||localStorage.getItem(K)}catch(e){}
d.classList.toggle("large-text",s==="large");
addEventListener("DOMContentLoaded",()=>{
const t=document.getElementById("observablehq-sidebar-toggle");if(t){t.setAttribute("aria-label",W.toggle);t.removeAttribute("title")}
const c=document.getElementById("observablehq-sidebar-close");if(c)c.closest("nav")?.prepend(c);
for(const a of document.querySelectorAll("#observablehq-sidebar a[href]"))a.lang=/\\/en(\\/|$)/.test(a.pathname)?"en":"zh-CN";
for(const g of document.querySelectorAll("#observablehq-sidebar details,#observablehq-sidebar section")){const a=g.querySelector("a[href]");if(a)g.lang=a.lang}
const i=document.querySelector("#observablehq-search input");if(i){i.placeholder=W.search;i.setAttribute("aria-label",W.search)}
for(const b of document.querySelectorAll("[data-text-size]")){
b.setAttribute("aria-pressed",String(d.classList.contains("large-text")));
b.addEventListener("click",()=>{const on=d.classList.toggle("large-text");b.setAttribute("aria-pressed",String(on));
try{localStorage.setItem(K,on?"large":"normal")}catch(e){}dispatchEvent(new Event("resize"))})}
const m=(n)=>{if(n.nodeType!==1)return;for(const g of n.matches("svg g[aria-label]")?[n]:n.querySelectorAll("svg g[aria-label]"))g.removeAttribute("aria-label")};
m(document.body);new MutationObserver((r)=>{for(const x of r)for(const n of x.addedNodes)m(n)}).observe(document.body,{childList:true,subtree:true})})}`;
}

export default {
  root: "dashboards",
  // Where `observable build` writes the site: dist/, or $BIZENV_DIST (pipeline/site/buildSite.mjs's outDir, which
  // `bizenv bench` uses to build a throwaway copy without touching dist/).
  output: process.env.BIZENV_DIST || "dist",
  title: TITLE,
  home: `<span lang="zh-CN">${TITLE}</span>`,
  style: "style.css",
  // The default loads Source Serif from Google Fonts; style.css uses the system's CJK fonts instead.
  globalStylesheets: [],
  // Framework would fetch the json and parquet extensions from extensions.duckdb.org at build time.
  duckdb: {extensions: {json: null, parquet: null}},
  search: true,
  // .ts data loaders run with this Node and the project's tsx, found from the project root rather than on PATH
  // (Framework's default spawns a bare `tsx`, which only works inside npm scripts).
  interpreters: {".ts": [process.execPath, "--import", "tsx"]},
  toc: false,
  pages: [
    ...SECTIONS.map((s) => ({
      name: s.zh,
      ...(s.collapsible ? {collapsible: true, open: false} : {}),
      pages: s.pages.map((p) => ({name: p.zh, path: p.path})),
    })),
    {
      name: "English",
      collapsible: true,
      open: false,
      pager: "en",
      pages: SECTIONS.filter((s) => s.pages !== INDICATOR_PAGES).flatMap((s) =>
        s.pages.map((p) => ({name: p.en, path: p.path === "/" ? "/en/" : `/en${p.path}`, pager: "en"})),
      ),
    },
    {
      name: "English · indicators",
      collapsible: true,
      open: false,
      pager: "en",
      pages: INDICATOR_PAGES.map((p) => ({name: p.en, path: `/en${p.path}`, pager: "en"})),
    },
  ],
  // The parameterized indicator pages (indicators/[id].md and en/indicators/[id].md), one per catalog indicator.
  dynamicPaths: INDICATOR_PAGES.flatMap((p) => [p.path, `/en${p.path}`]),
  // Framework 1.13 has no `lang` option: the page language is set before the body is parsed, so fonts pick the
  // Simplified Chinese glyphs and screen readers the right voice.
  head: ({path}: {path: string}) => `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<script>document.documentElement.lang = ${JSON.stringify(isEnglish(path) ? "en" : "zh-CN")};</script>
<script>${shellScript(isEnglish(path))}</script>`,
  // The language switch, on every page: a link to the same page in the other language.
  header: ({path}: {path: string}) => {
    if (path === "/404") return `<div class="site-header"><span class="site-title">${TITLE}</span></div>`;
    const en = isEnglish(path);
    const banner = SYNTHETIC
      ? `<div class="synthetic-banner" role="alert" data-synthetic>${
          en
            ? "SYNTHETIC DATA: every figure on this site is generated demo or test data, not a measurement of Xining."
            : "模拟数据:本站所有数字均为生成的演示或测试数据,并非西宁实测数据。"
        }</div>`
      : "";
    const textSize = `<button type="button" class="text-size-toggle no-print" data-text-size aria-pressed="false">${
      en ? "Larger text" : "大字版"
    }</button>`;
    return `${banner}<div class="site-header"><span class="site-title">${en ? "Xining business environment" : TITLE}</span>
<div class="header-tools">${textSize}<nav class="lang-switch" aria-label="${en ? "Language" : "语言"}">${
      en
        ? `<a href="${twinPath(path)}" hreflang="zh-CN" lang="zh-CN">中文</a><span aria-current="true">English</span>`
        : `<span aria-current="true">中文</span><a href="${twinPath(path)}" hreflang="en" lang="en">English</a>`
    }</nav></div></div>`;
  },
  footer: ({path}: {path: string}) =>
    isEnglish(path)
      ? "bizenv · built offline from the plan catalog (sources/plans/xining-2022) and the files `bizenv score` exported."
      : "bizenv · 由计划目录(sources/plans/xining-2022)与 bizenv score 导出的文件离线生成。",
};
