import type {Warehouse} from "../db.ts";
import type {Contract} from "./contractSchema.ts";
import {feedTable} from "./feedTable.ts";
import {PERSONAL_NUMBER_PATTERN, SCRUBBED} from "./personalData.ts";
import {ident, lit} from "./sql.ts";

/** What a load left in the warehouse: rows in the feed's table and rejected lines, and the span of its data. */
export interface LoadCounts {
  loaded: number;
  rejected: number;
  synthetic: number;
  data_from: string | null;
  data_to: string | null;
}

/**
 * Writes load `id`'s rows from the temp tables of its checks: every rejected row into load_rejects, phone and
 * identity numbers scrubbed from its text (rules broken,
 * duplicate keys under the key's column names, records the reader could not split), and the rows of `checked` that
 * are neither into the feed's table. Returns what the warehouse now holds of the load, counted there rather than
 * trusted from the temp tables, so the caller's row accounting checks what was really written.
 */
export async function insertRows(warehouse: Warehouse, contract: Contract, id: number): Promise<LoadCounts> {
  // Phone and identity numbers in a rejected value or its message (which quotes it) are never stored.
  const scrub = (x: string) => `regexp_replace(${x}, $2, $3, 'g')`;
  await warehouse.run(
    `insert into load_rejects (load_id, line, column_name, value, rule, message)
         select $1, _line, column_name, ${scrub("value")}, rule, ${scrub("message")} from row_errors
         union all select $1, _line, ${lit(contract.key.join(","))}, ${scrub("key_text")}, rule, ${scrub("message")} from dup_rejects
         union all select $1, line, column_name, ${scrub("left(value, 500)")}, 'malformed', ${scrub("message")} from reader_rejects`,
    [id, PERSONAL_NUMBER_PATTERN, SCRUBBED],
  );
  const columns = contract.columns.map((c) => ident(c.name)).join(", ");
  // Rows with a duplicate key are marked bad first (usually none): an anti-join in the insert itself doubled
  // its time on a million rows, even against an empty table.
  await warehouse.run("update checked set _bad = true where _line in (select _line from dup_rejects)");
  await warehouse.run(
    `insert into ${feedTable(contract)} (_load_id, _line, _is_synthetic, ${columns})
         select $1, _line, _is_synthetic, ${columns} from checked where not _bad`,
    [id],
  );
  const asOf = ident(contract.as_of_column);
  const [counts] = (await warehouse.all<LoadCounts>(
    `select (select count(*) from ${feedTable(contract)} where _load_id = $1) as loaded,
                (select count(distinct line) from load_rejects where load_id = $1) as rejected,
                (select count(*) from ${feedTable(contract)} where _load_id = $1 and _is_synthetic) as synthetic,
                (select min(${asOf})::date from ${feedTable(contract)} where _load_id = $1) as data_from,
                (select max(${asOf})::date from ${feedTable(contract)} where _load_id = $1) as data_to`,
    [id],
  )) as [LoadCounts];
  return counts;
}
