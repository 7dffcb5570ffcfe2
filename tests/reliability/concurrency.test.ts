import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Warehouse} from "../../pipeline/db.ts";
import {loadPaths} from "../../pipeline/ingest/loadFiles.ts";
import {TEST_NOW} from "../helpers/tempWarehouse.ts";
import {bizenv, type Child} from "./childProcess.ts";
import {warehouseState} from "./warehouseState.ts";

/**
 * Two loads at once on one warehouse, as real processes. The first is stopped (SIGSTOP, through the `BIZENV_FAULT`
 * seam) inside its load transaction, so it provably holds the warehouse while the others start; then:
 * a second load stops at once with "warehouse busy" (exit 5); one with a 1 s wait gives up after it (exit 5);
 * one with `--wait 60` waits, and when the first is let go it finds the file already loaded and skips it, and loads
 * its other file. Nothing is loaded twice and the rows are exactly those of the two files.
 */

const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const rows = (prefix: string, n: number) =>
  Array.from({length: n}, (_, i) => `${prefix}-${i + 1},城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,0`);

let dir: string;
let env: {BIZENV_DB: string};
const started: Child[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-concurrency-"));
  env = {BIZENV_DB: join(dir, "warehouse.duckdb")};
  writeFileSync(join(dir, "first.csv"), [HEADER, ...rows("FIRST", 500)].join("\n") + "\n");
  writeFileSync(join(dir, "second.csv"), [HEADER, ...rows("SECOND", 300)].join("\n") + "\n");
  writeFileSync(join(dir, "base.csv"), [HEADER, ...rows("BASE", 3)].join("\n") + "\n");
  const [base] = await loadPaths([join(dir, "base.csv")], {env, cwd: dir, now: () => TEST_NOW});
  expect(base).toMatchObject({status: "loaded"});
});

afterAll(() => {
  // Never leave a stopped child behind, whatever failed.
  for (const child of started) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
  }
  rmSync(dir, {recursive: true, force: true});
});

const start = (args: string[], extra: Record<string, string> = {}) => {
  const child = bizenv(args, {...env, ...extra});
  started.push(child);
  return child;
};

describe("two loads at once on one warehouse", () => {
  it("the second stops with 'warehouse busy' or waits; nothing is corrupted or loaded twice", async () => {
    const before = await warehouseState(env.BIZENV_DB);
    const first = start(["load", join(dir, "first.csv"), "--json"], {BIZENV_FAULT: "validating:stop"});
    await first.waitFor(`bizenv-fault: validating stop pid ${first.process.pid}`);

    // The first holds the warehouse, mid-transaction. A second load of the same file:
    const busy = start(["load", join(dir, "first.csv"), "--json"]);
    const patient = start(["load", join(dir, "first.csv"), join(dir, "second.csv"), "--json", "--wait", "60"]);

    // A load from this process with a short wait gives up (no third child: each costs seconds of start-up).
    const waits: string[] = [];
    const gaveUp = await loadPaths([join(dir, "first.csv")], {
      env,
      cwd: dir,
      waitSeconds: 1,
      onWait: (m) => waits.push(m),
    }).catch((e: unknown) => e);
    expect(gaveUp).toMatchObject({code: "warehouse_busy", exitCode: 5});
    expect((gaveUp as Error).message).toMatch(/is busy: .*; still busy after waiting 1 s$/);
    expect(waits).toEqual([expect.stringMatching(/is busy.*waiting up to 1 s…$/)]);

    const refused = await busy.done;
    expect(refused.code).toBe(5);
    const error = JSON.parse(refused.stdout).error;
    expect(error).toMatchObject({code: "warehouse_busy"});
    expect(error.message).toContain(`is busy: another bizenv process (PID ${first.process.pid}) is writing it`);

    await patient.waitFor("waiting");
    expect(first.process.kill("SIGCONT")).toBe(true);
    const firstDone = await first.done;
    expect(firstDone.code).toBe(0);
    expect(JSON.parse(firstDone.stdout).files).toMatchObject([{status: "loaded", rows_loaded: 500}]);

    const patientDone = await patient.done;
    expect(patientDone.code).toBe(0);
    expect(JSON.parse(patientDone.stdout).files).toMatchObject([
      {file: expect.stringContaining("first.csv"), status: "skipped"},
      {file: expect.stringContaining("second.csv"), status: "loaded", rows_loaded: 300},
    ]);

    const after = await warehouseState(env.BIZENV_DB, {newerThan: before.lastLoadId});
    expect(after.tables).toEqual(before.tables); // what was there is untouched
    const warehouse = await Warehouse.open(env.BIZENV_DB, {readOnly: true});
    try {
      const [counts] = await warehouse.all<{first: number; second: number; loads: number; distinct_keys: number}>(
        `select count(*) filter (where case_id like 'FIRST-%') as first, count(*) filter (where case_id like 'SECOND-%') as second,
                (select count(*) from load_log where status = 'loaded') as loads, count(distinct case_id) as distinct_keys
         from feed_startup_cases`,
      );
      expect(counts).toEqual({first: 500, second: 300, loads: 3, distinct_keys: 803});
    } finally {
      warehouse.close();
    }
  });
});
