import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Warehouse} from "./db.ts";
import {WarehouseError} from "./errors.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

/** A schema migration: `pipeline/migrations/NNNN_name.sql`, applied once, in order, each in its own transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations this version of bizenv knows, in order. */
export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), "utf8");
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    });
}

/**
 * Bring the warehouse's schema up to date. A warehouse made by an older bizenv gains the missing migrations;
 * one made by a newer bizenv (a version this code does not know) is refused rather than misread; a migration
 * whose text changed after it was applied is refused too, since the schema would no longer match its history.
 * Returns the versions applied now.
 */
export async function migrate(warehouse: Warehouse, migrations: Migration[] = listMigrations()): Promise<number[]> {
  await warehouse.run(`create table if not exists schema_migrations (
    version integer primary key, name varchar not null, checksum varchar not null, applied_at timestamptz not null)`);
  const applied = await warehouse.all<{version: number; name: string; checksum: string}>(
    "select version, name, checksum from schema_migrations order by version",
  );
  const known = new Map(migrations.map((m) => [m.version, m]));
  const newest = migrations.at(-1)?.version ?? 0;
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration) {
      throw new WarehouseError(
        `the warehouse ${warehouse.path} has schema version ${row.version} (${row.name}), newer than this bizenv knows (${newest})`,
        {code: "warehouse_newer", hint: "upgrade bizenv, or point BIZENV_DB at another warehouse"},
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new WarehouseError(
        `migration ${String(row.version).padStart(4, "0")}_${row.name} changed after it was applied to ${warehouse.path}`,
        {code: "migration_changed", hint: "add a new migration instead of editing an applied one"},
      );
    }
  }
  const done = new Set(applied.map((row) => row.version));
  const now: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    await warehouse.transaction(async () => {
      await warehouse.connection.run(migration.sql);
      await warehouse.run("insert into schema_migrations values ($1, $2, $3, now())", [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
    });
    now.push(migration.version);
  }
  return now;
}
