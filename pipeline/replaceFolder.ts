import {existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import type {FaultPoint} from "./faultPoint.ts";

/**
 * A folder that is only ever replaced whole (the exports, an assessment's outputs): the new content is written into
 * a hidden sibling `.<name>.tmp-<pid>-<ms>` and takes the folder's place by rename. Same parent, so every rename is
 * atomic: a reader of `<name>` sees the previous complete folder or the new one, never a mix.
 */
export interface FolderReplacement {
  /** The folder being replaced. */
  dir: string;
  /** Where the new content is written: `.<name>.tmp-<pid>-<ms>` beside it. */
  temp: string;
  /** Where the previous content waits between the two renames: `.<name>.old-<pid>-<ms>`. */
  old: string;
}

/** Whether no process has this id any more (EPERM means one exists, owned by someone else). */
export function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** `.<name>.tmp-<pid>-<ms>` and `.<name>.old-<pid>-<ms>` beside `dir`, left by processes that no longer exist. */
export function leftoversOf(dir: string): Array<{path: string; kind: "tmp" | "old"; pid: number; stamp: number}> {
  const name = basename(dir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^\\.${name}\\.(tmp|old)-(\\d+)-(\\d+)$`);
  let names: string[];
  try {
    names = readdirSync(dirname(dir));
  } catch {
    return [];
  }
  return names.flatMap((entry) => {
    const m = pattern.exec(entry);
    if (!m || !processGone(Number(m[2]))) return [];
    const path = join(dirname(dir), entry);
    // Only our own kind of entry: a real folder, never a link.
    if (!lstatSync(path).isDirectory()) return [];
    return [{path, kind: m[1] as "tmp" | "old", pid: Number(m[2]), stamp: Number(m[3])}];
  });
}

/**
 * Start replacing `dir`. First tidy up after writers of it that were killed (processes that no longer exist, never a
 * live one): when `dir` is missing because one was killed between its two renames, the previous content it had moved
 * aside (`.<name>.old-…`) is renamed back; every other leftover (half-written `.<name>.tmp-…`, a stale
 * `.<name>.old-…`) is removed, unless `keep` says to leave it (a frozen assessment edition that the warehouse
 * records, for its own recovery). Then creates the empty temporary folder and returns the names.
 */
export function beginReplace(dir: string, options: {keep?: (leftover: string) => boolean} = {}): FolderReplacement {
  const parent = dirname(dir);
  mkdirSync(parent, {recursive: true});
  const leftovers = leftoversOf(dir);
  if (!existsSync(dir)) {
    const previous = leftovers.filter((l) => l.kind === "old").sort((a, b) => b.stamp - a.stamp)[0];
    if (previous) renameSync(previous.path, dir);
  }
  for (const l of leftovers) {
    if (existsSync(l.path) && !options.keep?.(l.path)) rmSync(l.path, {recursive: true, force: true});
  }
  for (let stamp = Date.now(); ; stamp++) {
    const temp = join(parent, `.${basename(dir)}.tmp-${process.pid}-${stamp}`);
    if (existsSync(temp)) continue;
    mkdirSync(temp);
    return {dir, temp, old: join(parent, `.${basename(dir)}.old-${process.pid}-${stamp}`)};
  }
}

/**
 * Put the new folder in place: the previous `dir` (if any) is renamed aside, the new one renamed to `dir`, the
 * previous one removed. Killed between the two renames (fault point `switching`), `dir` is missing and its previous
 * content waits whole in `.<name>.old-…`, which the next `beginReplace` of `dir` renames back. If the second rename
 * fails, the previous folder is put back before the error propagates.
 */
export function finishReplace(r: FolderReplacement, fault?: FaultPoint): void {
  const had = existsSync(r.dir);
  if (had) renameSync(r.dir, r.old);
  try {
    if (had) fault?.("switching");
    renameSync(r.temp, r.dir);
  } catch (error) {
    if (had && !existsSync(r.dir)) renameSync(r.old, r.dir);
    throw error;
  }
  if (had) rmSync(r.old, {recursive: true, force: true});
}

/** Give up: remove the temporary folder; `dir` stays as it was. */
export function abandonReplace(r: FolderReplacement): void {
  rmSync(r.temp, {recursive: true, force: true});
}
