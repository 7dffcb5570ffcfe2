import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {extname, join, relative, sep} from "node:path";
import {buildOffline} from "../site/buildOffline.mjs";
import {gzipFor, isCompressible} from "../site/gzipFor.mjs";

/** What a page's files are, by how the page reaches them. Fonts are counted apart from the totals. */
type FileKind = "html" | "js" | "css" | "data" | "wasm" | "other" | "font";
const KINDS: FileKind[] = ["html", "js", "css", "data", "wasm", "other", "font"];

/**
 * The bytes one page of a built Framework site downloads when it is opened: raw (file sizes) and gzip (what
 * `npm start`'s server sends to a browser that accepts gzip: the same `gzipFor`, raw for files it does not
 * compress). `raw`/`gzip` are everything but fonts, which are counted apart (`font_raw`/`font_gzip`).
 */
export interface PageBytes {
  raw: number;
  gzip: number;
  html_raw: number;
  html_gzip: number;
  js_raw: number;
  js_gzip: number;
  css_raw: number;
  css_gzip: number;
  /** Every file the page registers with FileAttachment (the built page's registerFile calls), even ones it only
   * fetches when asked (an indicator's areas file). */
  data_raw: number;
  data_gzip: number;
  /** WebAssembly the page's modules resolve (DuckDB-wasm's "eh" build only: the one current browsers pick). */
  wasm_raw: number;
  wasm_gzip: number;
  /** Icons and images. */
  other_raw: number;
  other_gzip: number;
  font_raw: number;
  font_gzip: number;
  /** How many files, the page itself included. */
  files: number;
  data_files: {path: string; raw: number; gzip: number}[];
  /** References that name no file of the site (should be empty). */
  missing: string[];
}

/** The page chosen to stand for the 18 parameterised indicator pages (same code, each its own data). */
const REPRESENTATIVE_INDICATOR = "starting_a_business";

/**
 * The pages of a built site, as dist-relative HTML files: every top-level page and its English twin under en/, and
 * one indicator page per language (REPRESENTATIVE_INDICATOR, else the first). 404.html is left out.
 */
export function sitePages(distDir: string): string[] {
  const htmlIn = (dir: string) =>
    existsSync(join(distDir, dir))
      ? readdirSync(join(distDir, dir))
          .filter((f) => f.endsWith(".html") && statSync(join(distDir, dir, f)).isFile())
          .sort()
      : [];
  const pages: string[] = [];
  for (const dir of ["", "en"]) {
    const prefix = dir ? `${dir}/` : "";
    pages.push(...htmlIn(dir).map((f) => prefix + f));
    const indicators = htmlIn(join(dir, "indicators"));
    const chosen = indicators.find((f) => f === `${REPRESENTATIVE_INDICATOR}.html`) ?? indicators[0];
    if (chosen) pages.push(`${prefix}indicators/${chosen}`);
  }
  return pages.filter((p) => p !== "404.html" && p !== "en/404.html");
}

/** "index.html" → "/", "en/index.html" → "/en/", "en/tasks.html" → "/en/tasks" (the page's clean URL). */
export function pageUrl(page: string): string {
  return "/" + page.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "");
}

interface Ref {
  url: string;
  kind: FileKind;
}

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
};

const FONT = /\.(woff2?|ttf|otf|eot)$/i;

