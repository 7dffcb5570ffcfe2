import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import type {Warehouse} from "../../pipeline/db.ts";
import {checkSql, cutIdCheck, wholeFileChecks, type StagedColumns} from "../../pipeline/ingest/checkSql.ts";
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
