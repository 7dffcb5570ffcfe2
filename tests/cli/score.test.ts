import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import Papa from "papaparse";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {main} from "../../pipeline/cli/main.ts";
import {EXPORT_COLUMNS} from "../../pipeline/export/exportColumns.ts";
import {runScore} from "../../pipeline/score/runScore.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {projectRoot} from "../../pipeline/version.ts";
import {captureIo} from "../helpers/captureIo.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

const FIXTURES = join(projectRoot, "tests", "fixtures", "feeds");
const contracts = loadContracts(loadCatalog());
let tw: TempWarehouse;
let exportsDir: string;
let summary: {
  run_id: number;
  models: {built: number; skipped: number; tests: number; run: string[]};
  rows: Record<string, number>;
  seconds: number;
};

async function score(...args: string[]) {
  const io = captureIo({env: {...tw.env, BIZENV_EXPORTS: exportsDir}, cwd: tw.dir});
  const code = await main(["score", "--as-of", "2023-06-30", ...args], io);
  return {code, io};
}

beforeAll(async () => {
  tw = tempWarehouse();
  exportsDir = join(tw.dir, "exports");
  // A formula an office typed into an area cell: the row is rejected, and its value reaches rejects.csv.
  const formula = join(tw.dir, "procurement_formula.csv");
  writeFileSync(
    formula,
    "project_id,area,purchaser,intention_published_on,procurement_started_on,budget_10k_yuan,synthetic\n" +
      'XNCG-9-1,"=HYPERLINK(""http://x"",""y"")",x,2022-03-01,2022-04-15,1,true\n',
  );
  await tw.load([...readdirSync(FIXTURES).map((f) => join(FIXTURES, f)), formula]);
  const {code, io} = await score("--json");
  expect(code, io.err + io.out).toBe(0);
  summary = JSON.parse(io.out);
}, 120_000);
afterAll(() => tw.remove());

