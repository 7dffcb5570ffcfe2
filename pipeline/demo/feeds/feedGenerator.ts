import type {Catalog} from "../../catalog/index.ts";
import type {Contract} from "../../ingest/contractSchema.ts";
import type {AreaProfile} from "../areaProfile.ts";
import type {Row} from "../cells.ts";
import type {DemoClock} from "../demoClock.ts";
import type {PlanTrend} from "../planTrend.ts";

/** Everything a feed generator may read: the catalog, its contract, the clock and the run's settings. */
export interface DemoContext {
  catalog: Catalog;
  contract: Contract;
  seed: number;
  /** Multiplier of case volumes (1 = a city of 2.5 million). */
  scale: number;
  /** `YYYY-MM-DD`: nothing happens after this date; cases not finished by then are open (empty end). */
  asOf: string;
  asOfDay: number;
  /** `YYYY-MM` months from the first demo month to the as-of month. */
  months: string[];
  clock: DemoClock;
  trend: PlanTrend;
  /** Areas of the catalog (the city itself excluded) with their volume shares and lags. */
  areas: AreaProfile[];
}

/** One file's worth of a feed: a month, a quarter, a year, or the whole feed. */
export interface DemoPeriod {
  /** `2022-03`, `2022-Q2`, `2021`, or `all`. */
  label: string;
  /** Name of the file without folder and extension, e.g. `startup_cases_2022-03`. */
  stem: string;
}

/**
 * Makes one feed's synthetic rows. Rows are produced lazily (a generator function), one period at a time, so a
 * file is written while it is generated and memory stays flat at any scale.
 */
export interface FeedGenerator {
  /** In words, for the manifest: what the rows model. */
  description: string;
  periods(): DemoPeriod[];
  /** The period's rows in file order; columns left out are filled from the contract (or left empty). */
  rows(period: DemoPeriod): Iterable<Row>;
}

/** A period per month, named `<feed>_YYYY-MM`. */
export function monthlyPeriods(ctx: DemoContext): DemoPeriod[] {
  return ctx.months.map((month) => ({label: month, stem: `${ctx.contract.feed}_${month}`}));
}

/**
 * Units of the catalog a unit-level feed concerns: the responsible units of every task of the indicators whose
 * metrics the feed measures (e.g. the 12345 hotline measures government-services metrics, so the units of tasks
 * 1–5), in catalog order, leaving out `collective` entries such as 各行业主管部门 that are not one office.
 */
export function unitsConcerned(ctx: Pick<DemoContext, "catalog" | "contract">): string[] {
  const {catalog, contract} = ctx;
  const indicators = new Set(catalog.metrics.filter((m) => contract.metrics.includes(m.id)).map((m) => m.indicator));
  const wanted = new Set(catalog.tasks.filter((t) => indicators.has(t.indicator)).flatMap((t) => t.units));
  return catalog.units.filter((u) => wanted.has(u.id) && u.kind !== "collective").map((u) => u.id);
}
