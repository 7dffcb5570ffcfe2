import type {Warehouse} from "../db.ts";
import type {Contract} from "./contractSchema.ts";
import {currentView} from "./feedTable.ts";
import {ident} from "./sql.ts";

export type Freshness = "ok" | "warn" | "error" | "no_data";

/**
 * How fresh a feed is: days from its data-as-of date to `asOf`, against the contract's warn and error limits.
 * A feed with no data is `no_data`, never fresh.
 *
 * @example freshness("2023-05-31", "2023-06-30", {warn_after_days: 45, error_after_days: 75}) // "ok" (30 days)
 */
function freshness(dataAsOf: string | null, asOf: string, rule: Contract["freshness"]): Freshness {
  if (dataAsOf === null) return "no_data";
  const days = (Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dataAsOf}T00:00:00Z`)) / 86_400_000;
  if (days > rule.error_after_days) return "error";
  if (days > rule.warn_after_days) return "warn";
  return "ok";
}

export interface FeedStatus {
  feed: string;
  name_zh: string;
  rows: number;
  rejected: number;
  files: number;
  refused_files: number;
  last_loaded_at: string | null;
  data_as_of: string | null;
  freshness: Freshness;
  days_since_data: number | null;
  synthetic_rows: number;
}

/** Per feed: current rows, rejected rows and files of loads in force, last load, data-as-of date, freshness. */
export async function feedStatuses(warehouse: Warehouse, contracts: Contract[], asOf: string): Promise<FeedStatus[]> {
  const tables = new Set(
    (await warehouse.all<{table_name: string}>("select table_name from duckdb_tables()")).map((t) => t.table_name),
  );
  const out: FeedStatus[] = [];
  for (const contract of contracts) {
    const [log] = (await warehouse.all<{files: number; refused: number; rejected: number; last: string | null}>(
      `select count(*) filter (where status = 'loaded') as files, count(*) filter (where status = 'refused') as refused,
              coalesce(sum(rows_rejected) filter (where status = 'loaded'), 0)::bigint as rejected,
              max(finished_at) filter (where status = 'loaded') as last
       from load_log where feed = $1`,
      [contract.feed],
    )) as [{files: number; refused: number; rejected: number; last: string | null}];
    let rows = 0;
    let synthetic = 0;
    let dataAsOf: string | null = null;
    if (tables.has(`feed_${contract.feed}`)) {
      const [row] = (await warehouse.all<{rows: number; synthetic: number; as_of: string | null}>(
        `select count(*) as rows, count(*) filter (where _is_synthetic) as synthetic, max(${ident(contract.as_of_column)})::date::varchar as as_of
         from ${currentView(contract)}`,
      )) as [{rows: number; synthetic: number; as_of: string | null}];
      rows = row.rows;
      synthetic = row.synthetic;
      dataAsOf = row.as_of;
    }
    const days =
      dataAsOf === null
        ? null
        : Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dataAsOf}T00:00:00Z`)) / 86_400_000);
    out.push({
      feed: contract.feed,
      name_zh: contract.name_zh,
      rows,
      rejected: Number(log.rejected),
      files: log.files,
      refused_files: log.refused,
      last_loaded_at: log.last,
      data_as_of: dataAsOf,
      freshness: freshness(dataAsOf, asOf, contract.freshness),
      days_since_data: days,
      synthetic_rows: synthetic,
    });
  }
  return out;
}
