import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {Warehouse} from "../../pipeline/db.ts";
import {WarehouseError} from "../../pipeline/errors.ts";
import {listMigrations, migrate} from "../../pipeline/migrate.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "bizenv-wh-"));
  dirs.push(dir);
  return join(dir, "warehouse.duckdb");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

describe("the warehouse", () => {
  it("is created with the schema and the catalog in its dimension tables", async () => {
    const path = tempDb();
    const {warehouse, report} = await openWarehouse({env: {BIZENV_DB: path}, cwd: "/"});
    try {
      expect(report.migrationsApplied).toEqual(listMigrations().map((m) => m.version));
      expect(report.catalogSynced).toBe(true);
      const [counts] = await warehouse.all(`select
        (select count(*) from dim_indicator) as indicators, (select count(*) from dim_task) as tasks,
        (select count(*) from dim_target) as targets, (select count(*) from dim_area) as areas,
        (select count(*) from dim_task_unit where unit_id = 'gov_datong') as datong_tasks,
        (select count(*) from dim_task where is_ongoing) as ongoing`);
      // 36 tasks name 各县区政府 (all but 4, 6–9, 12, 19–21, 39, 40) and 5 more name 大通县 (6, 7, 8, 20, 21).
      expect(counts).toEqual({indicators: 18, tasks: 47, targets: 29, areas: 11, datong_tasks: 41, ongoing: 2});
      const [target] = await warehouse.all(
        "select segment, target_value, deadline from dim_target where clause = '6.1'",
      );
      expect(target).toEqual({segment: '{"applicant_type":"individual"}', target_value: 2.5, deadline: "2022-12-31"});
    } finally {
      warehouse.close();
    }
  });

  it("opens again without re-applying anything, and resyncs only a changed catalog", async () => {
    const path = tempDb();
    (await openWarehouse({env: {BIZENV_DB: path}, cwd: "/"})).warehouse.close();
    const again = await openWarehouse({env: {BIZENV_DB: path}, cwd: "/"});
    again.warehouse.close();
    expect(again.report.migrationsApplied).toEqual([]);
    expect(again.report.catalogSynced).toBe(false);
    const changed = {...loadCatalog(), sha256: "0".repeat(64)};
    const third = await openWarehouse({env: {BIZENV_DB: path}, cwd: "/", catalog: changed});
    third.warehouse.close();
    expect(third.report.catalogSynced).toBe(true);
  });

  it("upgrades an older warehouse by applying only the missing migrations", async () => {
    const path = tempDb();
    const all = listMigrations();
    const older = await Warehouse.open(path);
    await migrate(older, all.slice(0, 1));
    older.close();
    const newer = await Warehouse.open(path);
    try {
      expect(await migrate(newer, all)).toEqual(all.slice(1).map((m) => m.version));
    } finally {
      newer.close();
    }
  });

  it("refuses a warehouse made by a newer bizenv, and an applied migration that was edited", async () => {
    const path = tempDb();
    const warehouse = await Warehouse.open(path);
    try {
      const all = listMigrations();
      const future = {version: 9999, name: "from_the_future", sql: "create table future (x integer)", checksum: "f"};
      await migrate(warehouse, [...all, future]);
      await expect(migrate(warehouse, all)).rejects.toMatchObject({code: "warehouse_newer", exitCode: 5});
      const edited = [...all.slice(0, -1), {...all.at(-1)!, checksum: "edited"}, future];
      await expect(migrate(warehouse, edited)).rejects.toBeInstanceOf(WarehouseError);
      await expect(migrate(warehouse, edited)).rejects.toMatchObject({code: "migration_changed"});
    } finally {
      warehouse.close();
    }
  });

  it("tells a second process that the warehouse is busy, with exit code 5", async () => {
    const path = tempDb();
    const {warehouse} = await openWarehouse({env: {BIZENV_DB: path}, cwd: "/"});
    try {
      const child = spawnSync(process.execPath, ["bin/bizenv.mjs", "init", "--json"], {
        env: {...process.env, BIZENV_DB: path},
        encoding: "utf8",
      });
      expect(child.status).toBe(5);
      expect(JSON.parse(child.stdout).error).toMatchObject({code: "warehouse_busy"});
      expect(JSON.parse(child.stdout).error.message).toContain("is busy");
    } finally {
      warehouse.close();
    }
  });
});
