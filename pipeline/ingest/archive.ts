import {copyFileSync, existsSync, mkdirSync, renameSync, rmSync} from "node:fs";
import {extname, join, relative} from "node:path";
import {WarehouseError} from "../errors.ts";

/**
 * Keep a copy of a loaded file under its sha256 (written to a temporary name, then renamed: never half a file).
 * The name is the hash and a plain lower-case extension, nothing else of the file's name: it stays inside `dir`.
 * A copy that cannot be written (disk full, folder read-only) is a `WarehouseError`, and its partial file is removed.
 */
export function archive(path: string, sha256: string, dir: string): string {
  const ext = extname(path).toLowerCase();
  const target = join(dir, `${sha256}${/^\.[a-z0-9]{1,8}$/.test(ext) ? ext : ""}`);
  if (!/^[0-9a-f]{64}$/.test(sha256) || relative(dir, target).startsWith("..")) {
    throw new Error(`refusing to archive outside ${dir}: ${target}`);
  }
  const partial = `${target}.partial-${process.pid}`;
  try {
    mkdirSync(dir, {recursive: true});
    if (!existsSync(target)) {
      copyFileSync(path, partial);
      renameSync(partial, target);
    }
  } catch (error) {
    rmSync(partial, {force: true});
    const code = (error as NodeJS.ErrnoException).code;
    const full = code === "ENOSPC" || code === "EFBIG" || code === "EDQUOT";
    throw new WarehouseError(`cannot keep a copy of the file in the archive ${dir}: ${(error as Error).message}`, {
      code: full ? "disk_full" : "warehouse_unwritable",
      hint: full ? "free disk space, then load the file again" : "make the archive folder writable, then load again",
      cause: error,
    });
  }
  return target;
}
