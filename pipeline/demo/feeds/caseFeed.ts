import type {ContractColumn} from "../../ingest/contractSchema.ts";
import {areaLag, type AreaProfile} from "../areaProfile.ts";
import {dateCell, timeCell, type DateCell, type Row, type TimeCell} from "../cells.ts";
import {daysOfMonth, type Moment} from "../demoClock.ts";
import {between} from "../planTrend.ts";
import {createRng, type Rng} from "../prng.ts";
import {monthlyPeriods, type DemoContext, type DemoPeriod, type FeedGenerator} from "./feedGenerator.ts";

/** Workdays in an average Chinese year, to turn a monthly volume into a volume per open office day. */
const WORKDAYS_PER_YEAR = 250;
/** Expected cases a month never fall below this at small scales, so no month's file comes out empty. */
const MIN_MONTHLY_CASES = 8;

/** One case being built: the engine has drawn its arrival, area and start; the model fills the rest. */
export interface CaseDraft {
  row: Row;
  rng: Rng;
  ctx: DemoContext;
  month: string;
  /** Plan progress of the month (0 = 2021 baseline, 1 = end level), see `PlanTrend`. */
  progress: number;
  /** The area drawn for the case, or `null` for feeds without an area column. */
  area: AreaProfile | null;
  /** Duration multiplier of the area at this progress (1 in the main districts). */
  lag: number;
  /** Arrival (the as-of column's value). */
  start: Moment;
  /** Filed outside office hours or on a day offices are closed (so only online filing is possible). */
  afterHours: boolean;
}

/** What distinguishes one case feed: volume, arrival pattern, and how a case's columns are filled. */
export interface CaseModel {
  /** What one row is, in the plural, for the manifest: `start-ups`, `loans`, `ratings`. */
  noun: string;
  /** Cases per month at scale 1 (a city of 2.5 million). */
  monthlyVolume: number;
  /** Volume on a day offices are closed, relative to a workday (online filing only). */
  closedDayWeight: number;
  /** Share of a workday's arrivals outside office hours (0 for counter-only or date-only feeds). */
  afterHoursShare: number;
  /** Volume growth per year (0.05 = +5 % a year from 2021). */
  growthPerYear?: number;
  /** Volume shares by area id, replacing the area profile's (may name the city itself, `xining`). */
  areaShares?: Readonly<Record<string, number>>;
  /** Fill the case's columns (the engine has set the as-of and area columns). */
  fill(draft: CaseDraft): void;
  /** The case's identifier, from its month and 1-based sequence number within the month; called after `fill`. */
  caseId(draft: CaseDraft, seq: number): string;
}

/**
 * A feed of individual cases (one row per application, loan, rating…), one file per month. Arrivals are a Poisson
 * count per day, weighted by the working calendar (closed days get online filings only), with the Spring Festival
 * dip (almost nothing during the holiday, slow weeks around it); arrival times follow office hours. The contract
 * says which column is the start (`as_of_column`), the area (`area_column`) and the case number (the key column
 * that is free text).
 */
export function caseFeed(ctx: DemoContext, model: CaseModel): FeedGenerator {
  const {contract} = ctx;
  const startColumn = column(ctx, contract.as_of_column);
  const idColumn = contract.columns.find(
    (c) => contract.key.includes(c.name) && c.type === "varchar" && !c.allowed && !c.references,
  );
  const areas = areaChoices(ctx, model);
  return {
    description: `${model.noun}, ~${model.monthlyVolume} a month at scale 1, arriving on the working calendar`,
    periods: () => monthlyPeriods(ctx),
    rows: (period: DemoPeriod) => generate(ctx, model, period.label, startColumn, idColumn, areas),
  };
}

