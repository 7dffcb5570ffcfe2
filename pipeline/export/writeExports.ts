import {createHash} from "node:crypto";
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {tableToIPC} from "apache-arrow";
import type {FaultPoint} from "../faultPoint.ts";
import {abandonReplace, beginReplace, finishReplace} from "../replaceFolder.ts";
import type {ExportManifest} from "./exportsContract.ts";
import {toArrow, toCsv, type ExportTable} from "./exportTable.ts";

export interface ExportSet {
  tables: readonly ExportTable[];
  /** indicators.json content. */
  indicators: readonly unknown[];
  manifest: Omit<ExportManifest, "files">;
  /**
   * assessments.json content: the frozen assessment editions (pipeline/assess/assessmentsIndex.ts), written with
   * the set so that replacing the folder keeps the list `bizenv assess --final` made. Absent: no editions yet.
   */
  assessments?: {editions: readonly unknown[]};
}

/**
 * Write an export set to `dir` atomically: every file goes into a temporary sibling folder `.<name>.tmp-<pid>-<ms>`,
 * `manifest.json` last (listing each file's rows, bytes and sha256), then the folder takes the place of `dir` by
 * rename (pipeline/replaceFolder.ts), so a reader sees the previous complete set or the new one, never a mix. What a
 * killed `bizenv score` left beside `dir` is tidied first: a half-written temporary folder is removed, and a previous
 * set moved aside by a run killed between its two renames is put back. CSV for the dashboards and Excel;
 * `explore/<table>.arrow` (Arrow IPC file format) for SQL in the browser. Returns the manifest. `fault` is the crash
 * tests' seam (`BIZENV_FAULT`): `exporting` half-way through the files, `switching` between the renames.
 */
export function writeExports(dir: string, set: ExportSet, options: {fault?: FaultPoint} = {}): ExportManifest {
  const replacement = beginReplace(dir);
  const {temp} = replacement;
  try {
    mkdirSync(join(temp, "explore"));
    const files: ExportManifest["files"] = [];
    const write = (name: string, bytes: Uint8Array | string, rows: number) => {
      const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes);
      writeFileSync(join(temp, name), data);
      files.push({name, rows, bytes: data.length, sha256: createHash("sha256").update(data).digest("hex")});
    };
    write("indicators.json", JSON.stringify(set.indicators, null, 2) + "\n", set.indicators.length);
    if (set.assessments)
      write("assessments.json", JSON.stringify(set.assessments, null, 2) + "\n", set.assessments.editions.length);
    const half = Math.ceil(set.tables.length / 2);
    set.tables.forEach((table, i) => {
      if (i === half) options.fault?.("exporting");
      write(`${table.name}.csv`, toCsv(table), table.rows.length);
      write(`explore/${table.name}.arrow`, tableToIPC(toArrow(table), "file"), table.rows.length);
    });
    const {loads, ...head} = set.manifest;
    const manifest: ExportManifest = {...head, files, loads};
    writeFileSync(join(temp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    finishReplace(replacement, options.fault);
    return manifest;
  } catch (error) {
    abandonReplace(replacement);
    throw error;
  }
}
