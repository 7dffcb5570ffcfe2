import {openWarehouse} from "./pipeline/openWarehouse.ts";
import {loadPaths} from "./pipeline/ingest/loadFiles.ts";
import {rmSync} from "node:fs";
const file = process.argv[2] ?? "/tmp/b/startup_cases.csv";
for (let r = 0; r < 3; r++) {
  rmSync("/tmp/b/w", {recursive: true, force: true});
  const env = {...process.env, BIZENV_DB: "/tmp/b/w/wh.duckdb", BIZENV_EXPORTS: "/tmp/b/w/ex"} as Record<string, string>;
  const {warehouse} = await openWarehouse({env, cwd: "/tmp/b"}); warehouse.close();
  const t0 = performance.now();
  process.stderr.write(`--- round ${r} start @${t0.toFixed(0)}\n`);
  const res = await loadPaths([file], {env, cwd: "/tmp/b", progress: (p) => process.stderr.write(`progress ${p.phase} @${performance.now().toFixed(0)}\n`)});
  process.stderr.write(`--- round ${r} ${(performance.now() - t0).toFixed(0)} ms ${res[0].status} ${res[0].rows_loaded}\n`);
}
