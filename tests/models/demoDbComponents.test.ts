import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import Papa from "papaparse";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {main} from "../../pipeline/cli/main.ts";
import {generateDemo} from "../../pipeline/demo/generateDemo.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {captureIo} from "../helpers/captureIo.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";
import {readDemoFile} from "../demo/readDemoFile.ts";

// DB2020's procedures, costs and quality indices of 开办企业, 办理建筑许可, 获得电力, 登记财产, 获得信贷 and 纳税 on the
// demo city, through the whole chain at a small scale: demo files (planted bad rows included) → load → score. Each
// has a city value for 2021 and for its last year, and moves in its better direction (quality indices may stay).
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const FEEDS = [
  "startup_cases",
  "construction_permit_cases",
  "power_connection_cases",
  "property_registration_cases",
  "tax_compliance_hours",
  "city_statistics",
  "indicator_indices",
];
const NEW = [
  "startup_cost_pct_income",
  "free_first_seal_set_share_pct",
  "construction_procedures_count",
  "construction_cost_pct_value",
  "building_quality_index",
  "power_procedures_count",
  "power_cost_pct_income",
  "reliability_index",
  "property_procedures_count",
  "property_cost_pct_property",
  "land_admin_quality_index",
  "legal_rights_index",
  "credit_information_index",
  "tax_payments_count",
  "total_tax_rate_pct",
  "postfiling_index",
];
const metrics = NEW.map((id) => catalog.metrics.find((m) => m.id === id)!);

let tw: TempWarehouse;
let periods: Array<Record<string, string>>;

beforeAll(async () => {
  tw = tempWarehouse();
  const exportsDir = join(tw.dir, "exports");
  const demo = mkdtempSync(join(tmpdir(), "bizenv-demo-db-components-"));
  try {
    const manifest = await generateDemo({
      out: demo,
      seed: 2022,
      scale: 0.05,
      asOf: "2023-06-30",
      catalog,
      contracts,
      feeds: FEEDS,
    });
    // One CSV per feed, as demoCity.test.ts does: the loader's cost is per file.
    const combined: string[] = [];
    for (const feed of FEEDS) {
      const contract = contracts.find((c) => c.feed === feed)!;
      const rows: Array<Record<string, string>> = [];
      for (const f of manifest.files.filter((x) => x.feed === feed))
        rows.push(...(await readDemoFile(join(demo, f.file), contract)).rows);
      const file = join(demo, `${feed}.csv`);
      writeFileSync(file, Papa.unparse(rows, {columns: [...contract.columns.map((c) => c.name), "synthetic"]}));
      combined.push(file);
    }
    await tw.load(combined);
  } finally {
    rmSync(demo, {recursive: true, force: true});
  }
  const io = captureIo({env: {...tw.env, BIZENV_EXPORTS: exportsDir}, cwd: tw.dir});
  const code = await main(["score", "--as-of", "2023-06-30", "--json"], io);
  expect(code, io.err + io.out).toBe(0);
  periods = Papa.parse<Record<string, string>>(readFileSync(join(exportsDir, "metric_periods.csv"), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data.filter((r) => r.area_id === "xining" && r.period_type === "year" && r.segment === "all");
}, 180_000);
afterAll(() => tw?.remove());

describe.each(metrics.map((m) => [m.id, m] as const))("%s on the demo city", (_id, metric) => {
  it("has a city value in 2021 and in its last year that moves in its better direction", () => {
    const rows = periods.filter((r) => r.metric_id === metric.id).sort((a, b) => a.period!.localeCompare(b.period!));
    expect(rows[0]?.period, metric.id).toBe("2021");
    expect(rows.length, metric.id).toBeGreaterThanOrEqual(2);
    const [before, after] = [Number(rows[0]!.mean), Number(rows[rows.length - 1]!.mean)];
    expect(Number.isFinite(before) && Number.isFinite(after)).toBe(true);
    const better = metric.polarity === "higher_is_better" ? after - before : before - after;
    if (metric.unit === "index") expect(better).toBeGreaterThanOrEqual(0);
    else expect(better).toBeGreaterThan(0);
  });
});

describe("the start-up cost of 2023 on the demo city", () => {
  it("divides by 2022's income per capita, 2023's not being published by 30 June, and says so", async () => {
    const [row] = await tw.query<{n: number; notes: string[]}>(
      `select count(*) as n, list(distinct json_extract_string(attrs, '$.income_note')) as notes
       from int_metric_observations where metric_id = 'startup_cost_pct_income' and year(observed_on) = 2023`,
    );
    expect(row!.n).toBeGreaterThan(0);
    expect(row!.notes).toEqual(["income per capita of 2022: 2023 not published yet"]);
  });
});
