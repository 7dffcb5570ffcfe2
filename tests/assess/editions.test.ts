// `bizenv assess --final`, `assess list` and `assess diff` end to end through the CLI, on a throwaway warehouse whose
// load log holds the fixture's files (with their data ranges) and a writable copy of the fixture exports. Checks that
// the workbook's evidence is the warehouse's (file names, sha256, data ranges), that an edition is frozen (numbered,
// never overwritten, refused once altered) and that diff lists exactly what changed.
import {createHash} from "node:crypto";
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {Warehouse} from "../../pipeline/db.ts";
import {captureIo} from "../helpers/captureIo.ts";
import {csvRows, exportsCopy} from "./fixture.ts";

const root = mkdtempSync(join(tmpdir(), "bizenv-assess-editions-"));
const copy = exportsCopy();
const env = {
  BIZENV_DB: join(root, "warehouse.duckdb"),
  BIZENV_EXPORTS: copy.dir,
  SOURCE_DATE_EPOCH: "1688176800",
  BIZENV_CODE_VERSION: "test",
};

async function bizenv(...argv: string[]) {
  const io = captureIo({env, cwd: root});
  const code = await main(argv, io);
  return {code, out: io.out, err: io.err, json: () => JSON.parse(io.out) as Record<string, unknown>};
}

