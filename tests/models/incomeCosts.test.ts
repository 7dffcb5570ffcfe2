import {readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {runModels} from "../../pipeline/models/runModels.ts";
import {openWarehouse} from "../../pipeline/openWarehouse.ts";
import {projectRoot} from "../../pipeline/version.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

// DB's start-up cost as a percentage of income per capita: each case divided by the city's GDP per resident of its
// year (city_statistics), or of the latest earlier year when its own is not published by the as-of date, which the
// observation then says; and clause 15's free seal set counted per completed start-up.
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const FIXTURES = join(projectRoot, "tests", "fixtures", "feeds");

let tw: TempWarehouse;
beforeAll(async () => {
  tw = tempWarehouse();
  // The fixtures bring every feed (and 2022's income, 64,300 yuan, published 2023-03-20); 2021's income and two
  // start-ups of this test come on top.
  const income = join(tw.dir, "income_2021.csv");
  writeFileSync(
    income,
    "year,statistic,value,published_on,source_document,synthetic\n" +
      "2021,人均地区生产总值,62000,2022-03-20,2021年西宁市国民经济和社会发展统计公报,true\n",
  );
  const startups = join(tw.dir, "startups_test.csv");
  writeFileSync(
    startups,
    "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan,seal_cost_yuan,synthetic\n" +
      "SU-T1,城西区,2022-07-04 09:00,2022-07-05 10:00,online,2,310,0,true\n" +
      "SU-T2,城西区,2023-02-01 09:00,2023-02-02 10:00,online,2,620,260,true\n",
  );
  const results = await tw.load([...readdirSync(FIXTURES).map((f) => join(FIXTURES, f)), income, startups]);
  for (const r of results) expect(r.status, r.file).toBe("loaded");
});
afterAll(() => tw.remove());

const run = async (asOf: string) => {
  const {warehouse} = await openWarehouse({env: tw.env, cwd: tw.dir, catalog});
  try {
    await runModels(warehouse, {asOf, contracts, catalogSha256: catalog.sha256});
  } finally {
    warehouse.close();
  }
};

interface Observation {
  observed_on: string;
  known_on: string;
  value: number;
  income_year: string | null;
  income_note: string | null;
}
const observations = (metricId: string) =>
  tw.query<Observation>(
    `select observed_on::varchar as observed_on, known_on::varchar as known_on, value,
        json_extract_string(attrs, '$.income_year') as income_year,
        json_extract_string(attrs, '$.income_note') as income_note
     from int_metric_observations
     where metric_id = $1 and area_id = 'chengxi' and observed_on in (date '2022-07-05', date '2023-02-02')
     order by observed_on`,
    [metricId],
  );

describe("start-up cost against income per capita", () => {
  it("divides by the case's own year's income once published, else by the latest earlier year's, and says so", async () => {
    await run("2023-06-30");
    const rows = await observations("startup_cost_pct_income");
    expect(rows).toEqual([
      // 2022's income is published (2023-03-20): 100 × 310 / 64,300, known when the income is.
      {
        observed_on: "2022-07-05",
        known_on: "2023-03-20",
        value: expect.closeTo((100 * 310) / 64_300, 12),
        income_year: "2022",
        income_note: null,
      },
      // 2023's income is not published by 30 June 2023: 2022's is used, and the observation says so.
      {
        observed_on: "2023-02-02",
        known_on: "2023-03-20",
        value: expect.closeTo((100 * 620) / 64_300, 12),
        income_year: "2022",
        income_note: "income per capita of 2022: 2023 not published yet",
      },
    ]);
  });

  it("as of the end of 2022, only 2021's income is known: the 2022 case takes it, with the note", async () => {
    await run("2022-12-31");
    expect(await observations("startup_cost_pct_income")).toEqual([
      {
        observed_on: "2022-07-05",
        known_on: "2022-07-05",
        value: expect.closeTo(0.5, 12), // 100 × 310 / 62,000
        income_year: "2021",
        income_note: "income per capita of 2021: 2022 not published yet",
      },
    ]);
  });
});

describe("clause 15's free first seal set", () => {
  it("counts each completed start-up 100 when it paid 0 yuan for its seals, else 0", async () => {
    await run("2023-06-30");
    const rows = await observations("free_first_seal_set_share_pct");
    expect(rows.map((r) => [r.observed_on, r.value])).toEqual([
      ["2022-07-05", 100],
      ["2023-02-02", 0],
    ]);
  });
});

describe("a year's income loaded later", () => {
  it("re-prices that year's cases of every month on the incremental refresh, and drops the note", async () => {
    await run("2023-06-30");
    const income = join(tw.dir, "income_2023.csv");
    writeFileSync(
      income,
      "year,statistic,value,published_on,source_document,synthetic\n" +
        "2023,人均GDP,62000,2023-06-01,2023年一季度统计快报(测试),true\n",
    );
    const [result] = await tw.load([income]);
    expect(result!.status).toBe("loaded");
    await run("2023-06-30");
    const [feb] = (await observations("startup_cost_pct_income")).filter((r) => r.observed_on === "2023-02-02");
    // February's case, in a month the new load did not touch, now divides by 2023's income: 100 × 620 / 62,000.
    expect(feb).toEqual({
      observed_on: "2023-02-02",
      known_on: "2023-06-01",
      value: expect.closeTo(1, 12),
      income_year: "2023",
      income_note: null,
    });
  });
});
