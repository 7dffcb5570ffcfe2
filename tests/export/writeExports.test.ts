import {createHash} from "node:crypto";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {exportTable} from "../../pipeline/export/exportTable.ts";
import {writeExports} from "../../pipeline/export/writeExports.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, {recursive: true, force: true})));
const manifest = {
  generated_at: "2023-07-01T00:00:00Z",
  as_of: "2023-06-30",
  catalog_version: "1.0.0",
  catalog_sha256: "x",
  calendar: "c",
  synthetic: true,
  loads: [],
};
const set = (value: number) => ({
  tables: [exportTable("things", ["id", "value"], ["value"], [{id: "a", value}])],
  indicators: [{indicator_id: "i"}],
  manifest,
});

describe("writeExports", () => {
  it("writes CSV, Arrow and a manifest listing every file with its rows, bytes and sha256", () => {
    const root = mkdtempSync(join(tmpdir(), "bizenv-exports-"));
    dirs.push(root);
    const dir = join(root, "exports");
    const m = writeExports(dir, set(1));
    expect(m.files.map((f) => f.name)).toEqual(["indicators.json", "things.csv", "explore/things.arrow"]);
    for (const f of m.files) {
      const bytes = readFileSync(join(dir, f.name));
      expect(f.bytes).toBe(bytes.length);
      expect(f.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))).toEqual(m);
    expect(readFileSync(join(dir, "things.csv"), "utf8")).toBe("id,value\na,1\n");
  });

  it("replaces the previous set whole, leaving no temporary folders behind", () => {
    const root = mkdtempSync(join(tmpdir(), "bizenv-exports-"));
    dirs.push(root);
    const dir = join(root, "exports");
    writeExports(dir, set(1));
    writeFileSync(join(dir, "stale.csv"), "old");
    writeExports(dir, set(2));
    expect(readFileSync(join(dir, "things.csv"), "utf8")).toBe("id,value\na,2\n");
    expect(existsSync(join(dir, "stale.csv"))).toBe(false);
    expect(readdirSync(root)).toEqual(["exports"]);
  });

  it("keeps the previous set when writing the new one fails", () => {
    const root = mkdtempSync(join(tmpdir(), "bizenv-exports-"));
    dirs.push(root);
    const dir = join(root, "exports");
    writeExports(dir, set(1));
    const broken = {...set(2), indicators: [{big: 1n}]}; // JSON.stringify throws on a bigint
    expect(() => writeExports(dir, broken)).toThrow();
    expect(readFileSync(join(dir, "things.csv"), "utf8")).toBe("id,value\na,1\n");
    expect(readdirSync(root)).toEqual(["exports"]);
    mkdirSync(join(root, "other"));
  });
});
