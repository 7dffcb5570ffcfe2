#!/usr/bin/env node
// The `bizenv` command. TypeScript sources run directly through tsx: no compile step.
import {register} from "tsx/esm/api";

// `bizenv plan | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const {main} = await import("../pipeline/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
// For `bizenv bench`: report this process's peak memory (node and DuckDB together) on stderr.
if (process.env.BIZENV_REPORT_PEAK_RSS) process.stderr.write(`bizenv-peak-rss-kib=${process.resourceUsage().maxRSS}\n`);
