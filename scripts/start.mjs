#!/usr/bin/env node
// `npm start`: get everything ready and serve the dashboards at http://127.0.0.1:3000, with no network at all.
//   1. data     the exports the site is built from ($BIZENV_EXPORTS or data/exports/): when there are none, run
//               `bizenv score`, and first `bizenv demo` (SYNTHETIC feeds, loaded) when there is no warehouse yet
//   2. seed     Framework's npm cache from node_modules (pipeline/site/seedFrameworkCache.mjs)
//   3. build    the Observable Framework site into dist/ (telemetry off)
//   4. serve    dist/ with the small static server of pipeline/site/createStaticServer.mjs (clean URLs: /tasks -> tasks.html; text files gzipped for
//               clients that accept it)
//
// Usage: node scripts/start.mjs [--host 127.0.0.1] [--port 3000] [--no-build]
//   --port 0 picks a free port; the "serving http://…" line on stdout gives the address (tests read it).
//   --no-build serves the dist/ already built (and skips steps 1–3).
// Every step lives in pipeline/site/ (steps 2–3 are its buildOffline, which `bizenv bench` builds a site with too).
import {existsSync} from "node:fs";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {buildOffline} from "../pipeline/site/buildOffline.mjs";
import {createStaticServer} from "../pipeline/site/createStaticServer.mjs";
import {ensureExports} from "../pipeline/site/ensureExports.mjs";
import {distDir} from "../pipeline/site/projectDir.mjs";

function parseArgs(argv) {
  const args = {host: "127.0.0.1", port: 3000, build: true};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-build") args.build = false;
    else if (arg === "--host") args.host = argv[++i];
    else if (arg === "--port") args.port = Number(argv[++i]);
    else throw new Error(`unknown argument: ${arg} (usage: start.mjs [--host h] [--port n] [--no-build])`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error("--port needs 0-65535");
  return args;
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.build) {
    await ensureExports(); // step 1
    await buildOffline(); // steps 2 and 3
  } else if (!existsSync(join(distDir, "index.html"))) {
    throw new Error("dist/ has no built site: run without --no-build first");
  }
  const server = createStaticServer(distDir); // step 4
  await new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(args.port, args.host, resolvePromise);
  });
  const {port} = server.address();
  console.log(`serving http://${args.host}:${port}/ (dist/); press Ctrl+C to stop`);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
