import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {Warehouse} from "../../pipeline/db.ts";
import {captureIo} from "../helpers/captureIo.ts";
import {FIXTURE_EXPORTS} from "../assess/fixture.ts";
import {bizenv} from "./childProcess.ts";
import {folderHashes, leftoversBeside, manifestProblems} from "./folderState.ts";

/**
 * A `bizenv assess` killed with SIGKILL half-way leaves the previous assessment usable. An assessment's files live in
 * a folder of their own, written as a hidden sibling `.<name>.tmp-<pid>-<ms>` and switched into place by rename.
 * Assessed from a copy of the assessment fixture's exports, without a PDF (no Chromium needed); every run records a
 * different code version, so a new file can never pass for an old one.
 *
 * A draft folder, assessment A in place, then children killed through `BIZENV_FAULT` one after another:
 * `assessing` (every new file written, nothing renamed), `switching` (A renamed aside, the new folder not yet in
 * place), `assessing` again (this run first put A back), then a clean run. `--final`: killed at `assessing` (inside
 * the transaction: no edition, no folder), then at `assessed` (the edition committed, its folder not renamed yet):
 * the next `--final` switches that folder into place, checked against the sha256 the warehouse recorded.
 *
 * How it was checked that these fail when the guarantee breaks: renaming the files one by one into the folder (as
 * the old `StagedFiles` did) with the kill after the first rename fails the second and third tests (the folder then
 * holds a new workbook beside A's other files and manifest); not restoring `.<name>.old-…` fails the third (folder
 * missing); not recovering the committed edition fails the last (`f` missing).
 */

let root: string;
let env: Record<string, string>;
const draft = () => join(root, "draft");
let before: Record<string, string>;

async function inProcess(version: string, ...argv: string[]) {
  const io = captureIo({env: {...env, BIZENV_CODE_VERSION: version}, cwd: root});
  const code = await main(argv, io);
  expect(code, io.err + io.out).toBe(0);
  return io;
}

/** An assess child killed at `phase`: it died by SIGKILL there, before printing anything. Returns its pid. */
async function killedAt(phase: string, version: string, ...argv: string[]): Promise<number> {
  const child = bizenv(["assess", "--year", "2022", "--no-pdf", "--json", ...argv], {
    ...env,
    BIZENV_CODE_VERSION: version,
    BIZENV_FAULT: phase,
  });
  const result = await child.done;
  expect(result.stderr).toContain(`bizenv-fault: ${phase} kill pid ${child.process.pid}`);
  expect(result.signal).toBe("SIGKILL");
  expect(result.stdout).toBe("");
  return child.process.pid!;
}

const codeVersion = (dir: string) => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).code_version;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "bizenv-assess-kill-"));
  cpSync(FIXTURE_EXPORTS, join(root, "exports"), {recursive: true});
  env = {BIZENV_DB: join(root, "warehouse.duckdb"), BIZENV_EXPORTS: join(root, "exports")};
  await inProcess("A", "assess", "--year", "2022", "--no-pdf", "--out", draft());
  expect(manifestProblems(draft())).toEqual([]);
  before = folderHashes(draft());
  expect(Object.keys(before).sort()).toEqual([
    "assessment-2022.html",
    "assessment-2022.json",
    "assessment-2022.xlsx",
    "manifest.json",
  ]);
}, 60_000);

afterAll(() => rmSync(root, {recursive: true, force: true}));