/** Static `import … from "x"`, `import "x"`, `export … from "x"` (minified or not); bare specifiers are skipped. */
function staticImports(code: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[^.\w$])(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?(["'])([^"'\n]+)\1/g;
  for (const m of code.matchAll(re)) if (/^(\.{1,2}\/|\/)/.test(m[2]!)) found.push(m[2]!);
  return found;
}

/** `import("x")` with a literal path: in a page's own module script these run when the page opens. */
function dynamicImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/\bimport\s*\(\s*(["'])([^"'\n]+)\1\s*\)/g))
    if (/^(\.{1,2}\/|\/)/.test(m[2]!)) found.push(m[2]!);
  return found;
}

/**
 * Files a module asks for by URL: `import.meta.resolve("x")` and `new URL("x", import.meta.url)` (DuckDB-wasm's
 * wasm and worker). Counted when the file is in the site: Framework copies such a file only when a page uses what
 * needs it (Framework's client also names sample datasets and parquet-wasm this way, never copied here). When both a "-mvp" and an "-eh" build are named, only "-eh" counts: DuckDB-wasm picks it in every
 * browser with WebAssembly exceptions (current Chromium, Firefox, Safari).
 */
function resolvedUrls(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/import\.meta\.resolve\(\s*(["'])([^"'\n]+)\1\s*\)/g)) found.add(m[2]!);
  for (const m of code.matchAll(/new\s+URL\(\s*(["'])([^"'\n]+)\1\s*,\s*import\.meta\.url\s*\)/g)) found.add(m[2]!);
  return [...found].filter((u) => !(u.includes("-mvp") && found.has(u.replace("-mvp", "-eh"))));
}

/** Kind of a file a module resolves by URL. */
function resolvedKind(url: string): FileKind {
  const ext = extname(new URL(url, "http://x/").pathname).toLowerCase();
  if (ext === ".wasm") return "wasm";
  if (ext === ".js" || ext === ".mjs") return "js";
  if (FONT.test(ext)) return "font";
  return "data";
}

/** What the HTML of a page loads: stylesheets, preloads, scripts, icons, its module script's imports and files. */
function htmlRefs(html: string): Ref[] {
  const refs: Ref[] = [];
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = m[1]!;
    const href = attr(attrs, "href");
    if (!href) continue;
    const rel = (attr(attrs, "rel") ?? "").toLowerCase().split(/\s+/);
    const as = (attr(attrs, "as") ?? "").toLowerCase();
    if (rel.includes("stylesheet")) refs.push({url: href, kind: "css"});
    else if (rel.includes("modulepreload")) refs.push({url: href, kind: "js"});
    else if (rel.includes("preload"))
      refs.push({
        url: href,
        kind:
          as === "style" ? "css" : as === "script" ? "js" : as === "font" ? "font" : as === "fetch" ? "data" : "other",
      });
    else if (rel.some((r) => r.endsWith("icon"))) refs.push({url: href, kind: "other"});
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const [, attrs = "", body = ""] = m;
    const src = attr(attrs, "src");
    if (src) {
      refs.push({url: src, kind: "js"});
      continue;
    }
    // Classic inline scripts (the sidebar, the search box) load nothing on their own: search is fetched on demand.
    if ((attr(attrs, "type") ?? "").toLowerCase() !== "module") continue;
    for (const url of [...staticImports(body), ...dynamicImports(body)]) refs.push({url, kind: "js"});
    // registerFile("./data/x.json", {"name":…,"path":"./_file/data/x.1234abcd.json",…}); one call a line.
    for (const call of body.matchAll(/^\s*registerFile\((.*)\);?\s*$/gm)) {
      try {
        const [, info] = JSON.parse(`[${call[1]}]`) as [string, {path?: string}];
        if (info?.path) refs.push({url: info.path, kind: "data"});
      } catch {
        // not Framework's generated call: nothing to count
      }
    }
  }
  for (const m of html.matchAll(/<img\b([^>]*)>/gi)) {
    const src = attr(m[1]!, "src");
    if (src) refs.push({url: src, kind: "other"});
  }
  return refs;
}

function cssRefs(css: string): Ref[] {
  const refs: Ref[] = [];
  for (const m of css.matchAll(/@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1/g)) refs.push({url: m[2]!, kind: "css"});
  for (const m of css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) {
    const url = m[2]!.trim();
    if (url.startsWith("data:") || /\.css(\?|#|$)/.test(url)) continue;
    refs.push({url, kind: FONT.test(url.replace(/[?#].*$/, "")) ? "font" : "other"});
  }
  return refs;
}

/** A measurer for one site: file sizes and gzip sizes are computed once per file, whichever page uses it. */
function measurer(distDir: string) {
  const sizes = new Map<string, Promise<{raw: number; gzip: number}>>();
  const size = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      s = (async () => {
        const bytes = readFileSync(file);
        const compressed = isCompressible(file) ? await gzipFor(bytes) : null;
        return {raw: bytes.length, gzip: compressed?.length ?? bytes.length};
      })();
      sizes.set(file, s);
    }
    return s;
  };

  /** The file of the site a URL names, relative to the page at `fromFile`; null when it is not in the site. */
  const locate = (url: string, fromFile: string): string | null => {
    if (/^(data|blob|javascript|mailto):/i.test(url)) return null;
    const base = new URL(relative(distDir, fromFile).split(sep).join("/"), "http://site/");
    const target = new URL(url, base);
    if (target.origin !== "http://site") return null;
    let path: string;
    try {
      path = decodeURIComponent(target.pathname);
    } catch {
      return null;
    }
    const file = join(distDir, ...path.split("/").filter(Boolean));
    return existsSync(file) && statSync(file).isFile() ? file : null;
  };

  return async function measure(page: string): Promise<PageBytes> {
    const pageFile = join(distDir, ...page.split("/"));
    const seen = new Map<string, FileKind>([[pageFile, "html"]]);
    const missing: string[] = [];
    const queue: [string, FileKind][] = [];
    /** `optional`: references a module makes on demand, which Framework copies only when some page uses them. */
    const visit = (refs: Ref[], from: string, optional = false) => {
      for (const ref of refs) {
        if (/^(data|blob):/i.test(ref.url)) continue;
        const file = locate(ref.url, from);
        if (!file) {
          if (!optional) missing.push(`${relative(distDir, from).split(sep).join("/")} → ${ref.url}`);
          continue;
        }
        if (seen.has(file)) continue;
        seen.set(file, ref.kind);
        queue.push([file, ref.kind]);
      }
    };
    visit(htmlRefs(readFileSync(pageFile, "utf8")), pageFile);
    while (queue.length > 0) {
      const [file, kind] = queue.shift()!;
      if (kind === "js") {
        const code = readFileSync(file, "utf8");
        // Static imports load with the module; dynamic imports inside modules load only when code asks (not counted).
        visit(
          staticImports(code).map((url) => ({url, kind: "js" as const})),
          file,
        );
        visit(
          resolvedUrls(code).map((url) => ({url, kind: resolvedKind(url)})),
          file,
          true,
        );
      } else if (kind === "css") {
        visit(cssRefs(readFileSync(file, "utf8")), file);
      }
    }

    const result = Object.fromEntries(KINDS.flatMap((k) => [`${k}_raw`, `${k}_gzip`]).map((k) => [k, 0])) as Record<
      `${FileKind}_${"raw" | "gzip"}`,
      number
    >;
    const dataFiles: PageBytes["data_files"] = [];
    for (const [file, kind] of seen) {
      const {raw, gzip} = await size(file);
      result[`${kind}_raw`] += raw;
      result[`${kind}_gzip`] += gzip;
      if (kind === "data") dataFiles.push({path: "/" + relative(distDir, file).split(sep).join("/"), raw, gzip});
    }
    const total = (suffix: "raw" | "gzip") =>
      KINDS.filter((k) => k !== "font").reduce((sum, k) => sum + result[`${k}_${suffix}`], 0);
    return {
      raw: total("raw"),
      gzip: total("gzip"),
      ...result,
      files: seen.size,
      data_files: dataFiles.sort((a, b) => a.path.localeCompare(b.path)),
      missing,
    };
  };
}

/**
 * What each page of the built site in `distDir` downloads (see PageBytes), keyed by the page's URL ("/", "/en/tasks",
 * "/indicators/starting_a_business"). `pages` are dist-relative HTML files; by default sitePages(distDir).
 *
 * Counted: the HTML; every stylesheet, modulepreload, script and icon it links; the static imports of every JS
 * module, transitively (under /_npm, /_import, /_observablehq); the imports and the dynamic `import()`s of the page's
 * own module script (its cells, which run on load); the files its code registers (FileAttachment); what modules
 * resolve by URL (wasm, workers) and what stylesheets load (fonts apart). Not counted: dynamic imports inside modules
 * (loaded only when code asks), the search index (loaded when the search box is used).
 */
export async function measurePageBytes(
  distDir: string,
  pages: string[] = sitePages(distDir),
): Promise<Record<string, PageBytes>> {
  if (!existsSync(join(distDir, "index.html")) && pages.length === 0)
    throw new Error(`${distDir} has no built site (index.html missing)`);
  const measure = measurer(distDir);
  const result: Record<string, PageBytes> = {};
  for (const page of pages) result[pageUrl(page)] = await measure(page);
  return result;
}

/**
 * Builds the site from a folder of exports into a temporary dist (Framework's npm cache seeded from node_modules,
 * telemetry off, no network), measures its pages, and removes that dist unless `keep`. `workDir` is where the
 * temporary dist goes (a fresh folder of the system's temp directory by default).
 */
export async function buildAndMeasurePages(options: {
  exportsDir: string;
  workDir?: string;
  keep?: boolean;
  log?: (line: string) => void;
}): Promise<{page_bytes: Record<string, PageBytes>; site_build_s: number}> {
  const log = options.log ?? (() => {});
  const work = mkdtempSync(join(options.workDir ?? tmpdir(), "bizenv-site-"));
  const outDir = join(work, "dist");
  try {
    const started = performance.now();
    await buildOffline({exportsDir: options.exportsDir, outDir, quiet: true, log});
    const siteBuild = (performance.now() - started) / 1000;
    log("measuring what each page downloads");
    return {page_bytes: await measurePageBytes(outDir), site_build_s: Math.round(siteBuild * 1000) / 1000};
  } finally {
    if (options.keep) log(`kept the built site in ${outDir}`);
    else rmSync(work, {recursive: true, force: true});
  }
}

/** Notes that go with page_bytes wherever it is printed. */
export const PAGE_BYTES_NOTES = [
  `page_bytes: indicator pages are measured on /indicators/${REPRESENTATIVE_INDICATOR} and its English twin (the 18 share their code; each has its own data)`,
  "page_bytes: data counts every file a page registers, also ones fetched only when asked (an indicator's areas file); fonts are apart (font_raw); gzip is what npm start's server sends",
];
