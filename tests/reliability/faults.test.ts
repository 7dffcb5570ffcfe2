import {cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import iconv from "iconv-lite";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Warehouse} from "../../pipeline/db.ts";
import {UsageError} from "../../pipeline/errors.ts";
import {faultPointFromEnv} from "../../pipeline/faultPoint.ts";
import {TEMP_PREFIX} from "../../pipeline/ingest/loadFile.ts";
import {loadPaths} from "../../pipeline/ingest/loadFiles.ts";
import {TEST_NOW} from "../helpers/tempWarehouse.ts";
import {bizenv, type Child} from "./childProcess.ts";
import {warehouseState, type WarehouseState} from "./warehouseState.ts";

/**
 * Crash safety: a `bizenv load` child process is killed with SIGKILL (what `kill -9` does) at points of loading
 * a 3 000-row GBK file, through the `BIZENV_FAULT` seam, so the points are hit exactly. Each kill runs against its own
 * copy of one warehouse; all copies start identical. After the kill the warehouse must be exactly as before the
 * file (every table's rows and content, every view: a first load's new feed table included); loading the file again
 * must load it once, with the same rows, rejects and totals as a clean load into another copy; a third try skips it.
 */

const ROWS = 3000;
const BAD_EVERY = 100; // rows 100, 200, …: an unknown area, rejected
/**
 * The points killed here: half-way through converting the GBK file; inside the load transaction after the feed's
 * new table was made and every row checked; and with every row inserted and the load logged, just before COMMIT.
 * (`hashing`, `reading` and `committing` exist too; each CLI child costs seconds of start-up, so the suite kills
 * at the three that show the most: a half-written temp file, uncommitted DDL, a fully written uncommitted load.)
 */
const KILLED_BEFORE_COMMIT = ["transcoding", "validating", "commit"] as const;

let dir: string;
let gbk: string;
let baseState: WarehouseState;
let clean: {rows_loaded: number; rows_rejected: number; fingerprint: Fingerprint};
const children = new Map<string, Child>();

interface Fingerprint {
  feed: {rows: number; hash: string};
  rejects: {rows: number; hash: string};
  loaded: number;
}

const env = (name: string) => ({BIZENV_DB: join(dir, name, "warehouse.duckdb")});
const loadInProcess = (name: string) => loadPaths([gbk], {env: env(name), cwd: dir, now: () => TEST_NOW});

/** The file's rows and rejects as loaded, without load ids (which differ between warehouses), and its log entries. */
async function fingerprint(name: string): Promise<Fingerprint> {
  const warehouse = await Warehouse.open(env(name).BIZENV_DB, {readOnly: true});
  try {
    const [row] = await warehouse.all<{feed: string; rejects: string; loaded: number}>(
      `select (select count(*) || ':' || sum(hash(t::varchar)) from (select * exclude (_load_id) from feed_startup_cases) t) as feed,
              (select count(*) || ':' || sum(hash(t::varchar)) from (select * exclude (load_id) from load_rejects) t) as rejects,
              (select count(*) from load_log where file_name = 'gbk.csv' and status = 'loaded') as loaded`,
    );
    const split = (s: string) => ({rows: Number(s.split(":")[0]), hash: s.split(":")[1]!});
    return {feed: split(row!.feed), rejects: split(row!.rejects), loaded: row!.loaded};
  } finally {
    warehouse.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-faults-"));
  // The warehouse every kill starts from: one construction-permit file loaded, no start-up cases yet.
  const fixture = join(import.meta.dirname, "..", "fixtures", "feeds", "construction_permit_cases.csv");
  const [base] = await loadPaths([fixture], {env: env("base"), cwd: dir, now: () => TEST_NOW});
  expect(base).toMatchObject({status: "loaded"});
  baseState = await warehouseState(env("base").BIZENV_DB);
  // A GBK export with CRLF, big enough (≈190 KB) that the kill during transcoding lands half-way.
  const lines = ["办件编号,区县,申请时间,办结时间,办理渠道,办理环节数,费用（元）"];
  for (let i = 1; i <= ROWS; i++) {
    const area = i % BAD_EVERY === 0 ? "不存在县" : ["城东区", "城中区", "大通县", "湟源县"][i % 4];
    lines.push(
      `GBK-${String(i).padStart(5, "0")},${area},2022/3/${1 + (i % 28)} 9:30,2022/3/${1 + (i % 28)} 15:00,网上办理,${1 + (i % 5)},0`,
    );
  }
  gbk = join(dir, "gbk.csv");
  writeFileSync(gbk, iconv.encode(lines.join("\r\n") + "\r\n", "gbk"));
  for (const phase of [...KILLED_BEFORE_COMMIT, "committed"]) {
    cpSync(join(dir, "base"), join(dir, phase), {recursive: true});
    children.set(phase, bizenv(["load", gbk, "--json"], {...env(phase), BIZENV_FAULT: phase}));
  }
  // Meanwhile, the clean load the killed ones are compared with.
  cpSync(join(dir, "base"), join(dir, "clean"), {recursive: true});
  const [result] = await loadInProcess("clean");
  expect(result).toMatchObject({status: "loaded", rows_read: ROWS, rows_rejected: ROWS / BAD_EVERY});
  clean = {
    rows_loaded: result!.rows_loaded,
    rows_rejected: result!.rows_rejected,
    fingerprint: await fingerprint("clean"),
  };
  expect(clean.fingerprint).toMatchObject({
    loaded: 1,
    feed: {rows: ROWS - ROWS / BAD_EVERY},
    rejects: {rows: ROWS / BAD_EVERY},
  });
});

