import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * A case feed with `report_order` (startup_cases: `[completed_at]`): a case sent again in a later month with a new
 * state updates that case. Every report is kept (`reports_startup_cases`), the latest is the case
 * (`current_startup_cases`, what the models read), and which is latest follows the order column, not the load order.
 */
const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const row = (id: string, completed = "", cost = "0") =>
  [id, "城东区", "2022-05-20 09:30", completed, "online", "2", cost].join(",");

let wh: TempWarehouse;
beforeAll(() => {
  wh = tempWarehouse();
});
afterAll(() => wh.remove());

async function load(name: string, rows: string[]) {
  const path = join(wh.dir, name);
  writeFileSync(path, [HEADER, ...rows].join("\n") + "\n");
  const [result] = await wh.load([path]);
  expect(result!.status, result!.message).toBe("loaded");
  return result!;
}

const current = (id: string) =>
  wh.query<{completed_at: string | null; cost_yuan: number}>(
    "select completed_at::varchar as completed_at, cost_yuan from current_startup_cases where case_id = $1",
    [id],
  );
const history = (id: string) =>
  wh.query<{load_id: number; completed_at: string | null; _report_rank: number}>(
    "select _load_id as load_id, completed_at::varchar as completed_at, _report_rank from reports_startup_cases where case_id = $1 order by _report_rank",
    [id],
  );

describe("latest report wins", () => {
  it("a case open in May and completed in June is one case, completed, with a history of two reports", async () => {
    const may = await load("startup_2022-05.csv", [row("K-1"), row("K-2")]);
    expect(may).toMatchObject({rows_loaded: 2, rows_rejected: 0});
    const june = await load("startup_2022-06.csv", [row("K-1", "2022-06-02 16:00"), row("K-3")]);
    expect(june).toMatchObject({rows_loaded: 2, rows_rejected: 0});
    expect(await current("K-1")).toEqual([{completed_at: "2022-06-02 16:00:00", cost_yuan: 0}]);
    expect((await history("K-1")).map((r) => [r.load_id, r.completed_at, r._report_rank])).toEqual([
      [june.load_id, "2022-06-02 16:00:00", 1],
      [may.load_id, null, 2],
    ]);
    const [{n}] = (await wh.query<{n: number}>("select count(*) as n from current_startup_cases")) as [{n: number}];
    expect(n).toBe(3);
  });

  it("a June file re-sent later with the May state does not overwrite the June report", async () => {
    // The May state again, with a corrected fee: a new report, kept in the history, but earlier than the completion.
    const resent = await load("startup_2022-06-resent.csv", [row("K-1", "", "50")]);
    expect(resent).toMatchObject({rows_loaded: 1, rows_rejected: 0});
    expect(await current("K-1")).toEqual([{completed_at: "2022-06-02 16:00:00", cost_yuan: 0}]);
    expect((await history("K-1")).map((r) => r.completed_at)).toEqual(["2022-06-02 16:00:00", null, null]);
  });

  it("the very same report sent again is a duplicate; a key twice in one file still is too", async () => {
    const result = await load("startup_2022-06-again.csv", [row("K-2"), row("K-4"), row("K-4", "2022-06-03 10:00")]);
    expect(result).toMatchObject({rows_loaded: 1, rows_rejected: 2});
    const rejects = await wh.query<{line: number; rule: string; message: string}>(
      "select line, rule, message from load_rejects where load_id = $1 order by line",
      [result.load_id],
    );
    expect(rejects.map((r) => [r.line, r.rule])).toEqual([
      [2, "duplicate_loaded"],
      [4, "duplicate_key"],
    ]);
    expect(rejects[0]!.message).toMatch(
      /^same report \(case_id=K-2\): already loaded from startup_2022-05\.csv line 3/,
    );
  });

  it("a feed without report_order still rejects a key already loaded", async () => {
    const path = join(wh.dir, "hotline.csv");
    const text = (rated: string) =>
      [
        "unit,month,tickets,tickets_due,resolved_on_time,callers_rated,callers_satisfied",
        `市行政审批局,2022-05,10,10,9,${rated},5`,
      ].join("\n");
    writeFileSync(path, text("6"));
    const [first] = await wh.load([path], {feed: "hotline_12345"});
    expect(first!.status, first!.message).toBe("loaded");
    writeFileSync(join(wh.dir, "hotline2.csv"), text("7"));
    const [second] = await wh.load([join(wh.dir, "hotline2.csv")], {feed: "hotline_12345"});
    expect(second).toMatchObject({status: "loaded", rows_loaded: 0, rows_rejected: 1});
  });
});
