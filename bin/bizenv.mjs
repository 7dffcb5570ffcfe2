#!/usr/bin/env node
// The `bizenv` command. TypeScript sources run without a compile step: from a bundle esbuild makes of them on the
// first run after a change (bin/cliBundle.mjs), or straight through tsx when no bundle can be had.
import {cliBundle} from "./cliBundle.mjs";

// `bizenv plan | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

/** The CLI's `main`, from the bundle if there is one, else from the sources through tsx. */
async function loadMain() {
  const bundle = await cliBundle();
  if (bundle) {
    try {
      process.setSourceMapsEnabled(true);
      return (await import(bundle)).main;
    } catch {
      // A bundle removed by a concurrent rebuild between finding and importing it: the sources will do.
    }
  }
  const {register} = await import("tsx/esm/api");
  register();
  return (await import("../pipeline/cli/main.ts")).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
// For `bizenv bench`: report this process's peak memory (node and DuckDB together) on stderr.
if (process.env.BIZENV_REPORT_PEAK_RSS) process.stderr.write(`bizenv-peak-rss-kib=${process.resourceUsage().maxRSS}\n`);
