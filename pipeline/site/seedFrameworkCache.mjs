// Fills Observable Framework's npm cache (dashboards/.observablehq/cache/_npm/) from node_modules, so that
// `observable build` and `observable preview` never reach the jsDelivr CDN or the npm registry.
// See /work/shared/notes/offline-dashboards.md for what Framework 1.13 fetches and why this layout works:
//   - `<name>@<version>/_esm.js` present  => Framework does not download the module;
//   - a `<name>@<version>` directory      => Framework does not ask the registry for a version.
// Each seeded package is bundled with esbuild (ESM, browser) like jsDelivr's `+esm`: the other seeded packages stay
// external, imported by relative path from their own `_esm.js`. Idempotent: a stamp records what was seeded, and a
// second run with the same inputs only checks that the files exist (~50 ms).
//
// It also drops the cached outputs of data loaders (everything in the cache that is not Framework's own `_…`
// directory): Framework reruns a loader only when the loader file itself changes, but ours read the plan catalog and
// the warehouse, which it does not watch. Pass --keep-data to reuse them anyway.
import {createHash} from "node:crypto";
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join, posix, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";
import {projectDir} from "./projectDir.mjs";

/** Packages bundled from node_modules. Versions are whatever is installed (package.json pins them exactly). */
// exceljs: its browser build, for reading dropped workbooks on the File check page (and FileAttachment.xlsx); jszip
// for the two things in such a workbook the File check makes explicit before ExcelJS reads it (fileCheck.ts).
const BUNDLED = [
  "@observablehq/plot",
  "d3",
  "d3-dsv",
  "htl",
  "isoformat",
  "apache-arrow",
  "@duckdb/duckdb-wasm",
  "exceljs",
  "jszip",
];

/** Files Framework's DuckDB client loads with import.meta.resolve (see framework/dist/libraries.js). */
const DUCKDB_ASSETS = [
  "dist/duckdb-mvp.wasm",
  "dist/duckdb-eh.wasm",
  "dist/duckdb-browser-mvp.worker.js",
  "dist/duckdb-browser-eh.worker.js",
];

/**
 * "Recommended libraries" whose versions Framework resolves on every build even when no page uses them. An empty
 * version directory satisfies the lookup; a page that really imports one of them fails the offline build loudly
 * (unable to fetch the CDN), which is what we want. parquet-wasm is here too: it is not installed, so pages must not
 * call `FileAttachment(...).parquet()`.
 */
const PLACEHOLDERS = {
  react: "18.3.1",
  "react-dom": "18.3.1",
  lodash: "4.17.21",
  arquero: "8.0.3",
  echarts: "5.6.0",
  leaflet: "1.9.4",
  "mapbox-gl": "3.9.4",
  "topojson-client": "3.1.0",
  "@observablehq/sample-datasets": "1.0.1",
  "parquet-wasm": "0.6.1",
};

/** Records what was seeded; it lives beside _npm, not in it: Framework reads every entry of _npm as name@version. */
const STAMP = "bizenv-seed.json";

/** The top-level installed copy (not every package exports its package.json, so no require.resolve). */
function packageDir(name) {
  const dir = join(projectDir, "node_modules", ...name.split("/"));
  if (!existsSync(join(dir, "package.json"))) throw new Error(`${name} is not installed in node_modules (run npm ci)`);
  return dir;
}

function installedVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;
}

/** The Framework cache path of a package's main module, relative to the `_npm` directory (always POSIX). */
function esmPath(name, version) {
  return `${name}@${version}/_esm.js`;
}

/**
 * esbuild plugin: imports of another seeded package (bare name, no subpath) become relative imports of that
 * package's `_esm.js`. Like Framework does for duckdb-wasm's apache-arrow ("latest"), the installed top-level version
 * wins even if the importer has a nested copy of its own.
 */
function externalSeeded(selfName, versions) {
  const names = Object.keys(versions).filter((n) => n !== selfName);
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  const filter = new RegExp(`^(${escaped.join("|")})$`);
  const from = posix.dirname(esmPath(selfName, versions[selfName]));
  return {
    name: "external-seeded",
    setup(build) {
      build.onResolve({filter}, (args) => ({
        path: posix.relative(from, esmPath(args.path, versions[args.path])).replace(/^(?!\.)/, "./"),
        external: true,
      }));
    },
  };
}

