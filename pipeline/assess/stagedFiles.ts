import {createHash} from "node:crypto";
import {existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {UsageError, WarehouseError} from "../errors.ts";
import type {FaultPoint} from "../faultPoint.ts";
import {
  abandonReplace,
  beginReplace,
  finishReplace,
  leftoversOf,
  processGone,
  type FolderReplacement,
} from "../replaceFolder.ts";
import type {EditionFile, EditionRow} from "./editionStore.ts";

/** A file written under a temporary name, waiting to be renamed into place. */
export interface StagedFile extends EditionFile {
  path: string;
  temp: string;
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const unwritable = (path: string, error: unknown) =>
  new WarehouseError(`cannot write ${path}: ${(error as Error).message}`, {code: "output_unwritable", cause: error});

/**
 * One file beside others that are not ours (`assessments.json` in the exports folder): written as
 * `.<name>.<pid>.tmp` and renamed into place, so a reader never sees it half-written. Same folder, so the rename is
 * atomic. Temporary copies that killed runs left (their process gone) are removed first.
 */
export class StagedFiles {
  readonly files: StagedFile[] = [];
  constructor(readonly dir: string) {}

  write(name: string, kind: string, data: Buffer | string): StagedFile {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    const path = join(this.dir, name);
    const temp = join(this.dir, `.${name}.${process.pid}.tmp`);
    try {
      mkdirSync(this.dir, {recursive: true});
      const stale = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d+)\\.tmp$`);
      for (const entry of readdirSync(this.dir)) {
        const pid = stale.exec(entry)?.[1];
        if (pid !== undefined && processGone(Number(pid))) rmSync(join(this.dir, entry), {force: true});
      }
      writeFileSync(temp, bytes);
    } catch (error) {
      this.discard();
      throw unwritable(path, error);
    }
    const file: StagedFile = {name, kind, bytes: bytes.length, sha256: sha256(bytes), path, temp};
    this.files.push(file);
    return file;
  }

  /** Rename every staged file into place, in the order written. */
  commit(): void {
    for (const f of this.files) renameSync(f.temp, f.path);
  }

  /** Remove the temporary files (after a failure). */
  discard(): void {
    for (const f of this.files) rmSync(f.temp, {force: true});
  }
}

/** The names an assessment folder may hold: its outputs, and temporary files of older bizenv versions. */
const OUTPUT_NAME = /^(?:manifest\.json|assessment-\d{4}(?:Q[1-4])?\.(?:xlsx|html|pdf|json)|\..+\.\d+\.tmp)$/;

/**
 * An assessment's folder is its own and is replaced whole (`pipeline/replaceFolder.ts`): refuse a folder that holds
 * anything else (other files, an `edition-<n>` folder), or that is not a folder, rather than move it away.
 */
export function refuseForeignFolder(dir: string): void {
  if (!existsSync(dir)) return;
  if (!lstatSync(dir).isDirectory()) {
    throw new UsageError(`${dir} is not a folder`, "choose a new or empty folder with --out");
  }
  const foreign = readdirSync(dir)
    .filter((name) => !OUTPUT_NAME.test(name))
    .sort();
  if (foreign.length > 0) {
    throw new UsageError(
      `${dir} holds other things than an assessment's outputs (${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}); an assessment replaces its folder whole`,
      "choose a new or empty folder with --out",
    );
  }
}

/** Whether a folder's manifest.json is a frozen edition's (`final: true`). */
function holdsFrozenManifest(dir: string): {edition: number} | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {final?: boolean; edition?: number};
    return m.final === true && typeof m.edition === "number" ? {edition: m.edition} : null;
  } catch {
    return null;
  }
}

/**
 * The files of one assessment (workbook, HTML, PDF, figures, manifest last), written into a temporary sibling folder
 * `.<name>.tmp-<pid>-<ms>` and switched into place whole by rename: a reader of the folder sees the previous complete
 * assessment or the new one, never a mix of the two. A draft run leaves alone a leftover temporary folder that holds
 * a frozen edition (only `--final`, which reads the warehouse, can tell whether to recover it).
 */
export class StagedFolder {
  readonly files: StagedFile[] = [];
  private readonly replacement: FolderReplacement;

  constructor(
    readonly dir: string,
    options: {keepFrozen: boolean},
  ) {
    try {
      this.replacement = beginReplace(dir, {keep: (path) => options.keepFrozen && holdsFrozenManifest(path) !== null});
    } catch (error) {
      throw unwritable(dir, error);
    }
  }

  write(name: string, kind: string, data: Buffer | string): StagedFile {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    const temp = join(this.replacement.temp, name);
    try {
      writeFileSync(temp, bytes);
    } catch (error) {
      this.discard();
      throw unwritable(join(this.dir, name), error);
    }
    const file: StagedFile = {name, kind, bytes: bytes.length, sha256: sha256(bytes), path: join(this.dir, name), temp};
    this.files.push(file);
    return file;
  }

  /** Switch the new folder into place (fault point `switching` between the two renames). */
  commit(fault?: FaultPoint): void {
    finishReplace(this.replacement, fault);
  }

  /** Remove the temporary folder (after a failure): the folder stays as it was. */
  discard(): void {
    abandonReplace(this.replacement);
  }
}

/** Whether `dir` holds every file recorded for the edition, byte for byte (by sha256). */
function folderHoldsEdition(dir: string, edition: EditionRow): boolean {
  return edition.files.every((f) => {
    try {
      return sha256(readFileSync(join(dir, f.name))) === f.sha256;
    } catch {
      return false;
    }
  });
}

/**
 * Finish what `bizenv assess --final` killed after COMMIT left undone: an edition recorded in the warehouse whose
 * folder does not hold it, while a temporary folder beside it (of a process that no longer exists) holds every one of
 * its files with the sha256 the warehouse recorded, gets that folder switched into place. Returns the folders
 * recovered.
 */
export function recoverEditionFolders(editions: readonly EditionRow[]): string[] {
  const recovered: string[] = [];
  for (const e of editions) {
    if (holdsFrozenManifest(e.out_dir)?.edition === e.edition) continue;
    const found = leftoversOf(e.out_dir).find((l) => l.kind === "tmp" && folderHoldsEdition(l.path, e));
    if (!found) continue;
    const old = join(dirname(e.out_dir), `.${basename(e.out_dir)}.old-${process.pid}-${Date.now()}`);
    finishReplace({dir: e.out_dir, temp: found.path, old});
    recovered.push(e.out_dir);
  }
  return recovered;
}
