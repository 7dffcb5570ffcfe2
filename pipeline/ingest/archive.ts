import {existsSync, mkdirSync, rmSync} from "node:fs";
import {copyFile, rename} from "node:fs/promises";
import {extname, join, relative} from "node:path";
import {WarehouseError} from "../errors.ts";

/**
 * Keep a copy of a loaded file under its sha256 (written to a temporary name, then renamed: never half a file).
 * The name is the hash and a plain lower-case extension, nothing else of the file's name: it stays inside `dir`.
 * A copy that cannot be written (disk full, folder read-only) is a `WarehouseError`, and its partial file is removed.
 * The copy runs in the background while the load writes its rows (a 70 MB file took 75 ms); a name outside `dir`
 * is refused at once (thrown, not a rejected promise).
 */
export function archive(path: string, sha256: string, dir: string): Promise<string> {
  const ext = extname(path).toLowerCase();
  const target = join(dir, `${sha256}${/^\.[a-z0-9]{1,8}$/.test(ext) ? ext : ""}`);
  if (!/^[0-9a-f]{64}$/.test(sha256) || relative(dir, target).startsWith("..")) {
    throw new Error(`refusing to archive outside ${dir}: ${target}`);
  }
  return copyInto(path, target, dir);
}

let copies = 0;

async function copyInto(path: string, target: string, dir: string): Promise<string> {
  // The pid (a later load sweeps the partial files of dead processes) and a count: two copies of one process never
  // share a name, even when one outlives the load that started it.
  const partial = `${target}.partial-${process.pid}-${++copies}`;
  try {
    mkdirSync(dir, {recursive: true});
    if (!existsSync(target)) {
      await copyFile(path, partial);
      await rename(partial, target);
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
