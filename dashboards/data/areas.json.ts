// Data loader for data/areas.json: every metric's value and rank per county, district and park and year (areas.csv).
import {loadCatalog, planJson} from "../../pipeline/catalog/index.ts";
import {areasData} from "./areasData.ts";
import {exportsDir, readExportCsv, readManifest, runLoader} from "../../pipeline/export/readExports.ts";

runLoader("areas.json", () => {
  const dir = exportsDir();
  const {as_of, synthetic} = readManifest(dir);
  return areasData(planJson(loadCatalog()), {as_of, synthetic}, readExportCsv(dir, "areas.csv"));
});
