import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {ModelTestError} from "../../pipeline/models/ModelTestError.ts";
import {runModels} from "../../pipeline/models/runModels.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

// 跨境贸易's costs through the model chain: a declaration's fees in yuan become DB2020's US dollars at its year's
// average rate (sources/benchmarks/cny-usd-rates.yaml), or the latest earlier year's when its own is not listed.
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const rate = (year: number) => catalog.cnyUsdRates.find((r) => r.year === year)!.cny_per_usd;
const lastListed = catalog.cnyUsdRates.at(-1)!;
// A year after the last one listed: it must borrow that year's rate.
const unlisted = lastListed.year + 1;

const HEADER =
  "declaration_id,area,direction,declared_at,is_early_declaration,is_two_step,documentary_hours,border_hours,documentary_cost_yuan,border_cost_yuan,synthetic";
const DECLARATIONS = [
  HEADER,
  // 2021: 520 and 1 600 yuan at 6.4515.
  "C1,城东区,进口,2021-05-10 10:00,true,true,9.5,30,520,1600,true",
  // Sent without its fees: in the times, not in the costs.
  "C2,城东区,出口,2022-03-02 14:40,false,false,7,20,,,true",
  // Border fee only (the documents were the declarant's own).
  "C3,城西区,出口,2022-06-01 09:00,false,false,6,18,,1500,true",
  // A year with no rate yet: the last listed year's.
  `C4,城西区,出口,${unlisted}-03-02 09:00,true,false,5,12,400,1400,true`,
].join("\n");

let tw: TempWarehouse;
const asOf = `${unlisted}-06-30`;
const now = () => new Date(`${unlisted}-07-01T00:00:00+08:00`);

beforeAll(async () => {
  tw = tempWarehouse();
  const file = join(tw.dir, "customs.csv");
  writeFileSync(file, DECLARATIONS + "\n");
  const [result] = await tw.load([file], {now});
  expect(result).toMatchObject({feed: "customs_declarations", rows_loaded: 4, rows_rejected: 0});
  const {warehouse} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog});
  try {
    await runModels(warehouse, {asOf, contracts, catalogSha256: catalog.sha256});
  } finally {
    warehouse.close();
  }
}, 60_000);
afterAll(() => tw.remove());

const observations = (metric: string) =>
  tw.query<{observed_on: string; value: number}>(
    "select observed_on::varchar as observed_on, value from int_metric_observations where metric_id = $1 order by observed_on",
    [metric],
  );

describe("customs declaration fees in US dollars", () => {
  it("divides each fee by its year's average yuan per dollar, per direction", async () => {
    const importBorder = await observations("import_border_cost_usd");
    expect(importBorder).toHaveLength(1);
    expect(importBorder[0]!.value).toBeCloseTo(1600 / rate(2021), 9); // 248.00 US dollars
    expect((await observations("import_documentary_cost_usd"))[0]!.value).toBeCloseTo(520 / rate(2021), 9); // 80.60
    const exportBorder = await observations("export_border_cost_usd");
    expect(exportBorder.map((o) => o.observed_on)).toEqual(["2022-06-01", `${unlisted}-03-02`]);
    expect(exportBorder[0]!.value).toBeCloseTo(1500 / rate(2022), 9); // 223.01
  });

  it("uses the latest listed year's rate for a year not listed yet", async () => {
    const exportBorder = await observations("export_border_cost_usd");
    expect(exportBorder[1]!.value).toBeCloseTo(1400 / lastListed.cny_per_usd, 9);
    const documents = await observations("export_documentary_cost_usd");
    expect(documents.map((o) => o.observed_on)).toEqual([`${unlisted}-03-02`]);
    expect(documents[0]!.value).toBeCloseTo(400 / lastListed.cny_per_usd, 9);
  });

  it("counts a declaration without fees in its times only", async () => {
    expect(await observations("export_documentary_time_hours")).toHaveLength(3);
    expect((await observations("export_border_cost_usd")).map((o) => o.observed_on)).not.toContain("2022-03-02");
  });

  it("fails the models' data test for fees dated before the first year with a rate, naming the row", async () => {
    const early = tempWarehouse();
    try {
      const file = join(early.dir, "customs-early.csv");
      const first = catalog.cnyUsdRates[0]!.year;
      writeFileSync(file, `${HEADER}\nE1,城东区,进口,${first - 1}-12-30 10:00,false,false,8,24,500,1500,true\n`);
      const [result] = await early.load([file]);
      expect(result).toMatchObject({rows_loaded: 1, rows_rejected: 0});
      const {warehouse} = await openWarehouse({env: early.env, cwd: early.dir, catalog});
      try {
        const run = runModels(warehouse, {asOf: "2023-06-30", contracts, catalogSha256: catalog.sha256});
        await expect(run).rejects.toBeInstanceOf(ModelTestError);
        await expect(run).rejects.toThrow(/customs_costs_have_an_exchange_rate/);
      } finally {
        warehouse.close();
      }
    } finally {
      early.remove();
    }
  }, 60_000);
});
