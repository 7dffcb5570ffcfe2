import type {Warehouse} from "../db.ts";
import type {Contract, ContractColumn} from "./contractSchema.ts";
import {ident} from "./sql.ts";

/** The DuckDB type a contract column is stored as (reference columns hold the canonical id). */
function storageType(column: ContractColumn): string {
  if (column.references === "task") return "INTEGER";
  if (column.references) return "VARCHAR";
  return {
    varchar: "VARCHAR",
    integer: "BIGINT",
    double: "DOUBLE",
    boolean: "BOOLEAN",
    date: "DATE",
    timestamp: "TIMESTAMP",
    month: "DATE",
  }[column.type];
}

/** `feed_<feed>`: every row ever loaded for a feed, with the load it came from and its line in the file. */
export function feedTable(contract: Contract): string {
  return ident(`feed_${contract.feed}`);
}

/**
 * `current_<feed>`: the rows of loads still in force (not superseded by a --replace) and, for a feed with
 * `report_order`, only the latest report of each key. What marts read.
 */
export function currentView(contract: Contract): string {
  return ident(`current_${contract.feed}`);
}

/**
 * `reports_<feed>`: every report in force of a feed with `report_order`, each with its rank among its key's reports
 * (`_report_rank`, 1 = latest, the one `current_<feed>` keeps): the history of a case's reported states.
 */
export function reportsView(contract: Contract): string {
  return ident(`reports_${contract.feed}`);
}

/**
 * The SQL ordering a key's reports latest first: each `report_order` column descending with an empty value last
 * (an open case is an earlier state than a completed one), then the later load, then the later line.
 */
function latestFirst(contract: Contract, alias = ""): string {
  const order = (contract.report_order ?? []).map((c) => `${alias}${ident(c)} desc nulls last`);
  return [...order, `${alias}_load_id desc`, `${alias}_line desc`].join(", ");
}

/**
 * Create the feed's table and view if they are missing, and add columns a newer contract version introduced
 * (existing rows get NULL there). Columns are never dropped: old loads keep what they had.
 */
export async function ensureFeedTable(warehouse: Warehouse, contract: Contract): Promise<void> {
  const table = feedTable(contract);
  const columns = contract.columns.map((c) => `${ident(c.name)} ${storageType(c)}`);
  await warehouse.run(
    `create table if not exists ${table} (_load_id integer not null, _line bigint not null, _is_synthetic boolean not null, ${columns.join(", ")})`,
  );
  const existing = new Set(
    (
      await warehouse.all<{column_name: string}>("select column_name from duckdb_columns() where table_name = $1", [
        `feed_${contract.feed}`,
      ])
    ).map((r) => r.column_name),
  );
  for (const c of contract.columns) {
    if (!existing.has(c.name))
      await warehouse.run(`alter table ${table} add column ${ident(c.name)} ${storageType(c)}`);
  }
  const inForce = `select f.* from ${table} f semi join load_log l on l.load_id = f._load_id and l.status = 'loaded'`;
  if (!contract.report_order) {
    await warehouse.run(`create view if not exists ${currentView(contract)} as ${inForce}`);
    return;
  }
  // Replaced, not kept, so a warehouse made before the feed had report_order gets the latest-report views.
  await warehouse.run(
    `create or replace view ${reportsView(contract)} as
     select *, row_number() over (partition by ${contract.key.map(ident).join(", ")} order by ${latestFirst(contract)}) as _report_rank
     from (${inForce})`,
  );
  await warehouse.run(
    `create or replace view ${currentView(contract)} as
     select * exclude (_report_rank) from ${reportsView(contract)} where _report_rank = 1`,
  );
}
