import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import type {DemoManifest} from "../../pipeline/demo/manifest.ts";
import {captureIo} from "../helpers/captureIo.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/** The loader's rule for each kind of planted bad row (`load_rejects.rule`). */
const LOADER_RULE: Record<string, string[]> = {
  bad_date: ["type"],
  end_before_start: ["order"],
  above_bound: ["order"],
  unknown_area: ["unknown_area"],
  unknown_reference: ["unknown_unit", "unknown_task", "unknown_metric"],
  out_of_range: ["range"],
  not_allowed: ["allowed"],
  missing_required: ["required"],
  duplicate_key_in_file: ["duplicate_key"],
  duplicate_key_from_earlier_file: ["duplicate_loaded"],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-demo-cli-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function run(argv: string[], env: Record<string, string> = {}) {
  const io = captureIo({env, cwd: dir});
  const code = await main(["demo", ...argv], io);
  return {code, out: io.out, err: io.err};
}

describe("bizenv demo --out", () => {
  it("writes the files and prints {out, files, seed, scale, as_of} with --json", async () => {
    const {code, out, err} = await run(["--out", "d1", "--scale", "0.02", "--as-of", "2021-03-31", "--json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(["out", "files", "seed", "scale", "as_of"]);
    expect(json).toMatchObject({out: join(dir, "d1"), seed: 2022, scale: 0.02, as_of: "2021-03-31"});
    const manifest = JSON.parse(readFileSync(join(dir, "d1", "manifest.json"), "utf8")) as DemoManifest;
    expect(json.files).toEqual(
      manifest.files.map((f) => ({file: f.file, feed: f.feed, rows: f.rows, bad_rows: f.bad_rows})),
    );
    for (const f of json.files) expect(existsSync(join(dir, "d1", f.file))).toBe(true);
  });

  it("prints a summary that says SYNTHETIC", async () => {
    const {code, out} = await run(["--out", "d2", "--scale", "0.02", "--as-of", "2021-02-28", "--seed", "5"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^SYNTHETIC demo feeds written to .*d2 \(seed 5, scale 0\.02, 2021-01 to 2021-02-28\)/);
    expect(out).toContain("described in README.txt and manifest.json");
  });

  it("refuses a folder holding other files, and replaces an earlier demo's files", async () => {
    mkdirSync(join(dir, "busy"));
    writeFileSync(join(dir, "busy", "notes.txt"), "mine");
    const busy = await run(["--out", "busy", "--scale", "0.02", "--as-of", "2021-02-28"]);
    expect(busy.code).toBe(2);
    expect(busy.err).toMatch(/other files in it/);
    expect(readdirSync(join(dir, "busy"))).toEqual(["notes.txt"]);

    expect((await run(["--out", "again", "--scale", "0.02", "--as-of", "2021-03-31"])).code).toBe(0);
    expect(existsSync(join(dir, "again", "startup_cases", "startup_cases_2021-03.csv"))).toBe(true);
    expect((await run(["--out", "again", "--scale", "0.02", "--as-of", "2021-02-28"])).code).toBe(0);
    expect(existsSync(join(dir, "again", "startup_cases", "startup_cases_2021-03.csv"))).toBe(false);
  });

  it.each([
    [["--scale", "0"], /--scale must be a number above 0/],
    [["--scale", "abc"], /--scale must be a number/],
    [["--scale", "101"], /at most 100/],
    [["--seed", "-1"], /--seed must be a whole number/],
    [["--seed", "1.5"], /--seed must be a whole number/],
    [["--as-of", "2022-02-30"], /--as-of must be a date/],
    [["--as-of", "2020-12-31"], /2021-01-01 or later/],
  ])("refuses %j with exit 2", async (args, message) => {
    const {code, err} = await run(["--out", "bad", ...args]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(existsSync(join(dir, "bad"))).toBe(false);
  });
});

describe("bizenv demo (load)", () => {
  let wh: TempWarehouse;
  beforeAll(() => {
    wh = tempWarehouse();
  });
  afterAll(() => wh.remove());

  it("loads every file into the warehouse, rejecting exactly the planted bad rows, then removes its folder", async () => {
    const ours = () => readdirSync(tmpdir()).filter((n) => n.startsWith("bizenv-demo-load-"));
    const before = ours();
    const {code, out, err} = await run(["--scale", "0.02", "--as-of", "2021-03-31", "--json"], wh.env);
    expect(err).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.out).toBeNull();
    expect(json.warehouse).toBe(wh.env.BIZENV_DB);
    expect(json.files.length).toBeGreaterThan(30); // 11 monthly feeds × 3 months
    for (const f of json.files) {
      expect(f.status, f.file).toBe("loaded");
      expect(f.rows_loaded + f.rows_rejected, f.file).toBe(f.rows);
      expect(f.rows_rejected, f.file).toBe(f.bad_rows);
    }
    expect(ours().filter((n) => !before.includes(n))).toEqual([]);
    const [{n, synthetic}] = (await wh.query<{n: number; synthetic: number}>(
      "select count(*)::integer as n, count(*) filter (where _is_synthetic)::integer as synthetic from feed_startup_cases",
    )) as [{n: number; synthetic: number}];
    expect(synthetic).toBe(n);
  });

  it("gives the loader's reasons for the planted rows, rule by rule", async () => {
    // Same settings again, written to a folder: the manifest says which rules were planted where.
    await run(["--out", "d3", "--scale", "0.02", "--as-of", "2021-03-31"]);
    const manifest = JSON.parse(readFileSync(join(dir, "d3", "manifest.json"), "utf8")) as DemoManifest;
    const planted = new Map<string, number>();
    for (const f of manifest.files) {
      for (const [rule, count] of Object.entries(f.bad_rows_by_rule)) {
        for (const loaderRule of LOADER_RULE[rule]!.slice(0, 1))
          planted.set(loaderRule, (planted.get(loaderRule) ?? 0) + count);
      }
    }
    const rejected = await wh.query<{rule: string; n: number}>(
      `select case when r in ('unknown_unit', 'unknown_task', 'unknown_metric') then 'unknown_unit' else r end as rule,
              count(*)::integer as n
       from (select load_id, line, min("rule") as r from load_rejects group by all) group by 1`,
    );
    const byRule = Object.fromEntries(rejected.map((r) => [r.rule, r.n]));
    expect(byRule).toEqual(Object.fromEntries(planted));
  });
});
