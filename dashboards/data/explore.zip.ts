// Data loader for data/explore.zip: every exported mart as an Arrow IPC stream (data/explore/<table>.arrow), for
// SQL with DuckDB-wasm on the Explore page (DuckDB-wasm cannot read Parquet offline; Arrow needs no extension).
import {exploreTable} from "../../pipeline/export/arrowStream.ts";
import {EXPLORE_TABLES} from "../../pipeline/export/exportsContract.ts";
import {exportsDir, runLoader} from "../../pipeline/export/readExports.ts";
import {zipStored} from "../components/zip.ts";

runLoader("explore.zip", () => {
  const dir = exportsDir();
  return zipStored(EXPLORE_TABLES.map((table) => [`${table}.arrow`, exploreTable(dir, table)]));
});
