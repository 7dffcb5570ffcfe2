import {Warehouse} from "../../pipeline/db.ts";

/** Row count and an order-free fingerprint (sum of row hashes) of every table, and the list of views. */
export interface WarehouseState {
  tables: Record<string, {rows: number; hash: string}>;
  views: string[];
}

/**
 * What "the warehouse is exactly as before" compares: every table's rows (count and content) and every view,
 * read in one connection. `newerThan` leaves out the rows of loads after that load id (load_log, load_rejects and
 * feed tables), so a test can check that the rows already there did not change while new ones arrived; `only`
 * limits the tables compared (the hostile corpus compares the loader's own tables, the crash tests all of them).
 */
export async function warehouseState(
  path: string,
  options: {newerThan?: number; only?: RegExp} = {},
): Promise<WarehouseState & {lastLoadId: number}> {
  const warehouse = await Warehouse.open(path, {readOnly: true});
  try {
    return await readState(warehouse, options);
  } finally {
    warehouse.close();
  }
}

/** `warehouseState` on an open warehouse. */
export async function readState(
  warehouse: Warehouse,
  options: {newerThan?: number; only?: RegExp} = {},
): Promise<WarehouseState & {lastLoadId: number}> {
  const tables = await warehouse.all<{name: string; columns: string[]}>(
    `select t.table_name as name, list(c.column_name order by c.column_index) as columns
     from duckdb_tables() t join duckdb_columns() c using (table_oid)
     where not t.temporary group by t.table_name order by 1`,
  );
  const parts: string[] = [];
  for (const {name, columns} of tables) {
    if (options.only && !options.only.test(name)) continue;
    const loadColumn = columns.includes("_load_id") ? "_load_id" : columns.includes("load_id") ? "load_id" : null;
    const where =
      options.newerThan !== undefined && loadColumn && (name.startsWith("feed_") || name.startsWith("load_"))
        ? `where ${loadColumn} <= ${Number(options.newerThan)}`
        : "";
    parts.push(
      `select '${name}' as name, count(*) as rows, coalesce(sum(hash(t::varchar)), 0)::varchar as hash from "${name}" t ${where}`,
    );
  }
  const state: WarehouseState & {lastLoadId: number} = {tables: {}, views: [], lastLoadId: 0};
  if (parts.length > 0) {
    for (const row of await warehouse.all<{name: string; rows: number; hash: string}>(parts.join(" union all ")))
      state.tables[row.name] = {rows: row.rows, hash: row.hash};
  }
  state.views = (
    await warehouse.all<{view_name: string}>(
      "select view_name from duckdb_views() where not internal and not temporary order by 1",
    )
  ).map((v) => v.view_name);
  if (tables.some((t) => t.name === "load_log")) {
    const [row] = await warehouse.all<{id: number | null}>("select max(load_id) as id from load_log");
    state.lastLoadId = row?.id ?? 0;
  }
  return state;
}
