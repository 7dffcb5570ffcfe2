import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {captureIo} from "../helpers/captureIo.ts";
import {bizenv, type Child} from "./childProcess.ts";
import {folderHashes, leftoversBeside, manifestProblems} from "./folderState.ts";

/**
 * A `bizenv score` killed with SIGKILL half-way leaves the previous exports usable. A small demo city (scale 0.02,
 * three months: the smallest that scores) is scored once: exports A. Then `bizenv score` children, scoring as of
 * another day (so every new set differs from A: `indicators.json`, `attainment.csv` and most other files), are
 * killed through the `BIZENV_FAULT` seam, one after another on the same folder:
 * 1. at `exporting` (half the files written into `.exports.tmp-<pid>-<ms>`): `exports/` is byte-identical to A and
 *    verifies against its manifest; the only new entry is the hidden temporary folder, without a manifest;
 * 2. at `switching` (between the two renames: `exports/` renamed aside, the new folder not yet in place): A waits
 *    whole in `.exports.old-<pid>-<ms>`, the first kill's leftover is gone;
 * 3. at `exporting` again: this run put A back in `exports/` before writing, and removed the second kill's leftovers;
 * 4. a clean `bizenv score`: new exports that verify, and nothing left beside them.
 * How it was checked that these fail when the guarantee breaks: writing the files straight into `exports/` (no
 * temporary folder) fails 1 (half the files new, the manifest old); not restoring `.exports.old-…` in
 * `beginReplace` fails 3 (`exports/` missing); not removing dead leftovers fails 2, 3 and 4.
 */

/** Exports A are scored as of the demo's last day; every later run a day earlier, so its files differ from A's. */
const AS_OF = "2021-03-31";
const NEW_AS_OF = "2021-03-30";

let dir: string;
let data: string;
let exportsDir: string;
let env: Record<string, string>;
let before: Record<string, string>;
/** What a reader sees in data/ besides the warehouse (and its write-ahead log): the names without a leading dot. */
const visible = () => readdirSync(data).filter((n) => !n.startsWith(".") && !n.startsWith("warehouse.duckdb"));

async function inProcess(...argv: string[]) {
  const io = captureIo({env, cwd: dir});
  const code = await main(argv, io);
  expect(code, io.err + io.out).toBe(0);
  return io;
}

/** A score child killed at `phase`: it died by SIGKILL there, before printing anything. Returns its pid. */
async function killedAt(phase: string): Promise<number> {
  const child: Child = bizenv(["score", "--as-of", NEW_AS_OF, "--json"], {...env, BIZENV_FAULT: phase});
  const result = await child.done;
  expect(result.stderr).toContain(`bizenv-fault: ${phase} kill pid ${child.process.pid}`);
  expect(result.signal).toBe("SIGKILL");
  expect(result.stdout).toBe("");
  return child.process.pid!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-score-kill-"));
  data = join(dir, "data");
  exportsDir = join(data, "exports");
  env = {BIZENV_DB: join(data, "warehouse.duckdb"), BIZENV_EXPORTS: exportsDir};
  await inProcess("demo", "--scale", "0.02", "--as-of", AS_OF);
  await inProcess("score", "--as-of", AS_OF);
  expect(manifestProblems(exportsDir)).toEqual([]);
  before = folderHashes(exportsDir);
  expect(visible()).toEqual(["archive", "exports"]);
  expect(Object.keys(before).length).toBeGreaterThan(20); // 14 CSV, 14 Arrow, indicators.json, manifest.json
}, 120_000);

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("kill -9 during `bizenv score` leaves the previous exports usable", () => {
  it("killed half-way through writing the export files: the exports are byte-identical, the half-written set hidden", async () => {
    const pid = await killedAt("exporting");
    expect(folderHashes(exportsDir)).toEqual(before);
    expect(manifestProblems(exportsDir)).toEqual([]);
    const leftovers = leftoversBeside(data, "exports");
    expect(leftovers).toEqual([expect.stringMatching(new RegExp(`^\\.exports\\.tmp-${pid}-\\d+$`))]);
    // It really was half-way: some files written, not all, and no manifest (which a reader looks for).
    const half = folderHashes(join(data, leftovers[0]!));
    expect(Object.keys(half)).toContain("indicators.json");
    expect(Object.keys(half)).not.toContain("manifest.json");
    expect(Object.keys(half).length).toBeGreaterThan(4);
    expect(Object.keys(half).length).toBeLessThan(Object.keys(before).length - 4);
    // And new: had it been written into exports/, the comparison above would have caught it.
    expect(half["indicators.json"]).not.toBe(before["indicators.json"]);
    expect(half["attainment.csv"]).not.toBe(before["attainment.csv"]);
    // Nothing appeared where a reader looks: the half-written set is hidden and named as no reader's folder.
    expect(visible()).toEqual(["archive", "exports"]);
  });

  it("killed between the two renames: the previous exports wait whole beside the folder; older leftovers are gone", async () => {
    const pid = await killedAt("switching");
    expect(existsSync(exportsDir)).toBe(false);
    const leftovers = leftoversBeside(data, "exports");
    expect(leftovers).toEqual([
      expect.stringMatching(new RegExp(`^\\.exports\\.old-${pid}-\\d+$`)),
      expect.stringMatching(new RegExp(`^\\.exports\\.tmp-${pid}-\\d+$`)),
    ]);
    expect(folderHashes(join(data, leftovers[0]!))).toEqual(before);
    // The new set was complete: this kill is the only moment the folder is missing.
    expect(manifestProblems(join(data, leftovers[1]!))).toEqual([]);
  });

  it("the next score puts the previous exports back before it writes (killed half-way again: they are A)", async () => {
    const pid = await killedAt("exporting");
    expect(folderHashes(exportsDir)).toEqual(before);
    expect(manifestProblems(exportsDir)).toEqual([]);
    expect(leftoversBeside(data, "exports")).toEqual([
      expect.stringMatching(new RegExp(`^\\.exports\\.tmp-${pid}-\\d+$`)),
    ]);
  });

  it("the next score succeeds, replaces the exports whole and removes every leftover", async () => {
    await inProcess("score", "--as-of", NEW_AS_OF);
    expect(manifestProblems(exportsDir)).toEqual([]);
    const after = folderHashes(exportsDir);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after["indicators.json"]).not.toBe(before["indicators.json"]);
    expect(JSON.parse(readFileSync(join(exportsDir, "manifest.json"), "utf8")).as_of).toBe(NEW_AS_OF);
    expect(leftoversBeside(data, "exports")).toEqual([]);
    expect(visible()).toEqual(["archive", "exports"]);
  });
});
