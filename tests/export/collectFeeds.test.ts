import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {Warehouse} from "../../pipeline/db.ts";
import {collectFeeds, type FeedExports} from "../../pipeline/export/collectFeeds.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * rejects.csv never carries a personal value. The loader keeps a `malformed` line whole (`load_rejects.value` is the
 * raw line, case number included) and names the column where it broke, which is not the personal one: here
 * `completed_at` (too few fields) and `column 10` (too many). For a feed with a personal column (`startup_cases`,
 * `case_id`) the example and its message are withheld; for a feed without one (`procurement_intentions`) the
 * example stays, so analysts still see what broke. Checked by removing the `malformed` branch of collectFeeds.ts:
 * the case numbers then appear in `example_value` and the first test fails.
 */

const SECRETS = ["SU-SECRET-0002", "SU-SECRET-0003"];
let tw: TempWarehouse;
let rejects: FeedExports["rejects"];

beforeAll(async () => {
  tw = tempWarehouse();
  const startup = join(tw.dir, "startup.csv");
  writeFileSync(
    startup,
    [
      "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan,synthetic",
      "SU-SECRET-0001,城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,0,true",
      `${SECRETS[0]},城东区,2022-03-01 09:30`,
      `${SECRETS[1]},城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,0,true,extra`,
    ].join("\n") + "\n",
  );
  const procurement = join(tw.dir, "procurement.csv");
  writeFileSync(
    procurement,
    [
      "project_id,area,purchaser,intention_published_on,procurement_started_on,budget_10k_yuan,synthetic",
      "XNCG-2022-0001,西宁市,市教育局,2022-03-01,2022-04-15,120,true",
      "XNCG-2022-0002,城北区,城北区卫健局,2022-03-20,2022-04-05,45,true,extra",
    ].join("\n") + "\n",
  );
  const results = await tw.load([startup, procurement]);
  expect(results.map((r) => [r.feed, r.rows_rejected])).toEqual([
    ["startup_cases", 2],
    ["procurement_intentions", 1],
  ]);
  const warehouse = await Warehouse.open(tw.env.BIZENV_DB!, {readOnly: true});
  try {
    // The warehouse keeps the raw lines, case numbers included (docs/reliability.md §6): the export must not.
    const kept = await warehouse.all<{value: string}>("select value from load_rejects where rule = 'malformed'");
    for (const s of SECRETS)
      expect(
        kept.some((k) => k.value.includes(s)),
        s,
      ).toBe(true);
    rejects = (await collectFeeds(warehouse, loadContracts(loadCatalog()), "2023-06-30")).rejects;
  } finally {
    warehouse.close();
  }
});

afterAll(() => tw.remove());

describe("rejects.csv and malformed lines", () => {
  it("withholds the example line and its message of a malformed row in a feed with a personal column", () => {
    const startup = rejects.filter((r) => r.feed === "startup_cases");
    expect(startup.map((r) => [r.rule, r.column_name, r.rows])).toEqual([
      ["malformed", "column 10", 1],
      ["malformed", "completed_at", 1],
    ]);
    for (const r of startup) {
      expect(r.example_value).toBeNull();
      expect(r.example_message).toBe(
        `malformed line (at ${r.column_name}): withheld, the line holds personal values (case_id)`,
      );
      expect(r.example_line).toBeTypeOf("number"); // where to look stays
    }
    const text = JSON.stringify(rejects);
    for (const s of SECRETS) expect(text).not.toContain(s);
  });

  it("keeps the example of a malformed row in a feed without personal columns", () => {
    expect(rejects.filter((r) => r.feed === "procurement_intentions")).toEqual([
      expect.objectContaining({
        rule: "malformed",
        column_name: "column 9",
        example_line: 3,
        example_value: "XNCG-2022-0002,城北区,城北区卫健局,2022-03-20,2022-04-05,45,true,extra",
      }),
    ]);
  });
});
