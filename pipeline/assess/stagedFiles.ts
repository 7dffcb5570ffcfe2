import {createHash} from "node:crypto";
import {mkdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {WarehouseError} from "../errors.ts";
import type {EditionFile} from "./editionStore.ts";

/** A file written under a temporary name in its folder, waiting to be renamed into place. */
export interface StagedFile extends EditionFile {
  path: string;
  temp: string;
}

/**
 * Files written under temporary names (`.<name>.<pid>.tmp`) and renamed into place only once all of them are
 * written: a reader never sees a half-written file, and a failure leaves the previous set whole. Same folder, so
 * every rename is atomic.
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
      writeFileSync(temp, bytes);
    } catch (error) {
      this.discard();
      throw new WarehouseError(`cannot write ${path}: ${(error as Error).message}`, {
        code: "output_unwritable",
        cause: error,
      });
    }
    const file: StagedFile = {
      name,
      kind,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      path,
      temp,
    };
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
