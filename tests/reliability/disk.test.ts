import {spawnSync} from "node:child_process";
import {chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Warehouse} from "../../pipeline/db.ts";
import {WarehouseError} from "../../pipeline/errors.ts";
import {loadPaths} from "../../pipeline/ingest/loadFiles.ts";
import {TEST_NOW} from "../helpers/tempWarehouse.ts";
import {bizenv} from "./childProcess.ts";
import {warehouseState} from "./warehouseState.ts";

/**
 * A warehouse that cannot be written: a clear error (exit 5, `warehouse_unwritable` or `disk_full`) and nothing of
 * the file kept. These tests run as root in CI containers, and root ignores permission bits, so "read-only" is made
 * in ways that bind root too: a file where the warehouse's folder should be; the immutable attribute
 * (`chattr +i`, which even root cannot write through; needs CAP_LINUX_IMMUTABLE, so those cases are skipped where it
 * is missing, and use chmod when not root); and a file-size limit (`ulimit -f`, RLIMIT_FSIZE, which binds root
 * and makes a write past it fail with EFBIG, as a full disk fails with ENOSPC).
 */

const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const rows = (prefix: string, n: number) =>
  Array.from({length: n}, (_, i) => `${prefix}-${i + 1},城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,${i % 97}`);

let dir: string;
let file: string;
let base: string; // a folder holding a warehouse with one load in it
const isRoot = process.getuid?.() === 0;

/** Make `path` unwritable in a way that binds this user; false when that is impossible here. */
function lock(path: string): boolean {
  if (!isRoot) {
    chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
    return true;
  }
  return spawnSync("chattr", ["+i", path]).status === 0;
}
function unlock(path: string): void {
  if (!isRoot) chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  else spawnSync("chattr", ["-i", path]);
}
const canLock = (() => {
  const probe = mkdtempSync(join(tmpdir(), "bizenv-lock-probe-"));
  try {
    const ok = lock(probe);
    if (ok) unlock(probe);
    return ok;
  } finally {
    rmSync(probe, {recursive: true, force: true});
  }
})();

const load = (db: string, paths = [file]) => loadPaths(paths, {env: {BIZENV_DB: db}, cwd: dir, now: () => TEST_NOW});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-disk-"));
  file = join(dir, "cases.csv");
  writeFileSync(file, [HEADER, ...rows("DISK", 200)].join("\n") + "\n");
  base = join(dir, "base");
  writeFileSync(join(dir, "first.csv"), [HEADER, ...rows("FIRST", 3)].join("\n") + "\n");
  const [first] = await load(join(base, "warehouse.duckdb"), [join(dir, "first.csv")]);
  expect(first).toMatchObject({status: "loaded"});
});

afterAll(() => {
  for (const name of readdirSync(dir)) {
    for (const path of [join(dir, name), join(dir, name, "warehouse.duckdb"), join(dir, name, "archive")]) {
      try {
        unlock(path);
      } catch {
        // not there
      }
    }
  }
  rmSync(dir, {recursive: true, force: true});
});

/** A fresh copy of the base warehouse folder. */
function copyBase(name: string): string {
  cpSync(base, join(dir, name), {recursive: true});
  return join(dir, name, "warehouse.duckdb");
}

/** After the failure is undone: the warehouse as before, and the file loads exactly once. */
async function recovers(db: string, before: Awaited<ReturnType<typeof warehouseState>>) {
  expect(await warehouseState(db)).toEqual(before);
  const [again] = await load(db);
  expect(again).toMatchObject({status: "loaded", rows_loaded: 200});
  const [twice] = await load(db);
  expect(twice).toMatchObject({status: "skipped"});
}

describe("an unwritable warehouse is a clear error and leaves no partial state", () => {
  it("a file where the warehouse's folder should be (binds root too): warehouse_unwritable, exit 5", async () => {
    writeFileSync(join(dir, "not-a-folder"), "x");
    const db = join(dir, "not-a-folder", "warehouse.duckdb");
    const error = await load(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect(error).toMatchObject({code: "warehouse_unwritable", exitCode: 5});
    expect((error as Error).message).toBe(
      `cannot write the warehouse ${db}: ${join(dir, "not-a-folder")} is a file, not a folder (ENOTDIR)`,
    );
  });

  it.skipIf(!canLock)("a read-only folder (chattr +i as root): refused before anything is written", async () => {
    const db = copyBase("ro-folder");
    const before = await warehouseState(db);
    expect(lock(join(dir, "ro-folder"))).toBe(true);
    try {
      const error = await load(db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WarehouseError);
      expect(error).toMatchObject({code: "warehouse_unwritable", exitCode: 5});
      expect((error as Error).message).toMatch(
        /cannot write the warehouse .*: its folder .* is not writable \((EACCES|EPERM)\)/,
      );
    } finally {
      unlock(join(dir, "ro-folder"));
    }
    await recovers(db, before);
  });

  it.skipIf(!canLock)("a read-only warehouse file: refused before anything is written", async () => {
    const db = copyBase("ro-file");
    const before = await warehouseState(db);
    expect(lock(db)).toBe(true);
    try {
      await expect(load(db)).rejects.toMatchObject({
        code: "warehouse_unwritable",
        message: expect.stringMatching(/warehouse\.duckdb is not writable/),
      });
    } finally {
      unlock(db);
    }
    await recovers(db, before);
  });

  it.skipIf(!canLock)(
    "a read-only archive folder: the load is rolled back, nothing but the archive's error",
    async () => {
      const db = copyBase("ro-archive");
      const before = await warehouseState(db);
      const archive = join(dir, "ro-archive", "archive");
      mkdirSync(archive, {recursive: true});
      expect(lock(archive)).toBe(true);
      try {
        await expect(load(db)).rejects.toMatchObject({
          code: "warehouse_unwritable",
          message: expect.stringMatching(/cannot keep a copy of the file in the archive/),
        });
        expect(await warehouseState(db)).toEqual(before);
      } finally {
        unlock(archive);
      }
      await recovers(db, before);
    },
  );

  it("a full disk (a file-size limit the warehouse outgrows mid-load): disk_full, exit 5, rolled back", async () => {
    const db = copyBase("full");
    // 150 000 rows in Parquet (0.8 MB): more than one row group (122 880 rows), which DuckDB writes straight into
    // the database file rather than its log, so the limit is hit inside the load's transaction.
    const parquet = join(dir, "many.parquet");
    const duck = await Warehouse.open(":memory:");
    await duck.run(
      `copy (select 'MANY-' || i as case_id, '城北区' as area, timestamp '2022-03-01 09:30' + to_minutes(i % 600) as applied_at,
               null::timestamp as completed_at, 'window' as channel, 1 + i % 5 as procedures, (i % 100)::double as cost_yuan
             from range(150000) t(i)) to '${parquet}' (format parquet)`,
    );
    duck.close();
    const before = await warehouseState(db);
    const limitKiB = Math.ceil(statSync(db).size / 1024) + 256;
    const child = bizenv(["load", parquet, "--json"], {BIZENV_DB: db}, {wrap: `ulimit -f ${limitKiB}`});
    const result = await child.done;
    expect(result.code, result.stderr).toBe(5);
    const error = JSON.parse(result.stdout).error;
    expect(error.code).toBe("disk_full");
    expect(error.message).toMatch(new RegExp(`^cannot write the warehouse ${db}: .*File too large`));
    expect(await warehouseState(db)).toEqual(before);
    const [again] = await load(db, [parquet]);
    expect(again).toMatchObject({status: "loaded", rows_loaded: 150_000});
  });
});
