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
  ],
  project: ["pipeline/**/*.{ts,mjs}", "scripts/**/*.mjs", "tests/**/*.ts", "dashboards/**/*.{ts,js,md}", "bin/*.mjs"],
  compilers: {
    // A page's code is its ```js blocks; Framework resolves "./components/x.js" to x.ts.
    md: (text: string) =>
      [...text.matchAll(/^```js\b[^\n]*\n([\s\S]*?)^```/gm)]
        .map(([, code]) => code!.replace(/(from\s+["']\..*?)\.js(["'])/g, "$1.ts$2"))
        .join("\n"),
  },
  // The site's browser code imports packages as `npm:<name>`, which Framework resolves from node_modules and bundles
  // for the offline build: those packages are used, but not through a Node import knip can follow.
  ignoreDependencies: ["npm", "@duckdb/duckdb-wasm", "d3", "d3-dsv", "isoformat"],
  // Debian tools the tests call when present (poppler-utils, e2fsprogs).
  ignoreBinaries: ["pdfinfo", "chattr"],
};

export default config;
