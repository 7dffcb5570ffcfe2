// measurePageBytes on a tiny hand-made "built site" shaped like Framework's output, so the measurement `bizenv bench`
// reports (page_bytes) cannot rot: which files a page counts, under which kind, raw and gzip.
import {mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {measurePageBytes, pageUrl, sitePages} from "../../pipeline/bench/pageBytes.ts";
import {main} from "../../pipeline/cli/main.ts";
import {gzipFor} from "../../pipeline/site/gzipFor.mjs";
import {captureIo} from "../helpers/captureIo.ts";

let dist: string;
const write = (path: string, text: string | Buffer) => {
  mkdirSync(dirname(join(dist, path)), {recursive: true});
  writeFileSync(join(dist, path), text);
};
const size = (path: string) => statSync(join(dist, path)).size;
const gzipSize = async (path: string, text: string) => (await gzipFor(Buffer.from(text)))?.length ?? size(path);

/** A page the way Framework 1.13 writes one: stylesheets, modulepreloads, icon, its module script, the sidebar. */
function pageHtml(up: string, data: string, extra = "") {
  return `<!DOCTYPE html>
<html><head>
<link rel="preload" as="style" href="${up}_import/style.abc.css">
<link rel="stylesheet" type="text/css" href="${up}_import/style.abc.css">
<link rel="modulepreload" href="${up}_observablehq/client.abc.js">
<link rel="modulepreload" href="${up}_npm/plot@1.0.0/abc.js">
<link rel="icon" href="${up}_file/favicon.abc.svg" type="image/svg+xml">
<script>document.documentElement.lang = "zh-CN";</script>
<script type="module">

import {define} from "${up}_observablehq/client.abc.js";
import {registerFile} from "${up}_observablehq/client.abc.js";

registerFile("./data/${data}", {"name":"./data/${data}","mimeType":"application/json","path":"${up}_file/data/${data.replace(".json", ".1234abcd.json")}","lastModified":1,"size":1});

define({id: "a1", inputs: ["FileAttachment"], outputs: ["chart"], body: async (FileAttachment) => {
const [{chart}] = await Promise.all([import("${up}_import/components/chart.abc.js")]);
return {chart};
}});
${extra}
</script>
</head><body>
<script>{const r=()=>import("${up}_observablehq/search.abc.js");}</script>
</body></html>
`;
}

const TEXT = {
  style: `@font-face{font-family:x;src:url("../_file/font.abc.woff2")}\nbody{background:url("data:image/svg+xml,%3Csvg%3E")}\n${"p{margin:0}\n".repeat(50)}`,
  client: `import{a as b}from"./runtime.abc.js";const later=()=>import("../_npm/big@1.0.0/abc.js");export{b};\n`,
  runtime: `export const a = ${JSON.stringify("runtime ".repeat(100))};\n`,
  plot: `import * as d3 from "../d3@7.0.0/abc.js";\nexport * from "./part.abc.js";\nexport const plot = ${JSON.stringify("plot ".repeat(300))};\n`,
  part: `export const part = 1;\n`,
  d3: `export const d3 = ${JSON.stringify("d3 ".repeat(500))};\n`,
  big: `export const big = ${JSON.stringify("never loaded ".repeat(1000))};\n`,
  chart: `import {plot} from "../../_npm/plot@1.0.0/abc.js";\nexport const chart = () => plot;\n`,
  overview: JSON.stringify({cards: Array.from({length: 18}, (_, i) => ({id: i, value: i * 1.5}))}),
  indicator: JSON.stringify({months: Array.from({length: 30}, (_, i) => ({m: i, v: i / 3}))}),
  favicon: `<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>`,
};

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), "bizenv-pagebytes-"));
  write("index.html", pageHtml("./", "overview.json"));
  write("en/index.html", pageHtml("../", "overview.json"));
  write("404.html", "<p>not found</p>");
  write(
    "indicators/starting_a_business.html",
    pageHtml("../", "indicators/starting_a_business.json", 'import "../_missing/gone.js";'),
  );
  write("indicators/getting_credit.html", pageHtml("../", "indicators/getting_credit.json"));
  write("_import/style.abc.css", TEXT.style);
  write("_file/font.abc.woff2", Buffer.alloc(5000, 7));
  write("_observablehq/client.abc.js", TEXT.client);
  write("_observablehq/runtime.abc.js", TEXT.runtime);
  write("_observablehq/search.abc.js", "export const search = 1;\n");
  write("_npm/plot@1.0.0/abc.js", TEXT.plot);
  write("_npm/plot@1.0.0/part.abc.js", TEXT.part);
  write("_npm/d3@7.0.0/abc.js", TEXT.d3);
  write("_npm/big@1.0.0/abc.js", TEXT.big);
  write("_import/components/chart.abc.js", TEXT.chart);
  write("_file/favicon.abc.svg", TEXT.favicon);
  write("_file/data/overview.1234abcd.json", TEXT.overview);
  write("_file/data/indicators/starting_a_business.1234abcd.json", TEXT.indicator);
  write("_file/data/indicators/getting_credit.1234abcd.json", TEXT.indicator);
});

afterAll(() => rmSync(dist, {recursive: true, force: true}));