describe("kill -9 during `bizenv assess` leaves the previous assessment usable", () => {
  it("killed with every new file written, nothing renamed: the folder is byte-identical and verifies", async () => {
    const pid = await killedAt("assessing", "B", "--out", draft());
    expect(folderHashes(draft())).toEqual(before);
    expect(manifestProblems(draft())).toEqual([]);
    const leftovers = leftoversBeside(root, "draft");
    expect(leftovers).toEqual([expect.stringMatching(new RegExp(`^\\.draft\\.tmp-${pid}-\\d+$`))]);
    // The new assessment was whole and different: had any of it reached the folder, the checks above would say so.
    const staged = join(root, leftovers[0]!);
    expect(manifestProblems(staged)).toEqual([]);
    expect(codeVersion(staged)).toBe("B");
    for (const name of ["assessment-2022.html", "assessment-2022.xlsx", "manifest.json"]) {
      expect(folderHashes(staged)[name], name).not.toBe(before[name]);
    }
  });

  it("killed between the two renames: the previous assessment waits whole beside the folder", async () => {
    const pid = await killedAt("switching", "C", "--out", draft());
    expect(existsSync(draft())).toBe(false);
    const leftovers = leftoversBeside(root, "draft");
    expect(leftovers).toEqual([
      expect.stringMatching(new RegExp(`^\\.draft\\.old-${pid}-\\d+$`)),
      expect.stringMatching(new RegExp(`^\\.draft\\.tmp-${pid}-\\d+$`)), // the first kill's is gone
    ]);
    expect(folderHashes(join(root, leftovers[0]!))).toEqual(before);
  });

  it("the next run puts the previous assessment back before it writes (killed again: the folder is A)", async () => {
    const pid = await killedAt("assessing", "D", "--out", draft());
    expect(folderHashes(draft())).toEqual(before);
    expect(codeVersion(draft())).toBe("A");
    expect(leftoversBeside(root, "draft")).toEqual([expect.stringMatching(new RegExp(`^\\.draft\\.tmp-${pid}-\\d+$`))]);
  });

  it("the next run succeeds, replaces the folder whole and removes every leftover", async () => {
    await inProcess("E", "assess", "--year", "2022", "--no-pdf", "--out", draft());
    expect(manifestProblems(draft())).toEqual([]);
    expect(codeVersion(draft())).toBe("E");
    expect(leftoversBeside(root, "draft")).toEqual([]);
  });

  it("refuses a --out folder that holds anything but an assessment, since the folder is replaced whole", async () => {
    const other = join(root, "notes");
    mkdirSync(join(other, "edition-1"), {recursive: true});
    writeFileSync(join(other, "notes.txt"), "mine");
    const io = captureIo({env, cwd: root});
    expect(await main(["assess", "--year", "2022", "--no-pdf", "--out", other], io)).toBe(2);
    expect(io.err).toMatch(/holds other things than an assessment's outputs \(edition-1, notes.txt\)/);
    expect(readFileSync(join(other, "notes.txt"), "utf8")).toBe("mine");
    expect(leftoversBeside(root, "notes")).toEqual([]);
  });

  it("--final killed before or after COMMIT: no edition half-made, and a committed one gets its folder", async () => {
    await inProcess("init", "init");
    const editions = async () => {
      const warehouse = await Warehouse.open(env.BIZENV_DB!, {readOnly: true});
      try {
        return await warehouse.all<{edition: number; name: string; sha256: string}>(
          "select edition, name, sha256 from assessment_edition_files order by edition, name",
        );
      } finally {
        warehouse.close();
      }
    };
    const f = join(root, "f");
    // Killed inside the transaction: nothing recorded, no folder, only a hidden leftover.
    const first = await killedAt("assessing", "F1", "--final", "--out", f);
    expect(await editions()).toEqual([]);
    expect(existsSync(f)).toBe(false);
    expect(leftoversBeside(root, "f")).toEqual([expect.stringMatching(new RegExp(`^\\.f\\.tmp-${first}-\\d+$`))]);

    // Killed after COMMIT, before the rename: edition 1 is recorded, its files wait beside the folder.
    const second = await killedAt("assessed", "F2", "--final", "--out", f);
    const recorded = await editions();
    expect(recorded.map((r) => r.edition)).toEqual([1, 1, 1, 1]);
    expect(existsSync(f)).toBe(false);
    expect(leftoversBeside(root, "f")).toEqual([expect.stringMatching(new RegExp(`^\\.f\\.tmp-${second}-\\d+$`))]);

    // The next score finishes the rename (the files are the ones the warehouse recorded), so the editions it lists
    // in the exports are all there; no edition is added.
    await inProcess("S", "score", "--json");
    expect(existsSync(f)).toBe(true);
    expect(codeVersion(f)).toBe("F2");
    expect(leftoversBeside(root, "f")).toEqual([]);
    expect((await editions()).map((r) => r.edition)).toEqual([1, 1, 1, 1]);

    // The next --final writes edition 2 and leaves edition 1 as recovered.
    const io = await inProcess(
      "F3",
      "assess",
      "--year",
      "2022",
      "--no-pdf",
      "--final",
      "--out",
      join(root, "f2"),
      "--json",
    );
    expect(JSON.parse(io.out).edition).toBe(2);
    expect(codeVersion(f)).toBe("F2");
    const inFolder = folderHashes(f);
    expect(Object.fromEntries(recorded.map((r) => [r.name, r.sha256]))).toEqual(inFolder);
    expect(manifestProblems(f)).toEqual([]);
    expect(leftoversBeside(root, "f")).toEqual([]);
    expect(leftoversBeside(root, "f2")).toEqual([]);
    // Two child processes, a score and two assessments: 20 s on a quiet machine, over 60 s when the two cores are shared.
  }, 240_000);
});
