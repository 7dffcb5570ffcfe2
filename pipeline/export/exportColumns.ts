import {EXPORT_CSV, type ExportCsvName, type ExportManifest, type IndicatorExport} from "./exportsContract.ts";

/** An exported CSV by its name without `.csv` (`metric_periods`). */
export type ExportName = ExportCsvName extends `${infer N}.csv` ? N : never;

/**
 * The columns of every CSV `bizenv score` writes and which of them are numbers: the one list the dashboards read
 * too (pipeline/export/exportsContract.ts), keyed by file name without `.csv`.
 */
export const EXPORT_COLUMNS = Object.fromEntries(
  Object.entries(EXPORT_CSV).map(([file, spec]) => [file.slice(0, -".csv".length), spec]),
) as {[N in ExportName]: (typeof EXPORT_CSV)[`${N}.csv`]};

/** The fields of indicators.json (`IndicatorExport`), in contract order. */
export const INDICATOR_FIELDS = [
  "indicator_id",
  "action_id",
  "tier_goal",
  "tier_goal_deadline",
  "tier_verdict",
  "tier_verdict_source",
  "tier_provisional",
  "tier_rule",
  "headline_metric",
  "latest_value",
  "latest_period",
  "target_value",
  "comparator",
  "status",
  "forecast_verdict",
  "national_best",
  "data_as_of",
  "freshness",
  "trend",
  "indicator_scores",
] as const satisfies ReadonlyArray<keyof IndicatorExport>;

/** The fields of manifest.json (`ExportManifest`), in contract order. */
export const MANIFEST_FIELDS = [
  "generated_at",
  "as_of",
  "catalog_version",
  "catalog_sha256",
  "calendar",
  "synthetic",
  "files",
  "loads",
] as const satisfies ReadonlyArray<keyof ExportManifest>;
