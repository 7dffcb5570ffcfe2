import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import Papa from "papaparse";
import {exportsPath} from "../config.ts";
import {
  BOOLEAN_COLUMNS,
  EXPORT_CSV,
  type ExportCsvName,
  type ExportManifest,
  type ExportRow,
  type IndicatorExport,
} from "./exportsContract.ts";

/**
 * The folder `bizenv score` exported to (`exportsPath`: `$BIZENV_EXPORTS` or `data/exports/`). Throws, saying how to make the files, when its manifest.json is missing: the
 * manifest is written last, so without it the set is incomplete.
 */
export function exportsDir(env: Record<string, string | undefined> = process.env): string {
  const dir = exportsPath(env);
  if (!existsSync(join(dir, "manifest.json"))) {
    throw new Error(
      `no exports in ${dir} (manifest.json missing): run \`bizenv score\`, or set BIZENV_EXPORTS to a folder of exports`,
    );
  }
  return dir;
}

export function readManifest(dir: string): ExportManifest {
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as ExportManifest;
}

export function readIndicators(dir: string): IndicatorExport[] {
  return JSON.parse(readFileSync(join(dir, "indicators.json"), "utf8")) as IndicatorExport[];
}

/** "12.5" → 12.5, "" → null; anything else that is not a number is an error naming the file, line and column. */
function toNumber(text: string, where: () => string): number | null {
  if (text === "") return null;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`${where()}: expected a number, found ${JSON.stringify(text)}`);
  return n;
}

function toBoolean(text: string, where: () => string): boolean | null {
  if (text === "") return null;
  if (text === "true") return true;
  if (text === "false") return false;
  throw new Error(`${where()}: expected true or false, found ${JSON.stringify(text)}`);
}

/**
 * One exported CSV as typed rows (docs/exports.md): its header must hold every column of the contract but those added
 * since (`since`: read as empty from an earlier bizenv's export; extra columns are dropped), numbers become numbers,
 * `is_synthetic`/`on_course` booleans, empty cells null.
 *
 * @example readExportCsv(dir, "areas.csv") // [{metric_id: "business_startup_time_workdays", year: 2022, …}]
 */
export function readExportCsv<N extends ExportCsvName>(dir: string, name: N): ExportRow<N>[] {
  const spec = EXPORT_CSV[name];
  const text = readFileSync(join(dir, name), "utf8").replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, {skipEmptyLines: true});
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new Error(`${name} line ${(e.row ?? 0) + 1}: ${e.message}`);
  }
  const [header = [], ...rows] = parsed.data;
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  // A column added later (`since`) may be missing from exports an earlier bizenv wrote: read as empty.
  const since = new Set<string>("since" in spec ? spec.since : []);
  const missing = spec.columns.filter((c) => !index.has(c) && !since.has(c));
  if (missing.length > 0) {
    throw new Error(`${name}: columns missing from the export: ${missing.join(", ")} (see docs/exports.md)`);
  }
  const numbers = new Set<string>(spec.numbers);
  return rows.map((cells, r) => {
    const row: Record<string, unknown> = {};
    for (const column of spec.columns) {
      const at = index.get(column);
      const text = at === undefined ? "" : (cells[at] ?? "").trim();
      const where = () => `${name} line ${r + 2}, ${column}`;
      row[column] = numbers.has(column)
        ? toNumber(text, where)
        : BOOLEAN_COLUMNS.has(column)
          ? toBoolean(text, where)
          : text === ""
            ? null
            : text;
    }
    return row as ExportRow<N>;
  });
}

/**
 * Runs a data loader's body and writes what it returns to stdout (JSON unless it is already text or bytes); a
 * failure is reported on stderr with the loader's name and exits non-zero, which fails the build.
 */
export function runLoader(name: string, body: () => unknown): void {
  try {
    const out = body();
    if (out instanceof Uint8Array) process.stdout.write(out);
    else process.stdout.write(typeof out === "string" ? out : JSON.stringify(out));
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