describe("bizenv score", () => {
  it("builds the models, runs their tests and prints a summary", () => {
    expect(summary.models.built).toBeGreaterThan(20);
    expect(summary.models.tests).toBeGreaterThan(30);
    expect(summary.rows["attainment.csv"]).toBeGreaterThan(0);
    expect(summary.seconds).toBeGreaterThan(0);
  });

  it("exports every file of docs/exports.md with its header, and a manifest that lists them", () => {
    for (const [name, spec] of Object.entries(EXPORT_COLUMNS)) {
      const text = readFileSync(join(exportsDir, `${name}.csv`), "utf8");
      expect(text.split("\n")[0], name).toBe(spec.columns.join(","));
      expect(existsSync(join(exportsDir, "explore", `${name}.arrow`)), name).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(exportsDir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest)).toEqual([
      "generated_at",
      "as_of",
      "catalog_version",
      "catalog_sha256",
      "calendar",
      "synthetic",
      "files",
      "loads",
    ]);
    expect(manifest).toMatchObject({as_of: "2023-06-30", catalog_version: "1.0.0", synthetic: true});
    expect(manifest.calendar).toMatch(/^chinese-days \d+\.\d+\.\d+ \(official years \d{4}–\d{4}\); office hours/);
    for (const f of manifest.files) {
      const bytes = readFileSync(join(exportsDir, f.name));
      expect(createHash("sha256").update(bytes).digest("hex"), f.name).toBe(f.sha256);
    }
    expect(manifest.loads.length).toBe(readdirSync(FIXTURES).length + 1); // one fixture per feed, and the formula file
    const indicators = JSON.parse(readFileSync(join(exportsDir, "indicators.json"), "utf8"));
    expect(indicators).toHaveLength(18);
  });

  it("never exports a personal column's values (case numbers, loan and response ids)", () => {
    const secrets = new Set<string>();
    for (const contract of contracts) {
      const personal = contract.columns.filter((c) => c.personal).map((c) => c.name);
      if (personal.length === 0) continue;
      const file = join(FIXTURES, `${contract.feed}.csv`);
      if (!existsSync(file)) continue;
      for (const row of Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), {
        header: true,
        skipEmptyLines: true,
      }).data) {
        for (const c of personal) if (row[c] && row[c]!.length >= 5) secrets.add(row[c]!);
      }
    }
    expect(secrets.size).toBeGreaterThan(10);
    const files = [
      ...readdirSync(exportsDir).map((f) => join(exportsDir, f)),
      ...readdirSync(join(exportsDir, "explore")).map((f) => join(exportsDir, "explore", f)),
    ];
    for (const file of files.filter((f) => !f.endsWith("explore"))) {
      const text = readFileSync(file).toString("latin1") + readFileSync(file, "utf8");
      for (const s of secrets) expect(text.includes(s), `${s} in ${file}`).toBe(false);
    }
    for (const [name, spec] of Object.entries(EXPORT_COLUMNS)) {
      for (const c of contracts.flatMap((x) => x.columns.filter((col) => col.personal).map((col) => col.name))) {
        expect(spec.columns as readonly string[], name).not.toContain(c);
      }
    }
  });

  it("neutralises spreadsheet formulas in text cells and keeps numbers numeric", () => {
    const rejects = readFileSync(join(exportsDir, "rejects.csv"), "utf8");
    expect(rejects).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    const attainment = Papa.parse<string[]>(readFileSync(join(exportsDir, "attainment.csv"), "utf8"), {
      skipEmptyLines: true,
    }).data;
    const gapColumn = attainment[0]!.indexOf("gap");
    const gaps = attainment
      .slice(1)
      .map((r) => r[gapColumn]!)
      .filter((g) => g !== "");
    expect(gaps.some((g) => g.startsWith("-"))).toBe(true);
    expect(gaps.every((g) => Number.isFinite(Number(g)))).toBe(true);
  });

  it("records each run, and skips the models whose inputs did not change", async () => {
    const {code, io} = await score("--json");
    expect(code, io.err).toBe(0);
    const again = JSON.parse(io.out);
    expect(again.models).toMatchObject({built: 0, skipped: summary.models.built, tests: 0});
    const runs = await tw.query<{status: string; models_built: number}>(
      "select status, models_built from score_runs order by run_id",
    );
    expect(runs).toEqual([
      {status: "ok", models_built: summary.models.built},
      {status: "ok", models_built: 0},
    ]);
    const human = await score();
    expect(human.code).toBe(0);
    expect(human.io.out).toMatch(
      /scored as of 2023-06-30 SYNTHETIC: 0 models built, 0 refreshed for new loads, \d+ unchanged/,
    );
  });

  it("runs through its core, runScore, whose clock is injected: generated_at is the pinned time", async () => {
    const run = await runScore(
      {asOf: "2023-06-30"},
      {
        io: {env: {...tw.env, BIZENV_EXPORTS: exportsDir}, cwd: tw.dir},
        now: () => new Date("2023-07-01T02:00:00.456Z"),
      },
    );
    expect(run).toMatchObject({as_of: "2023-06-30", dir: exportsDir, models: {built: 0}});
    expect(run.manifest.generated_at).toBe("2023-07-01T02:00:00Z");
    const written = JSON.parse(readFileSync(join(exportsDir, "manifest.json"), "utf8"));
    expect(written.generated_at).toBe("2023-07-01T02:00:00Z");
  });

  it("a failing data test exits 7 naming the model, the test and rows, and keeps the previous exports", async () => {
    const before = readFileSync(join(exportsDir, "manifest.json"), "utf8");
    // A case from 2018: outside the calendar table, so its duration cannot be counted (and must not vanish silently).
    const old = join(tw.dir, "startup_2018.csv");
    writeFileSync(
      old,
      "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan,synthetic\nSU-2018,城西区,2018-12-27 09:00,2018-12-28 11:00,online,2,0,true\n",
    );
    await tw.load([old]);
    const {code, io} = await score("--json");
    expect(code).toBe(7);
    const error = JSON.parse(io.out).error;
    expect(error.code).toBe("data_test_failed");
    expect(error.message).toMatch(/stg_startup_cases › closed_cases_have_a_duration: 1 offending row/);
    expect(readFileSync(join(exportsDir, "manifest.json"), "utf8")).toBe(before);
    const [last] = await tw.query<{status: string; message: string}>(
      "select status, message from score_runs order by run_id desc limit 1",
    );
    expect(last!.status).toBe("failed");
  });
});
