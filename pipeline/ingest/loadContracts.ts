import {createHash} from "node:crypto";
import {readdirSync, readFileSync} from "node:fs";
import {basename, join, relative} from "node:path";
import type {Catalog} from "../catalog/index.ts";
import {formatPath, readYamlFile} from "../catalog/readYamlFile.ts";
import {CatalogError, type Issue} from "../errors.ts";
import {projectRoot} from "../version.ts";
import {contractFile, type Contract} from "./contractSchema.ts";
import {normalizeHeader} from "./rowRules.ts";

export const DEFAULT_FEEDS_DIR = join(projectRoot, "sources", "feeds");

/** Header text as compared with contract names and aliases (one definition, shared with the browser check). */
export {normalizeHeader};

/**
 * Read and validate every feed contract in `dir`, against each other and the catalog: keys, area and as-of
 * columns exist, cross-column rules compare like with like, metrics and source units are the catalog's, and no
 * header alias could mean two columns. Throws a `CatalogError` listing every problem.
 */
export function loadContracts(catalog: Catalog, dir: string = DEFAULT_FEEDS_DIR): Contract[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const issues: Issue[] = [];
  const contracts: Contract[] = [];
  const metrics = new Set(catalog.metrics.map((m) => m.id));
  const units = new Set(catalog.units.map((u) => u.id));
  for (const file of files) {
    const path = join(dir, file);
    const read = readYamlFile(path, contractFile);
    const shown = relative(projectRoot, path) || path;
    issues.push(...read.issues);
    if (!read.data) continue;
    const data = read.data;
    const at = (p: Array<string | number>, message: string) => {
      const line = read.lineOf(p);
      issues.push({file: line === undefined ? shown : `${shown}:${line}`, path: formatPath(p), message});
    };
    if (data.feed !== basename(file, ".yaml"))
      at(["feed"], `the feed id must be the file name (${basename(file, ".yaml")})`);
    const columns = new Map(data.columns.map((c, i) => [c.name, {column: c, index: i}]));
    if (columns.size !== data.columns.length) at(["columns"], "two columns share a name");
    data.key.forEach((k, i) => {
      if (!columns.has(k)) at(["key", i], `key column ${k} is not a column`);
      else if (!columns.get(k)!.column.required) at(["key", i], `key column ${k} must be required`);
    });
    data.report_order?.forEach((o, i) => {
      if (!columns.has(o)) at(["report_order", i], `report order column ${o} is not a column`);
      else if (data.key.includes(o)) at(["report_order", i], `report order column ${o} is part of the key`);
    });
    if (data.area_column !== undefined && columns.get(data.area_column)?.column.references !== "area") {
      at(["area_column"], `${data.area_column} must be a column with references: area`);
    }
    const asOf = columns.get(data.as_of_column)?.column;
    if (!asOf || !["date", "timestamp", "month"].includes(asOf.type))
      at(["as_of_column"], `${data.as_of_column} must be a date, timestamp or month column`);
    data.metrics.forEach((m, i) => {
      if (!metrics.has(m)) at(["metrics", i], `unknown metric ${m} (not in the catalog's metrics.yaml)`);
    });
    if (data.source_unit !== undefined && !units.has(data.source_unit))
      at(["source_unit"], `unknown unit ${data.source_unit}`);
    const seenAliases = new Map<string, string>();
    data.columns.forEach((column, i) => {
      for (const alias of [column.name, ...column.aliases]) {
        const key = normalizeHeader(alias);
        const other = seenAliases.get(key);
        if (other !== undefined && other !== column.name)
          at(["columns", i, "aliases"], `header ${alias} would match both ${other} and ${column.name}`);
        seenAliases.set(key, column.name);
      }
      for (const rule of ["at_least", "at_most"] as const) {
        const otherName = column[rule];
        if (otherName === undefined) continue;
        const other = columns.get(otherName)?.column;
        if (!other) at(["columns", i, rule], `${otherName} is not a column`);
        else if (comparable(other.type) !== comparable(column.type))
          at(["columns", i, rule], `cannot compare ${column.type} ${column.name} with ${other.type} ${otherName}`);
      }
      if (column.value_aliases && column.allowed) {
        for (const [from, to] of Object.entries(column.value_aliases)) {
          if (!column.allowed.includes(to))
            at(["columns", i, "value_aliases", from], `maps to ${to}, which is not an allowed value`);
        }
      }
    });
    contracts.push({...data, sha256: createHash("sha256").update(readFileSync(path)).digest("hex"), file: shown});
  }
  if (issues.length > 0) throw new CatalogError(issues);
  return contracts;
}

function comparable(type: string): string {
  return type === "integer" || type === "double" ? "number" : type === "date" || type === "timestamp" ? "time" : type;
}
