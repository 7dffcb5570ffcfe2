import type {ContractColumn} from "../../ingest/contractSchema.ts";
import {epochDay} from "../../calendar/localTime.ts";
import {cellSeconds, dateCell, isDateCell, isTimeCell, timeCell, type Cell, type Row} from "../cells.ts";
import type {Rng} from "../prng.ts";
import type {DemoContext} from "./feedGenerator.ts";

const columnNames = new WeakMap<object, Set<string>>();

/**
 * Complete a generated row from its contract: every contract column a generator left out becomes empty when it is
 * optional, or gets a plausible value read from the contract (an allowed value, a catalog reference, a number inside
 * min/max, a date in the period, after its `at_least` column) when it is required. This is also the whole of the
 * generic generator for a feed the demo has no model for. Throws if the row has a column the contract lacks (a
 * renamed column must fail loudly, not vanish from the files).
 */
export function fillFromContract(row: Row, ctx: DemoContext, rng: Rng, period: string, all = false): Row {
  let names = columnNames.get(ctx.contract);
  if (!names) {
    names = new Set(ctx.contract.columns.map((c) => c.name));
    columnNames.set(ctx.contract, names);
  }
  for (const name in row) {
    if (!names.has(name)) {
      throw new Error(`the demo model of ${ctx.contract.feed} writes ${name}, which its contract does not have`);
    }
  }
  for (const column of ctx.contract.columns) {
    if (row[column.name] !== undefined) continue;
    row[column.name] = column.required || (all && rng.chance(0.8)) ? valueFor(column, row, ctx, rng, period) : null;
  }
  return row;
}

function valueFor(column: ContractColumn, row: Row, ctx: DemoContext, rng: Rng, period: string): Cell {
  const {catalog} = ctx;
  switch (column.references) {
    case "area":
      return rng.pick(ctx.areas).id;
    case "unit":
      return rng.pick(catalog.units).id;
    case "task":
      return rng.pick(catalog.tasks).number;
    case "metric":
      return rng.pick(catalog.metrics).id;
  }
  if (column.allowed) return rng.pick(column.allowed);
  const floor = column.at_least === undefined ? undefined : row[column.at_least];
  switch (column.type) {
    case "varchar":
      return `${column.name}-${period}-${rng.int(1, 999_999)}`;
    case "boolean":
      return rng.chance(0.5);
    case "integer":
    case "double": {
      const min = column.min ?? 0;
      const max = Math.min(column.max ?? min + 100, min + 1000);
      const x = rng.uniform(min, max);
      return column.type === "integer" ? Math.floor(x) : Math.round(x * 100) / 100;
    }
    case "month":
      return /^\d{4}-\d{2}$/.test(period) ? period : ctx.months[ctx.months.length - 1]!;
    case "date":
    case "timestamp": {
      const first = /^\d{4}-\d{2}$/.test(period) ? epochDay(`${period}-01`) : ctx.asOfDay - 28;
      const base =
        isDateCell(floor) || isTimeCell(floor)
          ? cellSeconds(floor) + rng.int(3600, 5 * 86_400)
          : first * 86_400 + rng.int(0, 27 * 86_400);
      const seconds = Math.min(base, ctx.asOfDay * 86_400 + 86_399);
      const day = Math.floor(seconds / 86_400);
      return column.type === "date" ? dateCell(day) : timeCell(day, seconds % 86_400);
    }
  }
}
