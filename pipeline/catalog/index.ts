// The plan catalog: the plan as validated data. See sources/plans/<plan>/ for the files.
export {loadCatalog, DEFAULT_CATALOG_DIR} from "./loadCatalog.ts";
export {planJson, type PlanJson} from "./planJson.ts";
export type {Catalog, Target, Metric} from "./schema.ts";
