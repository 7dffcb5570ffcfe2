import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {buildAttainment, type MetricPeriodRow} from "../../pipeline/export/buildAttainment.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {runModels} from "../../pipeline/models/runModels.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import {readBenchmarks} from "../../pipeline/scoring/readBenchmarks.ts";
import type {TempWarehouse} from "./tempWarehouse.ts";

type Attainment = ReturnType<typeof buildAttainment>;

/**
 * The worked examples' way from feed rows to a verdict: runs the models over what `tw` holds as of `asOf`, reads the
 * period mart and judges the plan's targets `clauses` as the exports do (buildAttainment).
 */
export async function judgeTargets(
  tw: TempWarehouse,
  asOf: string,
  clauses: string[],
): Promise<{periods: MetricPeriodRow[]; attainment: Attainment}> {
  const catalog = loadCatalog();
  const {warehouse} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog});
  try {
    await runModels(warehouse, {asOf, contracts: loadContracts(catalog), catalogSha256: catalog.sha256});
    const periods = await warehouse.all<MetricPeriodRow>(
      `select metric_id, area_id, period_type, period, period_start::varchar as period_start, segment, n, median,
              mean, p90, p10, min_value, max_value, share_within_target, target_clause, baseline, is_synthetic
       from mart_metric_periods`,
    );
    const targets = catalog.targets.filter((t) => clauses.includes(t.clause));
    const benchmarks = readBenchmarks(catalog);
    return {periods, attainment: buildAttainment(periods, {targets, metrics: catalog.metrics, benchmarks, asOf})};
  } finally {
    warehouse.close();
  }
}

/** A target's judgement for the whole city (xining) in one period; throws when there is none. */
export function cityVerdict(attainment: Attainment, clause: string, period: string, periodType = "month") {
  const row = attainment.find(
    (r) => r.clause === clause && r.area_id === "xining" && r.period_type === periodType && r.period === period,
  );
  if (!row) throw new Error(`no judgement of clause ${clause} for ${periodType} ${period}`);
  return row;
}