function* generate(
  ctx: DemoContext,
  model: CaseModel,
  month: string,
  startColumn: ContractColumn,
  idColumn: ContractColumn | undefined,
  areas: Array<readonly [AreaProfile, number]>,
): Generator<Row> {
  const {contract, clock} = ctx;
  const rng = createRng(ctx.seed, contract.feed, month);
  const progress = ctx.trend.progress(month);
  const year = Number(month.slice(0, 4));
  const growth = Math.pow(1 + (model.growthPerYear ?? 0), year - 2021 + Number(month.slice(5)) / 12);
  const monthly = Math.max(MIN_MONTHLY_CASES, model.monthlyVolume * ctx.scale);
  const perWorkday = (monthly * growth * 12) / WORKDAYS_PER_YEAR;
  const festival = clock.springFestival(year);
  const areaWeights = areas.map(([, w], i) => [i, w] as const);
  let seq = 0;
  for (const day of daysOfMonth(month, ctx.asOfDay)) {
    const open = clock.isWorkday(day);
    const count = rng.poisson(perWorkday * (open ? 1 : model.closedDayWeight) * festivalFactor(day, festival));
    const arrivals: Array<{second: number; afterHours: boolean}> = [];
    for (let i = 0; i < count; i++) {
      const afterHours = !open || rng.chance(model.afterHoursShare);
      const second = afterHours
        ? rng.chance(0.6)
          ? clock.officeSecond(rng) // a weekend or holiday filing in the daytime
          : clock.offHoursSecond(rng)
        : clock.officeSecond(rng);
      arrivals.push({second: startColumn.type === "date" ? 0 : second, afterHours});
    }
    arrivals.sort((a, b) => a.second - b.second);
    for (const arrival of arrivals) {
      const area = areas.length > 0 ? rng.weighted(areaWeights) : -1;
      const profile = area >= 0 ? areas[area]![0] : null;
      const start: Moment = {day, second: arrival.second};
      const row: Row = {};
      row[startColumn.name] = startColumn.type === "date" ? dateCell(day) : timeCell(day, arrival.second);
      if (contract.area_column !== undefined && profile) row[contract.area_column] = profile.id;
      const draft: CaseDraft = {
        row,
        rng,
        ctx,
        month,
        progress,
        area: profile,
        lag: profile ? areaLag(profile, progress) : 1,
        start,
        afterHours: arrival.afterHours,
      };
      model.fill(draft);
      seq++;
      if (idColumn) row[idColumn.name] = model.caseId(draft, seq);
      yield row;
    }
  }
}

/**
 * Volume factor of a day around the Spring Festival: 3 % during the holiday itself, 75 % in the week before it,
 * 65 % in the ten days after it (offices and applicants restart slowly), 1 otherwise.
 */
function festivalFactor(day: number, festival: {first: number; last: number} | null): number {
  if (!festival) return 1;
  if (day >= festival.first && day <= festival.last) return 0.03;
  if (day >= festival.first - 7 && day < festival.first) return 0.75;
  if (day > festival.last && day <= festival.last + 10) return 0.65;
  return 1;
}

function areaChoices(ctx: DemoContext, model: CaseModel): Array<readonly [AreaProfile, number]> {
  if (ctx.contract.area_column === undefined) return [];
  const shares = model.areaShares;
  if (!shares) return ctx.areas.map((a) => [a, a.share] as const);
  const city = ctx.catalog.areas.find((a) => a.kind === "city");
  const all: AreaProfile[] = [
    ...ctx.areas,
    ...(city ? [{id: city.id, share: 0, lag: [1, 1] as const, urbanShare: 1}] : []),
  ];
  for (const id of Object.keys(shares)) {
    if (!all.some((a) => a.id === id)) throw new Error(`demo model of ${ctx.contract.feed}: unknown area ${id}`);
  }
  return all.filter((a) => (shares[a.id] ?? 0) > 0).map((a) => [a, shares[a.id]!] as const);
}

function column(ctx: DemoContext, name: string): ContractColumn {
  const found = ctx.contract.columns.find((c) => c.name === name);
  if (!found) throw new Error(`contract ${ctx.contract.feed} has no column ${name}`);
  return found;
}

// ---- helpers the case models share -------------------------------------------------------------------------------

/**
 * A right-skewed duration (log-normal) whose median moves from `baseline` to `end` with plan progress and is
 * stretched by the area's lag (`lagWeight` 0 ignores the area). Same unit as the levels given.
 */
export function duration(
  d: CaseDraft,
  levels: {baseline: number; end: number; sigma: number; lagWeight?: number; min?: number},
): number {
  const median = between(levels.baseline, levels.end, d.progress) * Math.pow(d.lag, levels.lagWeight ?? 1);
  return Math.max(levels.min ?? 0, d.rng.logNormal(median, levels.sigma));
}

/** The moment `workdays` of office time after `from`, as a cell; `null` when it falls after the as-of date (open). */
export function afterOfficeTime(d: CaseDraft, from: Moment, workdays: number): TimeCell | null {
  const end = d.ctx.clock.addOfficeSeconds(from, Math.round(workdays * d.ctx.clock.secondsPerWorkday));
  return end.day > d.ctx.asOfDay ? null : timeCell(end.day, end.second);
}

/** The date `workdays` workdays after `fromDay` (legal counting), as a cell; `null` after the as-of date. */
export function afterWorkdays(d: CaseDraft, fromDay: number, workdays: number): DateCell | null {
  const day = d.ctx.clock.addWorkdays(fromDay, workdays);
  return day > d.ctx.asOfDay ? null : dateCell(day);
}

/** `yyyymm` of the draft's month, for case numbers. */
export function compactMonth(d: CaseDraft): string {
  return d.month.replace("-", "");
}

/** Round to `digits` decimals (values are written as text: no float noise such as 0.30000000000000004). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
