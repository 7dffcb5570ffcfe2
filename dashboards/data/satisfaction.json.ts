// Data loader for data/satisfaction.json: the 双满意 indices (satisfaction.csv) and the 12345 hotline (hotline.csv),
// for the city and per unit, by month.
import {loadCatalog, planJson} from "../../pipeline/catalog/index.ts";
import {exportsDir, readExportCsv, readManifest, runLoader} from "../../pipeline/export/readExports.ts";
import {satisfactionData} from "./satisfactionData.ts";

runLoader("satisfaction.json", () => {
  const dir = exportsDir();
  const {as_of, synthetic} = readManifest(dir);
  return satisfactionData(
    planJson(loadCatalog()),
    {as_of, synthetic},
    readExportCsv(dir, "satisfaction.csv"),
    readExportCsv(dir, "hotline.csv"),
  );
});
