import {readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC, tableToIPC} from "apache-arrow";
import Papa from "papaparse";
import {describe, expect, expectTypeOf, it} from "vitest";
import {EXPORT_COLUMNS, INDICATOR_FIELDS, MANIFEST_FIELDS} from "../../pipeline/export/exportColumns.ts";
import type {ExportManifest, IndicatorExport} from "../../pipeline/export/exportsContract.ts";
import {exportTable, formatNumber, toArrow, toCsv} from "../../pipeline/export/exportTable.ts";
import {projectRoot} from "../../pipeline/version.ts";

const table = exportTable(
  "sample",
  ["name", "value", "gap", "is_synthetic"],
  ["value", "gap"],
  [
    {name: "=1+1", value: -0.5, gap: 2.5000000000000004, is_synthetic: true},
    {name: 'say "hi", then\nleave', value: null, gap: Number.NaN, is_synthetic: false},
    {name: "-3", value: -0, gap: 1e-9, is_synthetic: null},
  ],
);

describe("CSV and Arrow exports", () => {
  it("writes numbers as numbers (rounded to 6 decimals), neutralises formulas in text, quotes per RFC 4180", () => {
    const csv = toCsv(table);
    expect(csv).toBe('name,value,gap,is_synthetic\n\'=1+1,-0.5,2.5,true\n"say ""hi"", then\nleave",,,false\n-3,0,0,\n');
    const parsed = Papa.parse<string[]>(csv, {skipEmptyLines: true}).data;
    expect(parsed[2]![0]).toBe('say "hi", then\nleave');
    expect(formatNumber(1234567.1234567)).toBe("1234567.123457");
    expect(formatNumber(undefined)).toBe("");
  });

  it("Arrow copies keep types: Float64 numbers with nulls, Utf8 text (not neutralised), booleans", () => {
    const back = tableFromIPC(tableToIPC(toArrow(table), "file"));
    expect(back.numRows).toBe(3);
    expect(String(back.schema.fields.map((f) => `${f.name}:${f.type}`))).toBe(
      "name:Utf8,value:Float64,gap:Float64,is_synthetic:Bool",
    );
    expect(back.getChild("name")!.get(0)).toBe("=1+1");
    expect(back.getChild("value")!.get(1)).toBeNull();
    expect(back.getChild("gap")!.get(1)).toBeNull();
    expect(back.getChild("is_synthetic")!.get(2)).toBeNull();
  });
});

describe("the export columns follow docs/exports.md", () => {
  const doc = readFileSync(join(projectRoot, "docs", "exports.md"), "utf8");
  /** `| \`file\` | one row per | columns |` rows of the contract table, columns as backticked names. */
  const contract = new Map(
    [...doc.matchAll(/^\|\s*`([a-z_/*.]+)`\s*\|[^|]*\|(.*)\|\s*$/gm)].map((m) => [
      m[1]!,
      [...m[2]!.matchAll(/`([a-z_0-9]+)[^`]*`/g)].map((c) => c[1]!),
    ]),
  );

  it("every CSV has exactly the contract's columns, in its order", () => {
    for (const [name, spec] of Object.entries(EXPORT_COLUMNS)) {
      const listed = contract.get(`${name}.csv`);
      expect(listed, name).toBeDefined();
      // Status values such as `met` are backticked in the doc too: keep only names that are columns.
      expect(spec.columns, name).toEqual(
        listed!.filter(
          (c) =>
            (spec.columns as readonly string[]).includes(c) ||
            !/^(met|at_risk|missed|no_data|on_track|off_track|done|done_late|in_progress|overdue|not_started|ongoing|top10|bottom10)$/.test(
              c,
            ),
        ),
      );
    }
  });

  it("indicators.json and manifest.json list the contract's fields", () => {
    expect([...INDICATOR_FIELDS]).toEqual(contract.get("indicators.json"));
    expect([...MANIFEST_FIELDS]).toEqual(contract.get("manifest.json"));
    // and every field of the one declaration of each (exportsContract.ts), checked by tsc
    expectTypeOf<(typeof INDICATOR_FIELDS)[number]>().toEqualTypeOf<keyof IndicatorExport>();
    expectTypeOf<(typeof MANIFEST_FIELDS)[number]>().toEqualTypeOf<keyof ExportManifest>();
  });
});
