import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {readYamlFile} from "../../pipeline/catalog/readYamlFile.ts";
import {cnyUsdRatesFile} from "../../pipeline/catalog/schema.ts";

// sources/benchmarks/cny-usd-rates.yaml: the yearly yuan per US dollar that puts customs fees into DB2020's unit.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-rates-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const read = (text: string) => {
  const file = join(dir, "cny-usd-rates.yaml");
  writeFileSync(file, text);
  return readYamlFile(file, cnyUsdRatesFile);
};
const HEAD = "currency: USD\nunit: yuan per US dollar\nrates:\n";

describe("the yearly CNY/USD rates", () => {
  it("come with the catalog: one per year from 2019, each with its source, within a plausible range", () => {
    const rates = loadCatalog().cnyUsdRates;
    expect(rates[0]!.year).toBe(2019);
    expect(rates.map((r) => r.year)).toEqual(rates.map((_, i) => 2019 + i));
    for (const r of rates) {
      expect(r.source, String(r.year)).toMatch(new RegExp(`${r.year}年统计公报.*${r.cny_per_usd}`));
      expect(r.cny_per_usd).toBeGreaterThan(6);
      expect(r.cny_per_usd).toBeLessThan(7.5);
    }
    expect(rates.find((r) => r.year === 2022)?.cny_per_usd).toBe(6.7261);
  });

  it("refuses a rate that is not positive, naming the file, line and entry", () => {
    const {data, issues} = read(
      HEAD + '  - {year: 2021, cny_per_usd: 6.4515, source: "s"}\n  - {year: 2022, cny_per_usd: 0, source: "s"}\n',
    );
    expect(data).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]!.file).toMatch(/cny-usd-rates\.yaml:5$/);
    expect(issues[0]!.path).toBe("rates[1].cny_per_usd");
  });

  it("refuses years out of order or repeated, and a rate in another currency", () => {
    const twice = read(
      HEAD + '  - {year: 2022, cny_per_usd: 6.7, source: "s"}\n  - {year: 2022, cny_per_usd: 6.8, source: "s"}\n',
    );
    expect(twice.issues.map((i) => i.message).join()).toMatch(/once each, in ascending order/);
    const euro = read(HEAD.replace("USD", "EUR") + '  - {year: 2022, cny_per_usd: 7.1, source: "s"}\n');
    expect(euro.issues.map((i) => i.path)).toEqual(["currency"]);
  });
});
