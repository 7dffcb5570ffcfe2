import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {generateDemo} from "../../pipeline/demo/generateDemo.ts";
import type {DemoManifest} from "../../pipeline/demo/manifest.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

// The demo's odd files (GBK, BOM, tabs, Chinese headers and values, XLSX under title rows, Excel timestamps)
// through the real loader. Each is loaded alone, so rows it re-sends from earlier months may load or not: the
// exact count of rejected rows is checked for whole folders by `bizenv demo` (demoCommand.test.ts).
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
let dir: string;
let manifest: DemoManifest;
let wh: TempWarehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-demo-loadtest-"));
  manifest = await generateDemo({out: dir, seed: 3, scale: 0.02, asOf: "2022-06-30", catalog, contracts});
  wh = tempWarehouse();
});
afterAll(() => {
  rmSync(dir, {recursive: true, force: true});
  wh.remove();
});

describe("the demo's varied files through the loader", () => {
  it("loads every file that differs from plain CSV, rejecting its bad rows", async () => {
    const varied = manifest.files.filter((f) => f.variety !== null);
    expect(varied.length).toBeGreaterThanOrEqual(13);
    const results = await wh.load(varied.map((f) => join(dir, f.file)));
    varied.forEach((f, i) => {
      const result = results[i]!;
      const resent = f.bad_rows_by_rule.duplicate_key_from_earlier_file ?? 0;
      expect(result, f.file).toMatchObject({feed: f.feed, status: "loaded", rows_read: f.rows});
      expect(result.rows_rejected, f.file).toBeLessThanOrEqual(f.bad_rows);
      expect(result.rows_rejected, f.file).toBeGreaterThanOrEqual(f.bad_rows - resent);
    });
  });

  // Regression: the GBK sniff used to decode a 16 KiB sample that could end inside a two-byte character and
  // refuse the file as "neither UTF-8 nor GBK"; this seed's GBK file has its boundary mid-character.
  it("loads a large GBK export (over 16 KiB) whatever byte its 16 KiB boundary falls on", async () => {
    const out = join(dir, "large-gbk");
    const large = await generateDemo({
      out,
      seed: 2023,
      scale: 0.1,
      asOf: "2021-12-31",
      catalog,
      contracts,
      feeds: ["satisfaction_ratings"],
    });
    const gbk = large.files.find((f) => f.encoding === "gbk")!;
    expect(gbk.bytes).toBeGreaterThan(16_384);
    // A warehouse of its own: the test above loaded a file of the same name and keys, which would make this one a
    // correction needing --replace (tests/ingest/correctedLoad.test.ts).
    const fresh = tempWarehouse();
    try {
      const [result] = await fresh.load([join(out, gbk.file)]);
      expect(result!.status, result!.message).toBe("loaded");
    } finally {
      fresh.remove();
    }
  });
});
