import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {MissingDataError} from "../errors.ts";
import type {ExportCsvName, ExportManifest, ExportRow, IndicatorExport} from "../export/exportsContract.ts";
import {readExportCsv} from "../export/readExports.ts";

/** The export files the assessment reads (docs/exports.md), each checked against the exports' manifest. */
export const ASSESSMENT_CSVS = [
  "attainment.csv",
  "forecasts.csv",
  "tiers.csv",
  "national.csv",
  "tasks.csv",
  "satisfaction.csv",
  "hotline.csv",
  "feed_health.csv",
  "load_log.csv",
  "rejects.csv",
  "rule_breaches.csv",
] as const satisfies readonly ExportCsvName[];

type Csvs = {[N in (typeof ASSESSMENT_CSVS)[number]]: ExportRow<N>[]};

/** One load as the warehouse's load_log records it (richer than load_log.csv: the data range of each file). */
export interface WarehouseLoad {
  load_id: number;
  feed: string | null;
  file_name: string;
  sha256: string;
  status: string;
  is_synthetic: boolean;
  data_from: string | null;
  data_to: string | null;
}

/** Everything the assessment is computed from: the exports, and the warehouse's load log when it could be read. */
export interface AssessmentInputs extends Csvs {
  exportsDir: string;
  manifest: ExportManifest;
  indicators: IndicatorExport[];
  /** The export files read, with the sha256 of the bytes read (equal to the manifest's, or reading fails). */
  exportFiles: Array<{name: string; bytes: number; sha256: string}>;
  /** The warehouse's load log, or null with the reason it could not be read. */
  warehouseLoads: WarehouseLoad[] | null;
  warehouseNote: string | null;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/**
 * Read the exported figures in `dir` and check every file against the exports' manifest.json (written last by
 * `bizenv score`): a missing manifest means the set is incomplete, a hash that differs means a file changed after
 * the set was written. Either way the assessment refuses to run rather than sign a mixture of two runs.
 */
export function readAssessmentInputs(dir: string): Omit<AssessmentInputs, "warehouseLoads" | "warehouseNote"> {
  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new MissingDataError(
      `no exported figures in ${dir} (manifest.json missing)`,
      "run `bizenv score` first, or point --exports (or BIZENV_EXPORTS) at a folder of exports",
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as ExportManifest;
  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  const exportFiles: AssessmentInputs["exportFiles"] = [];
  const check = (name: string) => {
    const path = join(dir, name);
    if (!existsSync(path)) {
      throw new MissingDataError(`${name} is missing from the exports in ${dir}`, "run `bizenv score` again");
    }
    const bytes = readFileSync(path);
    const digest = sha256(bytes);
    const entry = listed.get(name);
    if (!entry) {
      throw new MissingDataError(`${name} in ${dir} is not listed in its manifest.json`, "run `bizenv score` again");
    }
    if (entry.sha256 !== digest) {
      throw new MissingDataError(
        `${name} in ${dir} changed after its manifest was written (sha256 ${digest.slice(0, 12)}…, manifest says ${entry.sha256.slice(0, 12)}…)`,
        "wait for `bizenv score` to finish, or run it again",
      );
    }
    exportFiles.push({name, bytes: bytes.length, sha256: digest});
  };
  check("indicators.json");
  for (const name of ASSESSMENT_CSVS) check(name);
  const indicators = JSON.parse(readFileSync(join(dir, "indicators.json"), "utf8")) as IndicatorExport[];
  const csvs = Object.fromEntries(
    ASSESSMENT_CSVS.map((name) => {
      try {
        return [name, readExportCsv(dir, name)];
      } catch (error) {
        throw new MissingDataError(`cannot read ${name} in ${dir}: ${(error as Error).message}`);
      }
    }),
  ) as Csvs;
  return {exportsDir: dir, manifest, indicators, exportFiles, ...csvs};
}
