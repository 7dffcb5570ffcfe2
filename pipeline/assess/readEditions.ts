import {existsSync} from "node:fs";
import type {Io} from "../io.ts";
import {warehousePath} from "../config.ts";
import {Warehouse} from "../db.ts";
import {MissingDataError, UsageError} from "../errors.ts";
import {compareAssessments} from "./compareAssessments.ts";
import {listEditions, loadEditionFigures, type EditionRow} from "./editionStore.ts";
import type {AssessmentChanges} from "./types.ts";

/** Open the warehouse read-only for the editions; a warehouse without any says how to make one. */
async function withEditions<T>(io: Io, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const path = warehousePath(io.env, io.cwd);
  if (!existsSync(path)) {
    throw new MissingDataError(
      `no warehouse at ${path}`,
      "run `bizenv assess --year YYYY --final` to freeze an edition",
    );
  }
  const warehouse = await Warehouse.open(path, {readOnly: true});
  try {
    const [table] = await warehouse.all("select 1 from duckdb_tables() where table_name = 'assessment_editions'");
    if (!table) {
      throw new MissingDataError(
        `no assessment edition in ${path} yet`,
        "run `bizenv assess --year YYYY --final` to freeze one",
      );
    }
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}

/** Every frozen edition, oldest first. */
export function readEditionList(io: Io): Promise<EditionRow[]> {
  return withEditions(io, listEditions);
}

function editionNumber(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`an edition is a number such as 1 or 2, found ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** `bizenv assess diff A B`: what changed from frozen edition A to frozen edition B. */
export function diffEditions(io: Io, a: string, b: string): Promise<AssessmentChanges> {
  const from = editionNumber(a);
  const to = editionNumber(b);
  return withEditions(io, async (warehouse) => {
    const x = await loadEditionFigures(warehouse, from);
    const y = await loadEditionFigures(warehouse, to);
    return compareAssessments(x, y, {from: `${from} (${x.period.id})`, to: `${to} (${y.period.id})`});
  });
}
