import {readFileSync} from "node:fs";
import {FeedError} from "../errors.ts";
import {numberText} from "./cellFormat.ts";
import {CsvWriter} from "./csvWriter.ts";

/**
 * Text of an Arrow value: dates and timestamps as ISO (`YYYY-MM-DD HH:MM:SS`), big integers exactly, floating-point
 * numbers as a spreadsheet's are (cellFormat.ts `numberText`: beyond 2^53 in scientific notation).
 */
function arrowText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return value
      .toISOString()
      .replace("T", " ")
      .replace(/\.000Z$|Z$/, "");
  return typeof value === "number" ? numberText(value) : String(value);
}

/**
 * Write an Arrow IPC file (file or stream format) as a CSV whose first column is the row number; returns the
 * column names.
 * This DuckDB build has no Arrow IPC reader, so the rows pass through JavaScript once; Arrow files come from
 * other tools, not from offices, and are small.
 */
export async function readArrowToCsv(path: string, shown: string, csvPath: string): Promise<string[]> {
  // Imported here: Arrow files are rare, and the package costs every other load 0.3 s of start-up.
  const {tableFromIPC} = await import("apache-arrow");
  let table;
  try {
    table = tableFromIPC(readFileSync(path));
  } catch (error) {
    throw new FeedError(shown, `cannot read it as Arrow IPC: ${(error as Error).message}`);
  }
  const names = table.schema.fields.map((f) => f.name);
  const writer = new CsvWriter(csvPath);
  await writer.row(["__row", ...names]);
  let n = 0;
  for (const row of table) {
    n++;
    const record = row as unknown as Record<string, unknown>;
    await writer.row([String(n), ...names.map((name) => arrowText(record[name]))]);
  }
  await writer.close();
  return names;
}
