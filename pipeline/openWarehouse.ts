import {loadCatalog, type Catalog} from "./catalog/index.ts";
import {syncCatalog} from "./catalog/syncCatalog.ts";
import {memoryLimit, warehousePath} from "./config.ts";
import {Warehouse} from "./db.ts";
import {migrate} from "./migrate.ts";

/** What opening the warehouse did, for `bizenv init` and logs. */
export interface OpenReport {
  path: string;
  migrationsApplied: number[];
  schemaVersion: number;
  catalogSynced: boolean;
}

/**
 * Open the warehouse for writing, ready to use: schema migrated to this version, the plan catalog in its
 * dimension tables. The single entry point for every command that writes.
 */
export async function openWarehouse(options: {
  env: Record<string, string | undefined>;
  cwd: string;
  catalog?: Catalog;
  /** What the warehouse is opened for: a load takes less memory by default (config.ts LOAD_MEMORY_LIMIT). */
  use?: "load" | "default";
}): Promise<{warehouse: Warehouse; catalog: Catalog; report: OpenReport}> {
  const catalog = options.catalog ?? loadCatalog();
  const path = warehousePath(options.env, options.cwd);
  const warehouse = await Warehouse.open(path, {memoryLimit: memoryLimit(options.env, options.use)});
  try {
    const migrationsApplied = await migrate(warehouse);
    const catalogSynced = await syncCatalog(warehouse, catalog);
    const [row] = await warehouse.all<{v: number}>("select max(version) as v from schema_migrations");
    return {warehouse, catalog, report: {path, migrationsApplied, schemaVersion: row?.v ?? 0, catalogSynced}};
  } catch (error) {
    warehouse.close();
    throw error;
  }
}
