import {createHash} from "node:crypto";
import {existsSync, mkdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {tableToIPC} from "apache-arrow";
import {toArrow, toCsv, type ExportTable} from "./exportTable.ts";

/** manifest.json (docs/exports.md), written last. */
export interface ExportManifest {
  generated_at: string;
  as_of: string;
  catalog_version: string;
  catalog_sha256: string;
  calendar: string;
  synthetic: boolean;
  files: Array<{name: string; rows: number; bytes: number; sha256: string}>;
  loads: Array<{load_id: number; feed: string; file_name: string; sha256: string}>;
}

export interface ExportSet {
  tables: readonly ExportTable[];
  /** indicators.json content. */
  indicators: readonly unknown[];
  manifest: Omit<ExportManifest, "files">;
}

/**
 * Write an export set to `dir` atomically: every file goes into a temporary sibling folder, `manifest.json` last
 * (listing each file's rows, bytes and sha256), then the folder takes the place of `dir` by rename, so a reader sees
 * the previous complete set or the new one, never a mix. CSV for the dashboards and Excel; `explore/<table>.arrow`
 * (Arrow IPC file format) for SQL in the browser. Returns the manifest.
 */
export function writeExports(dir: string, set: ExportSet): ExportManifest {
  const parent = dirname(dir);
  mkdirSync(parent, {recursive: true});
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.${basename(dir)}.tmp-${stamp}`);
  const old = join(parent, `.${basename(dir)}.old-${stamp}`);
  mkdirSync(join(temp, "explore"), {recursive: true});
  try {
    const files: ExportManifest["files"] = [];
    const write = (name: string, bytes: Uint8Array | string, rows: number) => {
      const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes);
      writeFileSync(join(temp, name), data);
      files.push({name, rows, bytes: data.length, sha256: createHash("sha256").update(data).digest("hex")});
    };
    write("indicators.json", JSON.stringify(set.indicators, null, 2) + "\n", set.indicators.length);
    for (const table of set.tables) {
      write(`${table.name}.csv`, toCsv(table), table.rows.length);
      write(`explore/${table.name}.arrow`, tableToIPC(toArrow(table), "file"), table.rows.length);
    }
    const {loads, ...head} = set.manifest;
    const manifest: ExportManifest = {...head, files, loads};
    writeFileSync(join(temp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(temp, dir);
    rmSync(old, {recursive: true, force: true});
    return manifest;
  } catch (error) {
    rmSync(temp, {recursive: true, force: true});
    if (existsSync(old) && !existsSync(dir)) renameSync(old, dir);
    throw error;
  }
}
