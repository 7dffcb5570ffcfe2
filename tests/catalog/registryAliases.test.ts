import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {areaNames, registryAliases, unitNames} from "../../pipeline/catalog/registryAliases.ts";
import {referencesFromCatalog} from "../../pipeline/ingest/rowRules.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * Areas and units by their official full names and common short forms; a name two entries share is rejected with
 * the candidates named, never resolved to one of them.
 */
const catalog = loadCatalog();

describe("registry aliases", () => {
  it("resolves full names and short forms to one area or unit", () => {
    const areas = registryAliases(catalog.areas.map(areaNames));
    for (const name of ["西宁市城东区", "城东区", "城东"]) expect(areas.names.get(name)).toBe("chengdong");
    for (const name of ["大通回族土族自治县", "大通县", "大通"]) expect(areas.names.get(name)).toBe("datong");
    const units = registryAliases(catalog.units.map(unitNames));
    for (const name of ["国家税务总局西宁市税务局", "市税务局"]) expect(units.names.get(name)).toBe("tax_bureau");
    for (const name of ["西宁市大数据管理局", "市大数据局"]) expect(units.names.get(name)).toBe("big_data_bureau");
  });

  it("keeps a name two entries share out of the names, with its candidates", () => {
    const areas = registryAliases(catalog.areas.map(areaNames));
    expect(areas.names.has("高新区")).toBe(false);
    expect(areas.ambiguous.get("高新区")).toEqual(["chengbei", "biotech"]);
    const units = registryAliases(catalog.units.map(unitNames));
    expect(units.ambiguous.get("园区管委会")).toEqual(["park_dongchuan", "park_nanchuan", "park_biotech"]);
    // The browser's file check names the same candidates as the loader.
    const references = referencesFromCatalog(catalog);
    expect(references.area["高新区"]).toBeUndefined();
    expect(references.ambiguous?.area["高新区"]).toBe("城北区 (chengbei) or 生物科技产业园区 (biotech)");
  });
});

describe("loading rows that name areas and units", () => {
  let wh: TempWarehouse;
  beforeAll(() => {
    wh = tempWarehouse();
  });
  afterAll(() => wh.remove());

  it("accepts every form of a name and rejects an ambiguous one naming the candidates", async () => {
    const header = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
    const row = (id: string, area: string) => `${id},${area},2022-03-01 09:30,2022-03-01 15:00,online,2,0`;
    const path = join(wh.dir, "areas.csv");
    writeFileSync(
      path,
      [header, row("N-1", "西宁市城东区"), row("N-2", "城东"), row("N-3", "大通"), row("N-4", "高新区")].join("\n"),
    );
    const [result] = await wh.load([path]);
    expect(result).toMatchObject({status: "loaded", rows_loaded: 3, rows_rejected: 1});
    const areas = await wh.query<{area: string}>("select area from feed_startup_cases order by case_id");
    expect(areas.map((r) => r.area)).toEqual(["chengdong", "chengdong", "datong"]);
    const [reject] = await wh.query<{line: number; rule: string; message: string}>(
      "select line, rule, message from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect(reject).toEqual({
      line: 5,
      rule: "ambiguous_area",
      message: 'ambiguous area "高新区": it names 城北区 (chengbei) or 生物科技产业园区 (biotech); write the full name',
    });
  });

  it("rejects an ambiguous unit naming the candidates, and takes a unit's full name", async () => {
    const header = "unit,month,tickets,tickets_due,resolved_on_time,callers_rated,callers_satisfied";
    const path = join(wh.dir, "units.csv");
    writeFileSync(
      path,
      [header, "西宁市大数据管理局,2022-05,10,10,9,6,5", "园区管委会,2022-05,10,10,9,6,5"].join("\n"),
    );
    const [result] = await wh.load([path], {feed: "hotline_12345"});
    expect(result).toMatchObject({status: "loaded", rows_loaded: 1, rows_rejected: 1});
    const [reject] = await wh.query<{rule: string; message: string}>(
      "select rule, message from load_rejects where load_id = $1",
      [result!.load_id],
    );
    expect(reject!.rule).toBe("ambiguous_unit");
    expect(reject!.message).toContain(
      "东川园区管委会 (park_dongchuan) or 南川园区管委会 (park_nanchuan) or 生物园区管委会 (park_biotech)",
    );
  });
});
