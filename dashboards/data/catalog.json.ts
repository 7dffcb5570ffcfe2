// Data loader for data/catalog.json: the plan catalog (sources/plans/xining-2022/) exactly as `bizenv plan --json`
// prints it. Framework runs it with tsx at build time. The catalog is validated on load: a broken catalog fails the
// build with the catalog's own error message instead of shipping a page with wrong numbers.
import {loadCatalog, planJson} from "../../pipeline/catalog/index.ts";

try {
  process.stdout.write(JSON.stringify(planJson(loadCatalog())));
} catch (error) {
  console.error(`catalog.json: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