async function sql<T>(text: string, params: (string | number)[] = []): Promise<T[]> {
  const warehouse = await Warehouse.open(env.BIZENV_DB);
  try {
    return await warehouse.all<T>(text, params);
  } finally {
    warehouse.close();
  }
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** The fixture's file names say what they hold: `_2022.csv` a year, `_2023-H1.csv` the first half of 2023. */
function rangeOf(fileName: string): [string, string] | [null, null] {
  const m = /_(\d{4})(-H1)?\.\w+$/.exec(fileName);
  if (!m) return [null, null];
  return [`${m[1]}-01-01`, m[2] ? `${m[1]}-06-30` : `${m[1]}-12-31`];
}

beforeAll(async () => {
  expect((await bizenv("init")).code).toBe(0);
  for (const l of csvRows("load_log.csv")) {
    const [from, to] = rangeOf(l.file_name!);
    await sql(
      `insert into load_log (load_id, feed, file_name, file_path, sha256, bytes, status, is_synthetic, data_from, data_to, started_at, finished_at)
       values ($1, $2, $3, $3, $4, 0, $5, true, $6::date, $7::date, $8::timestamptz, $8::timestamptz)`,
      [Number(l.load_id), l.feed!, l.file_name!, l.sha256!, l.status!, from as string, to as string, l.finished_at!],
    );
  }
});

afterAll(() => {
  rmSync(root, {recursive: true, force: true});
  rmSync(copy.dir, {recursive: true, force: true});
});

describe("assess --final", () => {
  it("freezes edition 1 and writes workbook, HTML, figures and manifest with their sha256", async () => {
    const run = await bizenv("assess", "--year", "2022", "--final", "--no-pdf", "--out", "e1", "--json");
    expect(run.code, run.err).toBe(0);
    const result = run.json() as {edition: number; dir: string; files: Array<{name: string; sha256: string}>};
    expect(result.edition).toBe(1);
    expect(result.files.map((f) => f.name)).toEqual([
      "assessment-2022.xlsx",
      "assessment-2022.html",
      "assessment-2022.json",
      "manifest.json",
    ]);
    for (const f of result.files) expect(sha256(join(root, "e1", f.name)), f.name).toBe(f.sha256);
    const manifest = JSON.parse(readFileSync(join(root, "e1", "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      kind: "bizenv-assessment",
      scope: "2022",
      edition: 1,
      final: true,
      lang: "zh",
      generated_at: "2023-07-01T02:00:00Z",
      code_version: "test",
    });
    expect(manifest.calendar.code).toMatch(/^chinese-days /);
    const exported = JSON.parse(readFileSync(join(copy.dir, "manifest.json"), "utf8"));
    for (const f of manifest.inputs.export_files)
      expect(exported.files.find((x: {name: string}) => x.name === f.name).sha256).toBe(f.sha256);
    expect(manifest.inputs.source_files).toHaveLength(exported.loads.length);
    const stored = await sql<{name: string; sha256: string}>(
      "select name, sha256 from assessment_edition_files where edition = 1 order by name",
    );
    expect(stored).toEqual(
      result.files.map((f) => ({name: f.name, sha256: f.sha256})).sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it("cites as evidence the warehouse's files whose data covers the deadline month, with their sha256", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(root, "e1", "assessment-2022.xlsx"));
    const sheet = workbook.getWorksheet("证据文件")!;
    const cited: Array<{clause: string; file: string; sha: string}> = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        cited.push({
          clause: String(row.getCell(1).value),
          file: String(row.getCell(3).value),
          sha: String(row.getCell(7).value),
        });
    });
    const expected = await sql<{file_name: string; sha256: string}>(
      `select file_name, sha256 from load_log
       where feed = 'property_registration_cases' and status = 'loaded' and data_from <= '2022-12-31' and data_to >= '2022-12-01'
       order by load_id`,
    );
    expect(expected).toHaveLength(1);
    expect(cited.filter((c) => c.clause === "6.1").map((c) => ({file_name: c.file, sha256: c.sha}))).toEqual(expected);
    // the reduction target 9.1 also cites its 2021 baseline year
    expect(cited.filter((c) => c.clause === "9.1").map((c) => c.file)).toEqual([
      "new_taxpayer_cases_2021.csv",
      "new_taxpayer_cases_2022.csv",
    ]);
    for (const c of cited) {
      const [row] = await sql<{sha256: string}>("select sha256 from load_log where file_name = $1", [c.file]);
      expect(c.sha, c.file).toBe(row!.sha256);
    }
  });

  it("never writes into a frozen edition's folder; the next run is edition 2, with nothing changed", async () => {
    const again = await bizenv("assess", "--year", "2022", "--final", "--no-pdf", "--out", "e1");
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/holds frozen assessment edition 1/);
    expect((await sql<{n: number}>("select count(*) as n from assessment_editions"))[0]!.n).toBe(1);
    const second = await bizenv("assess", "--year", "2022", "--final", "--no-pdf", "--out", "e2", "--json");
    expect(second.code, second.err).toBe(0);
    expect(second.json().edition).toBe(2);
    const diff = await bizenv("assess", "diff", "1", "2", "--json");
    expect(diff.code, diff.err).toBe(0);
    expect(diff.json()).toMatchObject({targets: [], indicators: [], tasks: [], units: []});
  });

  it("lists in diff a target whose value changed in the exports, and the ranks it moved", async () => {
    copy.edit("attainment.csv", (text) =>
      text.replace(
        /^6\.2,registering_property,property_registration_time_workdays,xining,month,2022-12,2022-12-01,([^,]*),([^,]*),4\.41,4,<=,[^,]*,missed,/m,
        "6.2,registering_property,property_registration_time_workdays,xining,month,2022-12,2022-12-01,$1,$2,3.9,4,<=,-0.1,met,",
      ),
    );
    // The unit score does not count targets (unit-score.yaml): a unit moves when its own figures do.
    copy.edit("hotline.csv", (text) =>
      text.replace(/^(natural_resources_bureau,2022-\d\d,\d+,\d+),[\d.]+,/gm, "$1,50,"),
    );
    const third = await bizenv("assess", "--year", "2022", "--final", "--no-pdf", "--out", "e3", "--json");
    expect(third.code, third.err).toBe(0);
    const diff = await bizenv("assess", "diff", "1", "3", "--json");
    const changes = diff.json() as {
      targets: Array<Record<string, unknown>>;
      units: Array<{unit_id: string}>;
      tasks: unknown[];
    };
    expect(changes.targets).toEqual([
      expect.objectContaining({
        clause: "6.2",
        from_verdict: "missed",
        to_verdict: "met",
        from_value: 4.41,
        to_value: 3.9,
      }),
    ]);
    expect(changes.tasks).toEqual([]);
    // its 12345 on-time rate fell to 50 % in every month of 2022
    expect(changes.units.map((u) => u.unit_id)).toContain("natural_resources_bureau");
    const text = await bizenv("assess", "diff", "1", "3");
    expect(text.out).toMatch(/target 6\.2 +missed 4\.41 → met 3\.9/);
  });

  it("lists the editions, and writes them with their files to assessments.json for the dashboards", async () => {
    const list = await bizenv("assess", "list", "--json");
    expect((list.json().editions as Array<{edition: number}>).map((e) => e.edition)).toEqual([1, 2, 3]);
    const index = JSON.parse(readFileSync(join(copy.dir, "assessments.json"), "utf8"));
    expect(index.editions.map((e: {edition: number}) => e.edition)).toEqual([3, 2, 1]);
    for (const e of index.editions) {
      expect(e).toMatchObject({scope: "2022", year: 2022, period_kind: "year", synthetic: true});
      for (const f of e.files) expect(sha256(join(e.dir, f.name)), f.path).toBe(f.sha256);
    }
  });

  it("refuses to compare an edition altered in the warehouse, or one that does not exist", async () => {
    await sql("update assessment_editions set figures = replace(figures, '4.41', '3.33') where edition = 1");
    const altered = await bizenv("assess", "diff", "1", "2", "--json");
    expect(altered.code).toBe(5);
    expect(altered.json()).toMatchObject({error: {code: "edition_altered"}});
    const missing = await bizenv("assess", "diff", "2", "9");
    expect(missing.code).toBe(6);
    expect(missing.err).toMatch(/no assessment edition 9/);
  });
});

