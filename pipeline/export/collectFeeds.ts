import type {Warehouse} from "../db.ts";
import type {Contract} from "../ingest/contractSchema.ts";
import {feedStatuses, type FeedStatus} from "../ingest/feedStatus.ts";
import {scrubPersonalNumbers} from "../ingest/personalData.ts";

/** feed_health, load_log and rejects rows, plus the loads in force and whether any loaded row is synthetic. */
export interface FeedExports {
  statuses: FeedStatus[];
  feedHealth: Array<Record<string, unknown>>;
  loadLog: Array<Record<string, unknown>>;
  rejects: Array<Record<string, unknown>>;
  loads: Array<{load_id: number; feed: string; file_name: string; sha256: string}>;
  synthetic: boolean;
}

/**
 * The load records as the exports show them. A rejected value in a `personal` column (a case number, say) is never
 * exported: its example value is left empty and its message replaced, since the loader's message quotes the value.
 * Nor is the example of a `malformed` line in a feed that has any personal column: that example is the raw line.
 * Phone and identity numbers are scrubbed from every example and message.
 */
export async function collectFeeds(warehouse: Warehouse, contracts: Contract[], asOf: string): Promise<FeedExports> {
  const statuses = await feedStatuses(warehouse, contracts, asOf);
  const feedHealth = statuses.map((s) => ({
    feed: s.feed,
    rows: s.rows,
    rejected: s.rejected,
    files: s.files,
    refused_files: s.refused_files,
    last_loaded_at: s.last_loaded_at === null ? null : isoInstant(s.last_loaded_at),
    data_as_of: s.data_as_of,
    freshness: s.freshness,
    synthetic_rows: s.synthetic_rows,
  }));
  const loadLog = (
    await warehouse.all<Record<string, unknown> & {finished_ms: number}>(
      `select load_id, feed, file_name, sha256, status, rows_read, rows_loaded, rows_rejected, encoding, decimal_mark, message,
              epoch_ms(finished_at) as finished_ms
       from load_log order by load_id`,
    )
  ).map(({finished_ms, ...row}) => ({
    ...row,
    finished_at: new Date(Number(finished_ms)).toISOString().replace(/\.\d{3}Z$/, "Z"),
  }));
  const personal = new Set(
    contracts.flatMap((c) => c.columns.filter((col) => col.personal).map((col) => `${c.feed}.${col.name}`)),
  );
  const rejects = (
    await warehouse.all<{
      feed: string;
      rule: string;
      column_name: string | null;
      rows: number;
      example_file: string;
      example_line: number | null;
      example_value: string | null;
      example_message: string;
    }>(
      `with r as (
         select l.feed, r.rule, r.column_name, r.line, r.value, r.message, l.file_name, l.load_id
         from load_rejects r join load_log l using (load_id)
         where l.status = 'loaded'
       )
       select feed, rule, column_name, count(*) as rows,
              arg_min(file_name, (load_id, line)) as example_file,
              arg_min(line, (load_id, line)) as example_line,
              arg_min(value, (load_id, line)) as example_value,
              arg_min(message, (load_id, line)) as example_message
       from r group by feed, rule, column_name order by feed, rule, column_name`,
    )
  ).map((r) => {
    const columns = (r.column_name ?? "").split(",").map((c) => c.trim());
    if (columns.some((c) => personal.has(`${r.feed}.${c}`))) {
      return {
        ...r,
        example_value: null,
        example_message: `${r.rule} in ${r.column_name}, a personal column: value withheld`,
      };
    }
    // A malformed line is kept whole (the reader could not split it), so it quotes every value of the row, the
    // personal ones (its case number) included, whichever column it broke at. Its message may quote it too.
    const personalOfFeed = [...personal]
      .filter((p) => p.startsWith(`${r.feed}.`))
      .map((p) => p.slice(r.feed.length + 1));
    if (r.rule === "malformed" && personalOfFeed.length > 0) {
      return {
        ...r,
        example_value: null,
        example_message: `malformed line${r.column_name ? ` (at ${r.column_name})` : ""}: withheld, the line holds personal values (${personalOfFeed.join(", ")})`,
      };
    }
    // Scrubbed when stored already; again here for rows a loader before that rule stored.
    return {
      ...r,
      example_value: scrubPersonalNumbers(r.example_value),
      example_message: scrubPersonalNumbers(r.example_message),
    };
  });
  const loads = await warehouse.all<{load_id: number; feed: string; file_name: string; sha256: string}>(
    "select load_id, feed, file_name, sha256 from load_log where status = 'loaded' order by load_id",
  );
  return {statuses, feedHealth, loadLog, rejects, loads, synthetic: statuses.some((s) => s.synthetic_rows > 0)};
}

function isoInstant(value: string): string {
  const ms = Date.parse(value.replace(" ", "T").replace(/\+00$/, "Z"));
  return Number.isNaN(ms) ? value : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
