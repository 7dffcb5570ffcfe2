import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromArrays, tableFromIPC, tableToIPC} from "apache-arrow";
import {EXPORT_CSV, EXPLORE_TABLES, type ExportCsvName} from "./exportsContract.ts";
import {readExportCsv} from "./readExports.ts";

/**
 * One mart for SQL in the browser, as an Arrow IPC *stream* (what DuckDB-wasm's insertArrowFromIPCStream reads):
 * `explore/<table>.arrow` of the exports re-encoded whether it was written in the file or the stream format, or,
 * when the exporter wrote no Arrow copy, the table's CSV typed by the exports contract.
 */
export function exploreTable(dir: string, table: string): Uint8Array {
  if (!(EXPLORE_TABLES as readonly string[]).includes(table)) {
    throw new Error(`unknown explore table ${JSON.stringify(table)}; known: ${EXPLORE_TABLES.join(", ")}`);
  }
  const arrow = join(dir, "explore", `${table}.arrow`);
  if (existsSync(arrow)) return tableToIPC(tableFromIPC(readFileSync(arrow)), "stream");
  const name = `${table}.csv` as ExportCsvName;
  const rows = readExportCsv(dir, name) as Array<Record<string, unknown>>;
  const numbers = new Set<string>(EXPORT_CSV[name].numbers);
  const columns = Object.fromEntries(
    EXPORT_CSV[name].columns.map((c) => [
      c,
      numbers.has(c) ? rows.map((r) => r[c] as number | null) : rows.map((r) => (r[c] === null ? null : String(r[c]))),
    ]),
  );
  return tableToIPC(tableFromArrays(columns), "stream");
}