describe("assess (draft)", () => {
  it("reads the warehouse without writing it, and refuses exports that changed after their manifest", async () => {
    const run = await bizenv("assess", "--quarter", "2023Q2", "--no-pdf", "--lang", "en", "--out", "q2");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/assessment 2023Q2 · draft/);
    expect(existsSync(join(root, "q2", "assessment-2023Q2.xlsx"))).toBe(true);
    const figures = JSON.parse(readFileSync(join(root, "q2", "assessment-2023Q2.json"), "utf8"));
    expect(figures.caveats.map((c: {code: string}) => c.code)).not.toContain("no_warehouse");
    expect((await sql<{n: number}>("select count(*) as n from assessment_editions"))[0]!.n).toBe(3);

    const {dir} = copy;
    const tasks = join(dir, "tasks.csv");
    const text = readFileSync(tasks, "utf8");
    (await import("node:fs")).writeFileSync(tasks, text.replace("done", "overdue"));
    const refused = await bizenv("assess", "--year", "2022", "--no-pdf", "--out", "x");
    expect(refused.code).toBe(6);
    expect(refused.err).toMatch(/tasks\.csv .* changed after its manifest was written/);
    expect(existsSync(join(root, "x"))).toBe(false);
  });

  it("says how to use it when the period is missing or malformed", async () => {
    expect((await bizenv("assess")).code).toBe(2);
    expect((await bizenv("assess", "--quarter", "2023Q7")).err).toMatch(/--quarter expects a quarter such as 2023Q2/);
    expect((await bizenv("assess", "--year", "2022", "--lang", "fr")).code).toBe(2);
  });
});

describe("bizenv score after --final", () => {
  it("keeps the list of editions in the exports it replaces", async () => {
    const before = JSON.parse(readFileSync(join(copy.dir, "assessments.json"), "utf8")) as {editions: unknown[]};
    expect(before.editions.length).toBe(3);
    const scored = await bizenv("score", "--as-of", "2023-06-30", "--json");
    expect(scored.code, scored.err).toBe(0);
    const after = JSON.parse(readFileSync(join(copy.dir, "assessments.json"), "utf8")) as {editions: unknown[]};
    expect(after.editions).toEqual(before.editions);
    const manifest = JSON.parse(readFileSync(join(copy.dir, "manifest.json"), "utf8")) as {
      files: Array<{name: string; sha256: string}>;
    };
    expect(manifest.files.find((f) => f.name === "assessments.json")?.sha256).toBe(
      sha256(join(copy.dir, "assessments.json")),
    );
  });
});
