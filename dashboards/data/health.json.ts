// Data loader for data/health.json: feed freshness against each contract's rule, the load log with its row
// reconciliation, rejected rows by rule with an example each, and the export files (feed_health, load_log, rejects).
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {healthData} from "./healthData.ts";
import {exportsDir, readExportCsv, readManifest, runLoader} from "../../pipeline/export/readExports.ts";

runLoader("health.json", () => {
  const dir = exportsDir();
  return healthData(
    readManifest(dir),
    loadContracts(loadCatalog()),
    readExportCsv(dir, "feed_health.csv"),
    readExportCsv(dir, "load_log.csv"),
    readExportCsv(dir, "rejects.csv"),
  );
});
