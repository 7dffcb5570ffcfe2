// Reading what `bizenv score` exported, as the data loaders do: the folder, the contract's column checks and types,
// and the marts re-encoded for SQL in the browser, over the SYNTHETIC export fixture.
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {exploreTable} from "../../pipeline/export/arrowStream.ts";
import {exportsDir, readExportCsv} from "../../pipeline/export/readExports.ts";
import {FIXTURE_EXPORTS as DIR} from "../helpers/startSite.ts";

describe("reading exports", () => {
  it("takes $BIZENV_EXPORTS and says how to make exports when the manifest is missing", () => {
    expect(exportsDir({BIZENV_EXPORTS: DIR})).toBe(DIR);
    const empty = mkdtempSync(join(tmpdir(), "bizenv-no-exports-"));
    try {
      expect(() => exportsDir({BIZENV_EXPORTS: empty})).toThrow(/manifest.json missing\): run `bizenv score`/);
    } finally {
      rmSync(empty, {recursive: true, force: true});
    }
  });

  it("types columns by the contract and refuses a file that lacks one", () => {
    const [row] = readExportCsv(DIR, "tiers.csv");
    expect(typeof row!.year).toBe("number");
    expect([true, false, null]).toContain(row!.on_course);
    const dir = mkdtempSync(join(tmpdir(), "bizenv-exports-"));
    try {
      cpSync(DIR, dir, {recursive: true});
      const text = readFileSync(join(dir, "units.csv"), "utf8").replace(",score,", ",points,");
      writeFileSync(join(dir, "units.csv"), text);
      expect(() => readExportCsv(dir, "units.csv")).toThrow("units.csv: columns missing from the export: score");
      writeFileSync(
        join(dir, "areas.csv"),
        "metric_id,area_id,year,value,rank,areas_ranked,status\nm,a,twenty,1,1,1,met\n",
      );
      expect(() => readExportCsv(dir, "areas.csv")).toThrow(
        'areas.csv line 2, year: expected a number, found "twenty"',
      );
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it("explore: every mart as an Arrow stream DuckDB-wasm can read", () => {
    const table = tableFromIPC(exploreTable(DIR, "units"));
    expect(table.numRows).toBe(readExportCsv(DIR, "units.csv").length);
    expect(() => exploreTable(DIR, "warehouse")).toThrow(/unknown explore table/);
  });
});
