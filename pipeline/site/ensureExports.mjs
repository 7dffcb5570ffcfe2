// `npm start`'s step 1: the exports a site is built from, made from the warehouse (or the SYNTHETIC demo) when there
// are none yet.
import {spawn} from "node:child_process";
import {existsSync} from "node:fs";
import {join, resolve} from "node:path";
import {projectDir} from "./projectDir.mjs";

/** The demo's last day of data: the demo is scored as of it, so its feeds are fresh on the day they describe. */
const DEMO_AS_OF = "2023-06-30";

/** Runs `node bin/bizenv.mjs <args>` with this environment; rejects with its exit code if it fails. */
function bizenv(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(projectDir, "bin", "bizenv.mjs"), ...args], {
      cwd: process.cwd(),
      env: process.env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolvePromise() : reject(new Error(`bizenv ${args[0]} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/**
 * Step 1: exports to build from. Where `bizenv score` puts them ($BIZENV_EXPORTS, else data/exports/) already holds a
 * manifest: use them. Otherwise score the warehouse ($BIZENV_DB, else data/warehouse.duckdb), and when there is no
 * warehouse yet, first generate and load the SYNTHETIC demo, scored as of its last day.
 */
export async function ensureExports({log = (m) => console.error(m)} = {}) {
  // The same rule as the CLI and the data loaders (pipeline/config.ts), imported through tsx: this module runs on
  // plain Node (npm start), and only this step needs the TypeScript rule.
  const {tsImport} = await import("tsx/esm/api");
  const {exportsPath} = await tsImport("../config.ts", import.meta.url);
  const exportsDir = exportsPath(process.env);
  if (existsSync(join(exportsDir, "manifest.json"))) {
    log(`using the exports in ${exportsDir}`);
    return;
  }
  const warehouse = process.env.BIZENV_DB?.trim()
    ? resolve(process.cwd(), process.env.BIZENV_DB.trim())
    : join(projectDir, "data", "warehouse.duckdb");
  let asOf = [];
  if (!existsSync(warehouse)) {
    log(`no warehouse at ${warehouse}: generating and loading the SYNTHETIC demo feeds (bizenv demo)`);
    await bizenv(["demo", "--as-of", DEMO_AS_OF]);
    asOf = ["--as-of", DEMO_AS_OF];
  }
  log(`no exports in ${exportsDir}: scoring the warehouse (bizenv score)`);
  await bizenv(["score", ...asOf]);
}
