import type {Catalog} from "../catalog/index.ts";
import type {Warehouse} from "../db.ts";
import type {Contract} from "../ingest/contractSchema.ts";
import {buildAreas} from "./buildAreas.ts";
import {buildAttainment, type MetricPeriodRow} from "./buildAttainment.ts";
import {buildForecasts} from "./buildForecasts.ts";
import {buildIndicators, type IndicatorEntry} from "./buildIndicators.ts";
import {buildNational, buildTiers, metricStandings, type OfficialResult, type PeerValue} from "./buildNational.ts";
import type {Benchmarks} from "../scoring/readBenchmarks.ts";
import {collectFeeds} from "./collectFeeds.ts";
import {collectUnits} from "./collectUnits.ts";
import {EXPORT_COLUMNS, type ExportName} from "./exportColumns.ts";
import type {ExportRow} from "./exportsContract.ts";
import {exportTable, type ExportTable} from "./exportTable.ts";

export interface CollectedExports {
  tables: ExportTable[];
  indicators: IndicatorEntry[];
  synthetic: boolean;
  /** Years in which some counted day had no official holiday data (calendar_complete false). */
  provisionalCalendar: boolean;
  loads: Array<{load_id: number; feed: string; file_name: string; sha256: string}>;
}

/**
 * Everything `bizenv score` exports, read from the marts and scored with the pure functions of pipeline/scoring/.
 * The warehouse is only read here. Personal columns never reach a mart, so they cannot reach an export.
 */
export async function collectExports(
  warehouse: Warehouse,
  ctx: {catalog: Catalog; contracts: Contract[]; benchmarks: Benchmarks; asOf: string},
): Promise<CollectedExports> {
  const {catalog, benchmarks, asOf} = ctx;
  const rows = await warehouse.all<MetricPeriodRow & {is_calendar_official: boolean}>(
    `select metric_id, area_id, period_type, period, period_start::varchar as period_start, segment, n, median, mean,
            p90, p10, min_value, max_value, share_within_target, target_clause, baseline, is_synthetic,
            is_calendar_official
     from mart_metric_periods
     order by metric_id, area_id, segment, period_type, period_start`,
  );
  const scoring = {targets: catalog.targets, metrics: catalog.metrics, benchmarks, asOf};
  const attainment = buildAttainment(rows, scoring);
  const forecasts = buildForecasts(rows, scoring);
  const peers = await warehouse.all<PeerValue>(
    "select city, metric_id, year, value, source from stg_peer_benchmarks where published_on <= (select as_of from score_context)",
  );
  const national = {catalog, benchmarks, asOf};
  const standings = metricStandings(rows, peers, national);
  const nationalRows = buildNational(standings, peers, national);
  // 官方评价: the official evaluation's published results take precedence over the simulated verdict.
  const official = await warehouse.all<OfficialResult>(
    `select indicator_id, year, standing, is_benchmark, rank, percentile_pct as percentile, source_document
     from stg_official_evaluation_results where published_on <= (select as_of from score_context)`,
  );
  const tiers = buildTiers(standings, national, official);
  const areas = buildAreas(rows, attainment, {metrics: catalog.metrics, benchmarks});
  const distributions = await warehouse.all(
    "select metric_id, segment, year, bin_lower, bin_upper, n from mart_distributions order by metric_id, segment, year, bin_lower",
  );
  const breaches = await warehouse.all(
    `select target_clause, metric_id, area_id, unit_name, period, observed_on::varchar as observed_on, measure,
            measured_value, case_limit, limit_unit, finding, feed, file_name, source_line::integer as source_line,
            case_key, is_synthetic
     from mart_rule_breaches
     order by target_clause, observed_on, case_key`,
  );
  const units = await collectUnits(warehouse, benchmarks, asOf);
  const feeds = await collectFeeds(warehouse, ctx.contracts, asOf);
  const feedOf = new Map<
    string,
    {data_as_of: string | null; freshness: (typeof feeds.statuses)[number]["freshness"]}
  >();
  for (const contract of ctx.contracts) {
    const status = feeds.statuses.find((s) => s.feed === contract.feed);
    for (const metric of contract.metrics ?? []) if (status) feedOf.set(metric, status);
  }
  const indicators = buildIndicators({
    catalog,
    benchmarks,
    asOf,
    rows,
    attainment,
    forecasts,
    national: nationalRows,
    tiers,
    feedOf,
  });

  // Each builder's rows must carry every column the contract names (exportsContract.ts): a row type that drifts from
  // the contract fails to compile here instead of exporting an empty column.
  const table = <N extends ExportName>(name: N, data: ReadonlyArray<Record<keyof ExportRow<`${N}.csv`>, unknown>>) =>
    exportTable(
      name,
      EXPORT_COLUMNS[name].columns,
      EXPORT_COLUMNS[name].numbers,
      data as ReadonlyArray<Record<string, unknown>>,
    );
  return {
    tables: [
      table("metric_periods", rows),
      table("attainment", attainment),
      table("forecasts", forecasts),
      table("distributions", distributions),
      table("areas", areas),
      table("national", nationalRows),
      table("tiers", tiers),
      table("satisfaction", units.satisfaction),
      table("hotline", units.hotline),
      table("tasks", units.tasks),
      table("units", units.units),
      table("feed_health", feeds.feedHealth),
      table("load_log", feeds.loadLog),
      table("rejects", feeds.rejects),
      table("rule_breaches", breaches),
    ],
    indicators,
    synthetic: feeds.synthetic,
    provisionalCalendar: rows.some((r) => r.is_calendar_official === false),
    loads: feeds.loads,
  };
}