async function bundle(name, versions, outfile) {
  // The entry is the package itself, resolved with browser conditions, so its default export (if any) survives.
  await esbuild.build({
    entryPoints: [name],
    absWorkingDir: projectDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: true,
    legalComments: "none",
    logLevel: "error",
    define: {"process.env.NODE_ENV": '"production"'},
    plugins: [externalSeeded(name, versions)],
    outfile,
  });
}

/** What the stamp must match: this module's own code (how to seed), the installed versions and esbuild's. */
function seedKey(versions) {
  const script = readFileSync(fileURLToPath(import.meta.url));
  return createHash("sha256")
    .update(script)
    .update(JSON.stringify({versions, esbuild: esbuild.version}))
    .digest("hex")
    .slice(0, 16);
}

function expectedFiles(npmDir, versions) {
  const files = BUNDLED.map((n) => join(npmDir, esmPath(n, versions[n])));
  const duckdb = `@duckdb/duckdb-wasm@${versions["@duckdb/duckdb-wasm"]}`;
  files.push(...DUCKDB_ASSETS.map((a) => join(npmDir, duckdb, a)));
  files.push(...Object.entries(PLACEHOLDERS).map(([n, v]) => join(npmDir, `${n}@${v}`)));
  return files;
}

/** Removes cached data-loader outputs (top-level cache entries other than Framework's `_…` dirs and our stamp). */
function clearLoaderOutputs(cacheDir, log) {
  if (!existsSync(cacheDir)) return;
  const stale = readdirSync(cacheDir).filter((entry) => !entry.startsWith("_") && entry !== STAMP);
  for (const entry of stale) rmSync(join(cacheDir, entry), {recursive: true, force: true});
  if (stale.length > 0) log(`cleared cached data-loader outputs: ${stale.join(", ")}`);
}

/**
 * Seeds the cache of the Framework root `root` (relative to the project): bundles what is missing or out of date,
 * drops the data loaders' cached outputs unless `keepData`; `force` bundles everything again. Resolves to whether it
 * bundled anything and the versions it seeded.
 */
export async function seedFrameworkCache({
  root = "dashboards",
  force = false,
  keepData = false,
  log = (m) => console.error(m),
} = {}) {
  const started = performance.now();
  const cacheDir = resolve(projectDir, root, ".observablehq", "cache");
  const npmDir = join(cacheDir, "_npm");
  if (!keepData) clearLoaderOutputs(cacheDir, log);
  const stampPath = join(cacheDir, STAMP);
  const versions = Object.fromEntries(BUNDLED.map((n) => [n, installedVersion(n)]));
  const key = seedKey(versions);
  const stamp = existsSync(stampPath) ? JSON.parse(readFileSync(stampPath, "utf8")) : null;
  if (!force && stamp?.key === key && expectedFiles(npmDir, versions).every((f) => existsSync(f))) {
    log(`framework cache already seeded (${relative(projectDir, npmDir)})`);
    return {seeded: false, versions};
  }

  for (const name of BUNDLED) {
    const outfile = join(npmDir, ...esmPath(name, versions[name]).split("/"));
    await bundle(name, versions, outfile);
    log(`seeded ${name}@${versions[name]}`);
  }
  const duckdbDir = join(npmDir, `@duckdb/duckdb-wasm@${versions["@duckdb/duckdb-wasm"]}`);
  for (const asset of DUCKDB_ASSETS) {
    const target = join(duckdbDir, ...asset.split("/"));
    mkdirSync(dirname(target), {recursive: true});
    copyFileSync(join(packageDir("@duckdb/duckdb-wasm"), ...asset.split("/")), target);
  }
  for (const [name, version] of Object.entries(PLACEHOLDERS)) {
    mkdirSync(join(npmDir, `${name}@${version}`.split("/").join(sep)), {recursive: true});
  }
  writeFileSync(stampPath, JSON.stringify({key, versions, placeholders: PLACEHOLDERS}, null, 2) + "\n");
  log(`framework cache seeded in ${Math.round(performance.now() - started)} ms (${relative(projectDir, npmDir)})`);
  return {seeded: true, versions};
}
