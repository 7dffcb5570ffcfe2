import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Every file under `dir` (recursively) by its path relative to `dir`, with its sha256: "byte-identical" compares these. */
export function folderHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[full.slice(dir.length + 1)] = sha256(readFileSync(full));
  }
  return out;
}

/**
 * Checks a folder against its own manifest.json, as a reader that verifies would: every file the manifest lists
 * (`files` of the exports, `outputs` of an assessment) is there with its sha256, and there is no other file.
 * Returns the problems found (empty when the folder is whole).
 */
export function manifestProblems(dir: string): string[] {
  let manifest: {files?: Array<{name: string; sha256: string}>; outputs?: Array<{name: string; sha256: string}>};
  try {
    manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  } catch (error) {
    return [`no readable manifest.json: ${(error as Error).message}`];
  }
  const listed = manifest.files ?? manifest.outputs ?? [];
  const hashes = folderHashes(dir);
  const problems: string[] = [];
  for (const f of listed) {
    if (f.name === "manifest.json") continue; // an assessment lists its manifest's hash in the warehouse, not in itself
    if (!(f.name in hashes)) problems.push(`${f.name} missing`);
    else if (hashes[f.name] !== f.sha256) problems.push(`${f.name} differs from the manifest`);
  }
  const names = new Set(listed.map((f) => f.name));
  for (const name of Object.keys(hashes)) {
    if (name !== "manifest.json" && !names.has(name)) problems.push(`${name} not in the manifest`);
  }
  return problems;
}

/** The hidden leftovers beside a folder: `.<name>.tmp-<pid>-<ms>` and `.<name>.old-<pid>-<ms>`. */
export function leftoversBeside(parent: string, name: string): string[] {
  return readdirSync(parent)
    .filter((n) => n.startsWith(`.${name}.tmp-`) || n.startsWith(`.${name}.old-`))
    .sort();
}
