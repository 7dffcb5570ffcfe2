// Data loader for data/indicators.zip: per indicator, data/indicators/<id>.json (which Framework extracts for the
// parameterized page indicators/[id].md), everything its page shows, and <id>.areas.json, the areas' monthly values
// it loads only when the reader picks an area. Cut from the score exports in one run for all 18.
import {loadCatalog, planJson} from "../../pipeline/catalog/index.ts";
import {indicatorAreaSeries, indicatorData} from "./indicatorData.ts";
import {feedInfo, indicatorCards} from "./overviewData.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {exportsDir, readExportCsv, readIndicators, readManifest, runLoader} from "../../pipeline/export/readExports.ts";
import {zipStored} from "../components/zip.ts";

runLoader("indicators.zip", () => {
  const dir = exportsDir();
  const catalog = loadCatalog();
  const plan = planJson(catalog);
  const {as_of, synthetic} = readManifest(dir);
  const x = {
    metricPeriods: readExportCsv(dir, "metric_periods.csv"),
    attainment: readExportCsv(dir, "attainment.csv"),
    forecasts: readExportCsv(dir, "forecasts.csv"),
    distributions: readExportCsv(dir, "distributions.csv"),
    areas: readExportCsv(dir, "areas.csv"),
    national: readExportCsv(dir, "national.csv"),
    tiers: readExportCsv(dir, "tiers.csv"),
    tasks: readExportCsv(dir, "tasks.csv"),
    breaches: readExportCsv(dir, "rule_breaches.csv"),
  };
  const feeds = feedInfo(loadContracts(catalog), readExportCsv(dir, "feed_health.csv"));
  const cards = indicatorCards(plan, readIndicators(dir), x.tiers, x.forecasts, x.national, feeds);
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  return zipStored(
    cards.flatMap((card): Array<[string, Uint8Array]> => [
      [`${card.indicator_id}.json`, json(indicatorData(plan, card, {as_of, synthetic}, x))],
      [`${card.indicator_id}.areas.json`, json(indicatorAreaSeries(plan, card.indicator_id, x.metricPeriods))],
    ]),
  );
});
