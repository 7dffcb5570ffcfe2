import {dirname, relative} from "node:path";
import type {KnipConfig} from "knip";

// Unused files, exports and dependencies, run by `npm run lint` (in `npm test`). Entry points: the CLI, the scripts,
// the tests and their fixture generators, and the Framework site: its config, data loaders and Markdown pages.
const config: KnipConfig = {
  entry: [
    "bin/bizenv.mjs",
    "pipeline/cli/main.ts",
    "pipeline/cli/commands/*.ts",
    "scripts/*.mjs",
    "tests/**/*.test.ts",
    "tests/fixtures/**/generate.ts",
    "observablehq.config.ts",
    "dashboards/data/*.*.ts",
    "dashboards/**/*.md",
    "dashboards/**/*.md.js",
    "dashboards/components/pages/*.md.tmpl",
  ],
  project: [
    "pipeline/**/*.{ts,mjs}",
    "scripts/**/*.mjs",
    "tests/**/*.ts",
    "dashboards/**/*.{ts,js,md,tmpl}",
    "bin/*.mjs",
  ],
  compilers: {
    md: pageCode,
    // A page template (components/pages/*.md.tmpl) names the site root {{root}} and picks words with {{中文|English}}.
    tmpl: (text: string, path: string) => {
      const root = relative(dirname(path), "dashboards") || ".";
      return pageCode(text.replaceAll("{{root}}", `${root}/`).replace(/\{\{([^|}]*)\|[^}]*\}\}/g, "$1"));
    },
  },
  // The site's browser code imports packages as `npm:<name>`, which Framework resolves from node_modules and bundles
  // for the offline build: those packages are used, but not through a Node import knip can follow.
  ignoreDependencies: ["npm", "@duckdb/duckdb-wasm", "d3", "d3-dsv", "isoformat"],
  // Debian tools the tests call when present (poppler-utils, e2fsprogs).
  ignoreBinaries: ["pdfinfo", "chattr"],
};

/**
 * A page's code: its ```js blocks, and the ${…} expressions inlined in its Markdown (as statements, so the names
 * they use count as used). Framework resolves "./components/x.js" to x.ts.
 */
function pageCode(text: string): string {
  const blocks = [...text.matchAll(/^```js\b[^\n]*\n([\s\S]*?)^```/gm)].map(([, code]) => code!);
  const inline = [...text.matchAll(/\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g)].map(([, expression]) => `(${expression});`);
  return [...blocks, ...inline].join("\n").replace(/(from\s+["']\..*?)\.js(["'])/g, "$1.ts$2");
}

export default config;
