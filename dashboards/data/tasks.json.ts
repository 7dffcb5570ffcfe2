// Data loader for data/tasks.json: the plan's 47 tasks with each responsible unit's status, and every unit's
// record and appraisal rank (tasks.csv, units.csv), with the catalog's names.
import {loadCatalog, planJson} from "../../pipeline/catalog/index.ts";
import {exportsDir, readExportCsv, readManifest, runLoader} from "../../pipeline/export/readExports.ts";
import {tasksData} from "./tasksData.ts";

runLoader("tasks.json", () => {
  const dir = exportsDir();
  const {as_of, synthetic} = readManifest(dir);
  return tasksData(planJson(loadCatalog()), {as_of, synthetic}, readExportCsv(dir, "tasks.csv"), readExportCsv(dir, "units.csv"));
});
