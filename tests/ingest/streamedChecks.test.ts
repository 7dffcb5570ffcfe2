import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import type {Warehouse} from "../../pipeline/db.ts";
import {
  checkSql,
  cutIdCheck,
  wholeFileChecks,
  type Registries,
  type StagedColumns,
} from "../../pipeline/ingest/checkSql.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {recognizeFeed} from "../../pipeline/ingest/matchHeaders.ts";
import {readRegistries} from "../../pipeline/ingest/registries.ts";
import {stageFile} from "../../pipeline/ingest/stageFile.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * A plain CSV is checked as DuckDB reads it, each row numbered by its position in `checked` (loadFile.ts checkRows).
 * That numbering holds only where the checks are a projection of the reader written in its order: no join (a
 * registry lookup or a long IN list made one), no subquery over the whole file. The loader asks DuckDB's plan before
 * it trusts the position and stages the file in a table otherwise, so a contract whose checks lose the order still
 * loads right, only slower; these tests keep every contract of the catalog on the fast path.
 */

const catalog = loadCatalog();
const contracts = loadContracts(catalog);
let tw: TempWarehouse;
let warehouse: Warehouse;
beforeAll(async () => {
  tw = tempWarehouse();
  ({warehouse} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog}));
  // The plan of a parallel write: with one thread DuckDB keeps the order without saying so.
  await warehouse.run("set threads = 2");
});
afterAll(() => {
  warehouse.close();
  tw.remove();
});

describe("the checks of a streamed file", () => {
  it.each(contracts.map((c) => [c.feed, c] as const))(
    "%s: a plain file's checks are written in the reader's order",
    async (feed, contract) => {
      const headers = contract.columns.map((c) => c.name);
      const path = join(tw.dir, `${feed}.csv`);
      writeFileSync(path, `${headers.join(",")}\n${headers.map(() => "1").join(",")}\n`);
      const staged = await stageFile(warehouse, {path, shown: path, sniffed: {format: "csv"}}, tw.dir, contracts, feed);
      try {
        expect(staged.streamed).toBeDefined();
        const match = recognizeFeed(staged.headers, contracts, feed);
        if ("refuse" in match) throw new Error(match.refuse);
        const columns: StagedColumns = {
          byColumn: new Map([...match.byColumn].map(([column, index]) => [column, `c${index}`])),
          timeOf: new Map([...match.timeOf].map(([column, index]) => [column, `c${index}`])),
          synthetic: undefined,
          width: staged.headers.length,
          streamed: true,
        };
        const kept = Object.fromEntries(cutIdCheck(contract, columns).map((c) => [c.column, true]));
        expect(wholeFileChecks(contract, columns, kept)).toBe(false);
        const sql = checkSql(contract, columns, "2023-07-01 00:00:00", await readRegistries(warehouse), kept);
        const plan = (await warehouse.all<{explain_value: string}>(`explain ${sql.checked}`))
          .map((r) => r.explain_value)
          .join("");
        expect(plan).toContain("BATCH_CREATE_TABLE_AS");
        expect(plan).not.toContain("JOIN");
      } finally {
        await warehouse.run("drop view if exists raw; drop table if exists raw0; drop table if exists reader_rejects");
      }
    },
  );

  it("say when a check must read the whole file first (an identifier column aliasing long numbers)", () => {
    const startup = contracts.find((c) => c.feed === "startup_cases")!;
    const columns: StagedColumns = {byColumn: new Map([["case_id", "c0"]]), synthetic: undefined, width: 1};
    expect(wholeFileChecks(startup, columns, {case_id: true})).toBe(false);
    expect(wholeFileChecks(startup, columns, {})).toBe(true);
    // Aliases between words leave the answers to `checked`; an alias from or to a long number keeps the subquery.
    const aliased = (value_aliases: Record<string, string>) => ({
      ...startup,
      columns: startup.columns.map((c) => (c.name === "case_id" ? {...c, value_aliases} : c)),
    });
    expect(cutIdCheck(aliased({无: "none"}), columns).map((c) => c.column)).toEqual(["case_id"]);
    expect(cutIdCheck(aliased({"1234567890123456": "x"}), columns)).toEqual([]);
    expect(cutIdCheck(aliased({x: "12345678901234567"}), columns)).toEqual([]);
    expect(wholeFileChecks(aliased({x: "12345678901234567"}), columns, {})).toBe(true);
    // A column the file does not have is never read: no answer needed.
    expect(wholeFileChecks(startup, {byColumn: new Map(), synthetic: undefined, width: 0}, {})).toBe(false);
  });
});

