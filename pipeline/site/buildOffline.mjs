// Building the dashboards with no network, one build at a time: `npm start`'s steps 2 and 3, and what `bizenv bench`
// builds a site into a temporary folder with.
//
// The site modules (pipeline/site/*.mjs) are plain Node ESM with hand-written .d.mts types, not TypeScript: `npm start`,
// `npm run dev`, `npm run build` and `npm run screenshots` run them under plain `node`, and the server they start
// lives as long as the dashboards are open, so they do without tsx's loader (bin/bizenv.mjs registers it for the
// pipeline). TypeScript (pipeline/bench, tests) imports them through the .d.mts files beside them.
import {linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {setTimeout as sleep} from "node:timers/promises";
import {buildSite} from "./buildSite.mjs";
import {projectDir} from "./projectDir.mjs";
import {seedFrameworkCache} from "./seedFrameworkCache.mjs";

/**
 * Runs `fn` holding the site-build lock (dashboards/.observablehq/bizenv-build.lock, the holder's pid inside), waiting
 * while another process holds it. Every build shares Framework's cache under dashboards/.observablehq/, data-loader
 * outputs included: two builds at once (a test's and `bizenv bench`'s) could each clear or reuse the other's data.
 * A lock left by a process that no longer runs is taken over.
 */
async function withBuildLock(fn, log) {
  const lock = join(projectDir, "dashboards", ".observablehq", "bizenv-build.lock");
  mkdirSync(dirname(lock), {recursive: true});
  let told = false;
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, {flag: "wx"});
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    let holder;
    try {
      holder = Number(readFileSync(lock, "utf8").trim()) || null;
    } catch {
      continue; // released meanwhile
    }
    if (holder !== null && !isRunning(holder)) {
      // Take the dead holder's lock away by rename (atomic: of two waiters, one gets it). If what was taken turns out
      // to be a live build's fresh lock (another waiter replaced the dead one first), put it back.
      const taken = `${lock}.stale-${process.pid}`;
      try {
        renameSync(lock, taken);
      } catch {
        continue; // another waiter took it
      }
      const owner = Number(readFileSync(taken, "utf8").trim()) || null;
      if (owner !== holder) {
        try {
          linkSync(taken, lock);
        } catch {
          // a third build already holds a new lock: the live one keeps building, nothing more to do
        }
      }
      rmSync(taken, {force: true});
      continue;
    }
    if (!told) log(`waiting for another site build${holder ? ` (pid ${holder})` : ""}: builds share Framework's cache`);
    told = true;
    await sleep(500);
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, {force: true});
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Steps 2 and 3 with no network: seed Framework's npm cache from node_modules, then build the site (options as for
 * buildSite), one build at a time (withBuildLock). Seeding also drops the data loaders' cached outputs, so the site
 * shows the exports it is built from.
 */
export async function buildOffline({log = (m) => console.error(m), ...options} = {}) {
  await withBuildLock(async () => {
    await seedFrameworkCache({log});
    await buildSite({log, ...options});
  }, log);
}
