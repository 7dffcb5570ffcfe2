// Where the warehouse and the exports live: one function each (pipeline/config.ts), so the CLI, the assessment, the
// bench, the data loaders and `npm start` cannot disagree.
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {exportsPath, LOAD_MEMORY_LIMIT, memoryLimit, warehousePath} from "../pipeline/config.ts";
import {projectRoot} from "../pipeline/version.ts";

describe("exportsPath", () => {
  it("defaults to data/exports/ in the project", () => {
    expect(exportsPath({})).toBe(join(projectRoot, "data", "exports"));
    expect(exportsPath({BIZENV_EXPORTS: "  "})).toBe(join(projectRoot, "data", "exports"));
  });

  it("takes $BIZENV_EXPORTS as given when absolute", () => {
    expect(exportsPath({BIZENV_EXPORTS: "/srv/bizenv/exports"})).toBe("/srv/bizenv/exports");
  });

  it("takes a relative $BIZENV_EXPORTS from the project root, wherever the command runs", () => {
    expect(exportsPath({BIZENV_EXPORTS: "out/exports "})).toBe(join(projectRoot, "out", "exports"));
  });
});

describe("warehousePath", () => {
  it("takes a relative $BIZENV_DB from the working directory, else data/warehouse.duckdb", () => {
    expect(warehousePath({BIZENV_DB: "w.duckdb"}, "/tmp/x")).toBe("/tmp/x/w.duckdb");
    expect(warehousePath({}, "/tmp/x")).toBe(join(projectRoot, "data", "warehouse.duckdb"));
  });
});

describe("memoryLimit", () => {
  it("gives a load less than other commands by default (a 10 M-row load peaked at 2.3 GB with 2GB)", () => {
    expect(memoryLimit({})).toBe("2GB");
    expect(memoryLimit({}, "load")).toBe(LOAD_MEMORY_LIMIT);
    expect(LOAD_MEMORY_LIMIT).toBe("1.2GB");
  });

  it("takes $BIZENV_MEMORY_LIMIT for every use, and refuses what DuckDB would not read", () => {
    expect(memoryLimit({BIZENV_MEMORY_LIMIT: "3GB"}, "load")).toBe("3GB");
    expect(memoryLimit({BIZENV_MEMORY_LIMIT: " 512MB "})).toBe("512MB");
    expect(() => memoryLimit({BIZENV_MEMORY_LIMIT: "lots"}, "load")).toThrow(/must look like 512MB or 2GB/);
  });
});