describe("registry references in the checks", () => {
  // Registries of any size resolve by name in one projection (an ENUM cast, not a list scanned per row: a
  // `list_position` over 2,000 names took 2.7 s per million rows). The first entry of a name wins, as in the
  // warehouse's alias tables, whose names are keys.
  const unit: Array<[string, string]> = Array.from({length: 3000}, (_, i) => [`单位${i}`, `u${i}`]);
  unit.push(["O'Brien 局", "u_quote"], ["带 空格", "u_space"], ["单位5", "not_first"]);
  const registries: Registries = {
    area: [],
    unit,
    metric: ["m1", "m2", "m1"],
    task: [1, 2, 3],
    ambiguous: {area: [], unit: [["两可", "u1|u2"]]},
  };
  const expectUnit = (value: string | null) => {
    const found = unit.find(([name]) => name === value?.trim());
    return found ? found[1] : null;
  };

  it.each([
    ["task_progress", {unit: "unit", task_number: "task"}],
    ["peer_benchmarks", {metric: "metric"}],
  ] as const)("%s: every cell finds its entry, or none", async (feed, refs) => {
    const contract = contracts.find((c) => c.feed === feed)!;
    const values: Record<string, Array<string | null>> = {
      unit: ["单位0", "单位2999", "O'Brien 局", " 带 空格 ", "单位5", "单位3000", "单位 0", "两可", "", null],
      task: ["1", "3", "4", "x", "1", "2", "0", "3", "", null],
      metric: ["m1", "m2", "m3", "M1", "m1", "m2", " m1", "m2", "", null],
    };
    const cols = contract.columns.map((c, i) => ({c, cell: `c${i}`}));
    const rows = Array.from({length: 10}, (_, r) =>
      cols.map(({c}) => {
        const ref = (refs as Record<string, string>)[c.name];
        const cell = ref ? (values[ref]![r] ?? null) : "1";
        return cell === null ? "null" : `'${cell.replaceAll("'", "''")}'`;
      }),
    );
    await warehouse.run(
      `create or replace temp table raw as select * from (values ${rows
        .map((r, i) => `(${i + 2}, ${r.join(", ")})`)
        .join(", ")}) v(_line, ${cols.map(({cell}) => cell).join(", ")})`,
    );
    const columns: StagedColumns = {
      byColumn: new Map(cols.map(({c, cell}) => [c.name, cell])),
      synthetic: undefined,
      width: cols.length,
    };
    const sql = checkSql(contract, columns, "2023-07-01 00:00:00", registries);
    await warehouse.run(sql.checked);
    await warehouse.run(sql.errors);
    const got = await warehouse.all<Record<string, unknown>>(`select * from checked order by _line`);
    const errors = await warehouse.all<{_line: number; rule: string; message: string}>(
      `select _line, rule, message from row_errors where rule like 'unknown_%' or rule like 'ambiguous_%' order by all`,
    );
    await warehouse.run("drop table checked; drop table row_errors; drop table raw");
    const expected: Record<string, (value: string | null) => string | number | null> = {
      unit: expectUnit,
      task: (value) => (value !== null && /^[123]$/.test(value) ? Number(value) : null),
      metric: (value) => (["m1", "m2"].includes(value?.trim() ?? "") ? value!.trim() : null),
    };
    const wanted: Array<{_line: number; rule: string; message: string}> = [];
    for (const [column, ref] of Object.entries(refs)) {
      const want = values[ref]!.map((value) => expected[ref]!(value));
      expect(got.map((row) => row[column])).toEqual(want);
      values[ref]!.forEach((value, i) => {
        if (want[i] !== null || value === null || value.trim() === "") return;
        const ambiguous = ref === "unit" && value === "两可";
        wanted.push({
          _line: i + 2,
          rule: `${ambiguous ? "ambiguous" : "unknown"}_${ref}`,
          message: expect.stringContaining(ambiguous ? `"两可": it names u1|u2` : `unknown ${ref} "${value.trim()}"`),
        });
      });
    }
    expect(errors).toEqual(wanted.sort((x, y) => x._line - y._line || x.rule.localeCompare(y.rule)));
  });
});
