import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import Papa from "papaparse";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import type {Contract, ContractColumn} from "../../pipeline/ingest/contractSchema.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "feeds");
const contracts = loadContracts(loadCatalog());

let wh: TempWarehouse;
beforeAll(() => {
  wh = tempWarehouse();
});
afterAll(() => wh.remove());

/** One broken copy of a fixture row per rule the contract declares, with the (column, rule) it must be rejected for. */
function mutations(
  contract: Contract,
  rows: Array<Record<string, string>>,
): Array<{row: Record<string, string>; column: string; rule: string}> {
  const out: Array<{row: Record<string, string>; column: string; rule: string}> = [];
  const base = (needs: string[]) => rows.find((r) => needs.every((n) => (r[n] ?? "") !== "")) ?? rows[0]!;
  const add = (c: ContractColumn, value: string, rule: string, needs: string[] = []) =>
    out.push({row: {...base(needs), [c.name]: value}, column: c.name, rule});
  for (const c of contract.columns) {
    if (c.required) add(c, "", "required");
    if (c.references) add(c, "NOWHERE-999", `unknown_${c.references}`);
    else if (c.type !== "varchar") add(c, "not-a-value", "type");
    if (c.allowed) add(c, typeof c.allowed[0] === "number" ? "9" : "zzz_not_allowed", "allowed");
    if (c.min !== undefined) add(c, String(c.min - 1), "range");
    if (c.max !== undefined) add(c, String(c.max + 1), "range");
    if (c.at_least)
      add(c, c.type === "date" ? "2000-01-01" : c.type === "timestamp" ? "2000-01-01 00:00" : "-1", "order", [
        c.at_least,
      ]);
    if (c.at_most) add(c, "999999999", "order", [c.at_most]);
    if (c.type === "date" || c.type === "timestamp" || c.type === "month")
      add(c, c.type === "month" ? "2099-01" : "2099-01-01", "future");
  }
  return out;
}

describe.each(contracts.map((c) => [c.feed, c] as const))("feed %s", (feed, contract) => {
  const fixture = join(FIXTURES, `${feed}.csv`);

  it("loads its fixture with every row valid and marked synthetic", async () => {
    const [result] = await wh.load([fixture]);
    const rows = Papa.parse(readFileSync(fixture, "utf8").trim(), {header: true}).data.length;
    expect(result).toMatchObject({feed, status: "loaded", rows_read: rows, rows_loaded: rows, rows_rejected: 0});
    const [{n}] = (await wh.query<{n: number}>(`select count(*) as n from feed_${feed} where _is_synthetic`)) as [
      {n: number},
    ];
    expect(n).toBe(rows);
  });

  it("rejects one row per rule its contract declares, naming the column and the rule", async () => {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(fixture, "utf8").trim(), {header: true});
    const cases = mutations(contract, parsed.data);
    expect(cases.length).toBeGreaterThan(2);
    const file = join(wh.dir, `${feed}-broken.csv`);
    writeFileSync(
      file,
      Papa.unparse(
        cases.map((c) => c.row),
        {columns: parsed.meta.fields},
      ) + "\n",
    );
    const before = await wh.snapshot();
    const [result] = await wh.load([file]);
    expect(result).toMatchObject({
      status: "loaded",
      rows_read: cases.length,
      rows_loaded: 0,
      rows_rejected: cases.length,
    });
    const rejects = await wh.query<{line: number; column_name: string; rule: string; message: string}>(
      "select r.line, r.column_name, r.rule, r.message from load_rejects r join load_log l using (load_id) where l.file_name = $1",
      [`${feed}-broken.csv`],
    );
    cases.forEach((c, i) => {
      const mine = rejects.filter((r) => r.line === i + 2);
      expect(
        mine.map((r) => `${r.column_name}:${r.rule}`),
        `line ${i + 2} (${c.column} ${c.rule})`,
      ).toContain(`${c.column}:${c.rule}`);
      expect(mine.every((r) => r.message.length > 10)).toBe(true);
    });
    const after = await wh.snapshot();
    expect(after[`feed_${feed}`]).toBe(before[`feed_${feed}`]);
  });
});