describe("measurePageBytes", () => {
  it("lists top-level pages, their English twins and one indicator page, without 404", () => {
    expect(sitePages(dist)).toEqual(["index.html", "indicators/starting_a_business.html", "en/index.html"]);
    expect(sitePages(dist).map(pageUrl)).toEqual(["/", "/indicators/starting_a_business", "/en/"]);
  });

  it("counts the HTML, every module it loads transitively, its stylesheets and data; fonts apart", async () => {
    const pages = await measurePageBytes(dist);
    expect(Object.keys(pages)).toEqual(["/", "/indicators/starting_a_business", "/en/"]);
    const overview = pages["/"]!;
    const js = [
      "_observablehq/client.abc.js",
      "_observablehq/runtime.abc.js", // imported by client
      "_npm/plot@1.0.0/abc.js",
      "_npm/plot@1.0.0/part.abc.js", // export * from
      "_npm/d3@7.0.0/abc.js", // imported by plot
      "_import/components/chart.abc.js", // the page's dynamic import (its cell)
    ]; // not: _npm/big (a dynamic import inside a module), _observablehq/search (the search box, on demand)
    const sum = (paths: string[]) => paths.reduce((s, p) => s + size(p), 0);
    expect(overview.html_raw).toBe(size("index.html"));
    expect(overview.js_raw).toBe(sum(js));
    expect(overview.css_raw).toBe(size("_import/style.abc.css"));
    expect(overview.data_raw).toBe(size("_file/data/overview.1234abcd.json"));
    expect(overview.other_raw).toBe(size("_file/favicon.abc.svg"));
    expect(overview.font_raw).toBe(5000);
    expect(overview.font_gzip).toBe(5000); // woff2 is not gzipped by the server
    expect(overview.wasm_raw).toBe(0);
    expect(overview.raw).toBe(
      sum(["index.html", ...js, "_import/style.abc.css", "_file/data/overview.1234abcd.json"]) +
        size("_file/favicon.abc.svg"),
    );
    expect(overview.files).toBe(1 + js.length + 4); // html, js, css, data, icon, font
    expect(overview.missing).toEqual([]);
    expect(overview.data_files).toEqual([
      {
        path: "/_file/data/overview.1234abcd.json",
        raw: TEXT.overview.length,
        gzip: await gzipSize("_file/data/overview.1234abcd.json", TEXT.overview),
      },
    ]);
  });

  it("reports gzip as the server sends it: smaller for text, the sum of the files' gzip sizes", async () => {
    const overview = (await measurePageBytes(dist))["/"]!;
    expect(overview.gzip).toBeLessThan(overview.raw);
    expect(overview.css_gzip).toBe(await gzipSize("_import/style.abc.css", TEXT.style));
    expect(overview.gzip).toBe(
      overview.html_gzip +
        overview.js_gzip +
        overview.css_gzip +
        overview.data_gzip +
        overview.wasm_gzip +
        overview.other_gzip,
    );
  });

  it("resolves paths relative to pages in subfolders, and names what it cannot find", async () => {
    const pages = await measurePageBytes(dist);
    expect(pages["/en/"]!.js_raw).toBe(pages["/"]!.js_raw);
    expect(pages["/en/"]!.data_raw).toBe(pages["/"]!.data_raw);
    const indicator = pages["/indicators/starting_a_business"]!;
    expect(indicator.data_files.map((f) => f.path)).toEqual([
      "/_file/data/indicators/starting_a_business.1234abcd.json",
    ]);
    expect(indicator.missing).toEqual(["indicators/starting_a_business.html → ../_missing/gone.js"]);
  });

  it("counts DuckDB-wasm's eh build a module resolves by URL, not the mvp one", async () => {
    write(
      "_observablehq/stdlib/duckdb.abc.js",
      `const b={mvp:{mainModule:import.meta.resolve("../../_npm/duckdb@1/dist/duckdb-mvp.wasm"),mainWorker:import.meta.resolve("../../_npm/duckdb@1/dist/duckdb-browser-mvp.worker.js")},eh:{mainModule:import.meta.resolve("../../_npm/duckdb@1/dist/duckdb-eh.wasm"),mainWorker:import.meta.resolve("../../_npm/duckdb@1/dist/duckdb-browser-eh.worker.js")}};const s=import.meta.resolve("../../_npm/sample-datasets@1/cars.csv");\n`,
    );
    for (const v of ["mvp", "eh"]) {
      write(`_npm/duckdb@1/dist/duckdb-${v}.wasm`, Buffer.alloc(v === "eh" ? 3000 : 4000, 1));
      write(`_npm/duckdb@1/dist/duckdb-browser-${v}.worker.js`, `self.x = "${v}";\n`);
    }
    write(
      "explore.html",
      `<link rel="modulepreload" href="./_observablehq/stdlib/duckdb.abc.js"><script type="module">import "./_observablehq/stdlib/duckdb.abc.js";</script>`,
    );
    const explore = (await measurePageBytes(dist, ["explore.html"]))["/explore"]!;
    expect(explore.wasm_raw).toBe(3000);
    expect(explore.js_raw).toBe(
      size("_observablehq/stdlib/duckdb.abc.js") + size("_npm/duckdb@1/dist/duckdb-browser-eh.worker.js"),
    );
    expect(explore.missing).toEqual([]); // the sample dataset is never copied: not a missing file
  });

  it("is what `bizenv bench --pages-only --dist DIR` prints, as a table and as JSON", async () => {
    const pages = await measurePageBytes(dist);
    const json = captureIo();
    expect(await main(["bench", "--pages-only", "--dist", dist, "--json"], json)).toBe(0);
    const report = JSON.parse(json.out) as {page_bytes: typeof pages; site_build_s: null};
    expect(report.page_bytes["/"]).toEqual(pages["/"]);
    expect(report.site_build_s).toBeNull();
    const text = captureIo();
    expect(await main(["bench", "--pages-only", "--dist", dist], text)).toBe(0);
    expect(text.out).toContain(`overview (/)             ${(pages["/"]!.raw / 1000).toFixed(1)} kB raw`);
    expect(text.out).toMatch(/^ {4}\/en\/ +\d/m);
    const usage = captureIo();
    expect(await main(["bench", "--dist", dist], usage)).toBe(2); // --dist only with --pages-only
  });
});
