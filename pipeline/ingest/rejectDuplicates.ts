import type {Warehouse} from "../db.ts";
import type {Contract} from "./contractSchema.ts";
import {currentView, feedTable, reportsView} from "./feedTable.ts";
import {ident, lit} from "./sql.ts";

const keyOn = (keys: string[], a: string, b: string) => keys.map((k) => `${a}.${k} = ${b}.${k}`).join(" and ");
const keyText = (contract: Contract, a: string) =>
  `concat_ws(', ', ${contract.key.map((k) => `${lit(k)} || '=' || ${a}.${ident(k)}::varchar`).join(", ")})`;

/**
 * Sets aside the rows of temp table `checked` that broke no rule but whose key is taken, into temp table
 * `dup_rejects` (line, key text, rule, message): `duplicate_key` when an earlier line of this file has the key,
 * `duplicate_loaded` when a current row of the feed has it, unless that row is of the load `replaced` (the one this
 * file supersedes). A row is rejected once, as an in-file duplicate first.
 *
 * A feed with `report_order` takes a key already loaded as a new report on that case (the latest report wins, see
 * `currentView`): only a row equal in every column to a report in force is `duplicate_loaded` (the same report sent
 * again, which would add nothing to the case's history).
 *
 * In two halves. This one creates `dup_rejects` with the rows whose key an earlier line of this file has: it reads
 * only temp tables, so the load runs it before its transaction (where a temp table is slower to build).
 */
export async function rejectDuplicatesInFile(warehouse: Warehouse, contract: Contract): Promise<void> {
  const keys = contract.key.map(ident);
  // Keys seen twice first (one grouping of the key columns), then only their rows are looked at.
  await warehouse.run(`create or replace temp table dup_keys as
        select ${keys.join(", ")}, min(_line) as first_line from checked where not _bad
        group by ${keys.join(", ")} having count(*) > 1`);
  await warehouse.run(`create or replace temp table dup_rejects as
        select c._line, ${keyText(contract, "c")} as key_text, 'duplicate_key' as rule,
               'duplicate key (' || ${keyText(contract, "c")} || '): line ' || k.first_line || ' of this file has it already' as message
        from checked c join dup_keys k on ${keyOn(keys, "c", "k")}
        where not c._bad and c._line <> k.first_line`);
}

/**
 * The second half of `rejectDuplicatesInFile`, in the load's transaction (it reads the feed's table): adds to
 * `dup_rejects` the rows whose key a current row of the feed has, unless that row is of the load `replaced`.
 */
export async function rejectDuplicatesLoaded(
  warehouse: Warehouse,
  contract: Contract,
  replaced: number | null,
): Promise<void> {
  const keys = contract.key.map(ident);
  // A reported feed's row matches an earlier report only when every column is the same; other feeds' by key alone.
  const loaded = contract.report_order
    ? `${reportsView(contract)} f on ${keyOn(keys, "c", "f")} and ${contract.columns.map((col) => `c.${ident(col.name)} is not distinct from f.${ident(col.name)}`).join(" and ")}`
    : `${currentView(contract)} f on ${keyOn(keys, "c", "f")}`;
  // No row of another load in the feed's table (its first file, a warehouse being rebuilt): no key can be taken,
  // and the join below would still read every checked row (docs/performance.md, 2026-12-06).
  const [{any}] = (await warehouse.all<{any: boolean}>(
    `select exists (select 1 from ${feedTable(contract)} where _load_id is distinct from $1) as any`,
    [replaced],
  )) as [{any: boolean}];
  if (!any) return;
  await warehouse.run(
    `insert into dup_rejects
        select c._line, ${keyText(contract, "c")}, 'duplicate_loaded',
               ${lit(contract.report_order ? "same report (" : "duplicate key (")} || ${keyText(contract, "c")} || '): already loaded from ' || l.file_name || ' line ' || f._line || ' (load ' || f._load_id || ')'
        from checked c join ${loaded} join load_log l on l.load_id = f._load_id
        where not c._bad and f._load_id is distinct from $1
          and not exists (select 1 from dup_rejects d where d._line = c._line)
        qualify row_number() over (partition by c._line order by f._load_id) = 1`,
    [replaced],
  );
}