afterAll(() => {
  for (const child of children.values()) if (child.process.exitCode === null) child.process.kill("SIGKILL");
  rmSync(dir, {recursive: true, force: true});
});

/** Wait for the killed child; check it died by SIGKILL at that point. Returns its pid. */
async function killedAt(phase: string): Promise<number> {
  const child = children.get(phase)!;
  const result = await child.done;
  expect(result.stderr).toContain(`bizenv-fault: ${phase} kill pid ${child.process.pid}`);
  expect(result.signal).toBe("SIGKILL");
  expect(result.stdout).toBe(""); // it never got to report anything
  return child.process.pid!;
}

describe("kill -9 during a load leaves the warehouse as it was; the rerun loads the file exactly once", () => {
  it.each(KILLED_BEFORE_COMMIT)("killed at %s", async (phase) => {
    const pid = await killedAt(phase);
    // Exactly as before the file: every table's rows and content, every view (no feed_startup_cases yet).
    expect(await warehouseState(env(phase).BIZENV_DB)).toEqual(baseState);

    const [again] = await loadInProcess(phase);
    expect(again).toMatchObject({status: "loaded", rows_loaded: clean.rows_loaded, rows_rejected: clean.rows_rejected});
    const [third] = await loadInProcess(phase);
    expect(third).toMatchObject({status: "skipped", message: expect.stringMatching(/same content already loaded/)});
    expect(await fingerprint(phase)).toEqual(clean.fingerprint);
    // What the killed process left behind (its temp folder, a half-copied archive file) is gone after the rerun.
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`${TEMP_PREFIX}${pid}-`))).toEqual([]);
    expect(readdirSync(join(dir, phase, "archive")).filter((n) => n.includes(".partial-"))).toEqual([]);
  });

  it("killed just after COMMIT: the load is there once (from the write-ahead log), and the rerun skips it", async () => {
    await killedAt("committed");
    expect(await fingerprint("committed")).toEqual(clean.fingerprint);
    const [again] = await loadInProcess("committed");
    expect(again).toMatchObject({status: "skipped"});
    expect(await fingerprint("committed")).toEqual(clean.fingerprint);
  });
});

describe("the fault-injection seam", () => {
  it("is off unless BIZENV_FAULT is set, and refuses a value that names no phase", () => {
    expect(faultPointFromEnv({})).toBeUndefined();
    expect(faultPointFromEnv({BIZENV_FAULT: " "})).toBeUndefined();
    expect(() => faultPointFromEnv({BIZENV_FAULT: "comit"})).toThrow(UsageError);
    expect(() => faultPointFromEnv({BIZENV_FAULT: "commit:pause"})).toThrow(
      /names no fault; expected <phase>\[:kill\|:stop\]/,
    );
    // A phase other than the one asked for passes through.
    expect(() => faultPointFromEnv({BIZENV_FAULT: "committed"})!("hashing")).not.toThrow();
  });
});
