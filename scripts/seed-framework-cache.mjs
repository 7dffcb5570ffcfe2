#!/usr/bin/env node
// `npm run dev` and `npm run build`'s first step: fill Observable Framework's npm cache from node_modules, so that
// Framework never reaches the jsDelivr CDN or the npm registry (pipeline/site/seedFrameworkCache.mjs says how).
//
// Usage: node scripts/seed-framework-cache.mjs [--force] [--keep-data] [--root dashboards]
//   --force       bundle everything again even when the stamp says it is done
//   --keep-data   keep the data loaders' cached outputs (they are dropped by default)
//   --root        the Framework root whose cache is seeded
import {seedFrameworkCache} from "../pipeline/site/seedFrameworkCache.mjs";

function parseArgs(argv) {
  const args = {force: false, keepData: false, root: "dashboards"};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--force") args.force = true;
    else if (argv[i] === "--keep-data") args.keepData = true;
    else if (argv[i] === "--root") args.root = argv[++i];
    else
      throw new Error(
        `unknown argument: ${argv[i]} (usage: seed-framework-cache.mjs [--force] [--keep-data] [--root dir])`,
      );
  }
  return args;
}

try {
  await seedFrameworkCache(parseArgs(process.argv.slice(2)));
} catch (error) {
  console.error(`seed-framework-cache: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
