import type {ExportManifest, ExportRow} from "../../pipeline/export/exportsContract.ts";

interface FeedHealthRow extends Omit<ExportRow<"feed_health.csv">, "feed"> {
  feed: string;
  name_zh: string;
  name_en: string;
  warn_after_days: number | null;
  error_after_days: number | null;
  /** Days from the data-as-of date to the exports' as-of date. */
  days_since_data: number | null;
}

interface LoadRow extends ExportRow<"load_log.csv"> {
  /** rows_read = rows_loaded + rows_rejected: every row of the file is accounted for. */
  balanced: boolean;
}

export interface HealthData {
  as_of: string;
  generated_at: string;
  synthetic: boolean;
  calendar: string;
  files: ExportManifest["files"];
  feeds: FeedHealthRow[];
  loads: LoadRow[];
  rejects: Array<ExportRow<"rejects.csv"> & {name_zh: string; name_en: string}>;
}

/** What the page needs of a feed contract (sources/feeds/*.yaml): its names and freshness rule. */
export interface FeedInfo {
  feed: string;
  name_zh: string;
  name_en: string;
  freshness: {warn_after_days: number; error_after_days: number};
}

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);

/**
 * The data-health page: each feed's freshness with its contract's rule, the load log with its row reconciliation
 * (newest first), rejected rows by rule (most first) and the export files themselves. Pure.
 */
export function healthData(
  manifest: ExportManifest,
  contracts: FeedInfo[],
  feeds: ExportRow<"feed_health.csv">[],
  loads: ExportRow<"load_log.csv">[],
  rejects: ExportRow<"rejects.csv">[],
): HealthData {
  const byFeed = new Map(contracts.map((c) => [c.feed, c]));
  const name = (feed: string | null) => ({
    name_zh: byFeed.get(feed ?? "")?.name_zh ?? feed ?? "",
    name_en: byFeed.get(feed ?? "")?.name_en ?? feed ?? "",
  });
  return {
    as_of: manifest.as_of,
    generated_at: manifest.generated_at,
    synthetic: manifest.synthetic,
    calendar: manifest.calendar,
    files: manifest.files,
    feeds: feeds.map((f) => ({
      ...f,
      feed: f.feed ?? "",
      ...name(f.feed),
      warn_after_days: byFeed.get(f.feed ?? "")?.freshness.warn_after_days ?? null,
      error_after_days: byFeed.get(f.feed ?? "")?.freshness.error_after_days ?? null,
      days_since_data: f.data_as_of ? days(f.data_as_of, manifest.as_of) : null,
    })),
    loads: loads
      .map((l) => ({
        ...l,
        balanced: l.status !== "loaded" || (l.rows_read ?? 0) === (l.rows_loaded ?? 0) + (l.rows_rejected ?? 0),
      }))
      .sort((a, b) => (b.load_id ?? 0) - (a.load_id ?? 0)),
    rejects: rejects.map((r) => ({...r, ...name(r.feed)})).sort((a, b) => (b.rows ?? 0) - (a.rows ?? 0)),
  };
}
