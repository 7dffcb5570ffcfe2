import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * Corrected files: re-sent under the same name, or renamed 修订版 / v2 / (1) …, they replace the earlier load
 * with --replace and are refused without it (their keys are loaded already); next month's file under the same
 * name is new data and loads.
 */

const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const row = (id: string, area = "城东区", day = "01") =>
  `${id},${area},2022-03-${day} 09:30,2022-03-${day} 15:00,online,2,0`;

let wh: TempWarehouse;
let first: number;
beforeAll(async () => {
  wh = tempWarehouse();
  const [result] = await load("开办企业_2022-03.csv", [row("K-1"), row("K-2", "火星区"), row("K-3")]);
  expect(result).toMatchObject({status: "loaded", rows_loaded: 2, rows_rejected: 1});
  first = result!.load_id!;
});
afterAll(() => wh.remove());

async function load(name: string, rows: string[], replace = false) {
  const path = join(wh.dir, name);
  writeFileSync(path, [HEADER, ...rows].join("\n") + "\n");
  return await wh.load([path], replace ? {replace: true} : {});
}

const current = async () =>
  (
    await wh.query<{case_id: string; area: string}>(
      "select case_id, area from current_startup_cases where case_id like 'K-%' order by case_id",
    )
  ).map((r) => `${r.case_id} ${r.area}`);

describe("a corrected file", () => {
  it("re-sent under the same name without --replace is refused whole, saying to use --replace", async () => {
    const before = await wh.snapshot();
    const [result] = await load("开办企业_2022-03.csv", [row("K-1"), row("K-2", "城西区"), row("K-3")]);
    expect(result).toMatchObject({status: "refused", feed: "startup_cases", rows_loaded: 0});
    expect(result!.message).toBe(
      `开办企业_2022-03.csv: this file name was loaded before with other content (load ${first}), and 2 of its rows have keys that load holds; nothing was loaded. To load it in place of load ${first}, run bizenv load again with --replace`,
    );
    const after = await wh.snapshot();
    expect(after).toEqual({...before, load_log: before.load_log! + 1});
  });

  it("renamed 修订版 without --replace is refused too, naming the file it corrects", async () => {
    const [result] = await load("开办企业_2022-03（修订版）.csv", [row("K-1"), row("K-2", "城西区"), row("K-3")]);
    expect(result).toMatchObject({status: "refused"});
    expect(result!.message).toMatch(
      new RegExp(
        `a corrected version of 开办企业_2022-03\\.csv \\(load ${first}\\).*run bizenv load again with --replace`,
      ),
    );
    expect(await current()).toEqual(["K-1 chengdong", "K-3 chengdong"]);
  });

  it("renamed with --replace supersedes the earlier load and names it", async () => {
    const [result] = await load("开办企业_2022-03（修订版）.csv", [row("K-1"), row("K-2", "城西区"), row("K-3")], true);
    expect(result).toMatchObject({
      status: "loaded",
      rows_loaded: 3,
      replaces: {load_id: first, file: "开办企业_2022-03.csv"},
    });
    expect(result!.message).toBe(`all rows valid; supersedes load ${first} (开办企业_2022-03.csv)`);
    expect(await current()).toEqual(["K-1 chengdong", "K-2 chengxi", "K-3 chengdong"]);
    const log = await wh.query<{status: string; replaces_load_id: number | null}>(
      "select status, replaces_load_id from load_log where load_id in ($1, $2) order by load_id",
      [first, result!.load_id],
    );
    expect(log).toEqual([
      {status: "superseded", replaces_load_id: null},
      {status: "loaded", replaces_load_id: first},
    ]);
  });

  it("a second correction (1) replaces the first correction, the version in force", async () => {
    const [result] = await load("开办企业_2022-03 (1).csv", [row("K-1", "城北区"), row("K-2", "城西区")], true);
    expect(result!.replaces?.file).toBe("开办企业_2022-03（修订版）.csv");
    expect(await current()).toEqual(["K-1 chengbei", "K-2 chengxi"]);
  });
});

describe("not a correction", () => {
  it("next month's file under a name used before shares no key with it and loads as new data", async () => {
    const [may] = await load("monthly.csv", [row("K-M1")]);
    const [june] = await load("monthly.csv", [row("K-M2", "城东区", "02")]);
    expect(may).toMatchObject({status: "loaded", rows_loaded: 1});
    expect(june).toMatchObject({status: "loaded", rows_loaded: 1});
    expect(june!.replaces).toBeUndefined();
  });

  it("a file of another name reporting a loaded case again loads it as a later report (start-up cases have a report order)", async () => {
    // K-1 is in force as 城北区 (the second correction): 城东区 here is a later report of the case, and it wins;
    // the very same report sent again would be a duplicate (tests/ingest/latestReport.test.ts).
    const [result] = await load("开办企业_2022-04.csv", [row("K-1"), row("K-9")]);
    expect(result).toMatchObject({status: "loaded", rows_loaded: 2, rows_rejected: 0});
    expect(await current()).toEqual([
      "K-1 chengdong",
      "K-2 chengxi",
      "K-9 chengdong",
      "K-M1 chengdong",
      "K-M2 chengdong",
    ]);
  });

  it("--replace with no earlier version says there was nothing to replace", async () => {
    const [result] = await load("brand_new.csv", [row("K-N1")], true);
    expect(result!.message).toBe(
      "all rows valid; nothing to replace (no earlier load of this file name or a corrected version of it)",
    );
  });
});
