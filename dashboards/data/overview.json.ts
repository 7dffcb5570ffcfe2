// Data loader for data/overview.json: the 18 indicator cards and the three tier goals, for the overview and the
// meeting-room screen. Small and bounded: one row per indicator with its last 18 months, whatever the case volume.
import {loadCatalog, planJson} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {feedInfo, overviewData} from "./overviewData.ts";
import {exportsDir, readExportCsv, readIndicators, readManifest, runLoader} from "../../pipeline/export/readExports.ts";

runLoader("overview.json", () => {
  const dir = exportsDir();
  const catalog = loadCatalog();
  return overviewData(
    planJson(catalog),
    readManifest(dir),
    readIndicators(dir),
    readExportCsv(dir, "tiers.csv"),
    readExportCsv(dir, "forecasts.csv"),
    readExportCsv(dir, "national.csv"),
    // Which feeds have loaded rows, so a card without data names the feed it lacks.
    feedInfo(loadContracts(catalog), readExportCsv(dir, "feed_health.csv")),
  );
});
