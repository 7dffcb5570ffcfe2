import type {PlanJson} from "../../pipeline/catalog/index.ts";
import type {ExportManifest, ExportRow, Freshness, IndicatorExport} from "../../pipeline/export/exportsContract.ts";
import {referenceLines} from "./referenceLines.ts";

/** A metric as the pages label it. */
export interface MetricInfo {
  id: string;
  name_zh: string;
  name_en: string;
  unit: string;
  polarity: "lower_is_better" | "higher_is_better";
}

/** A feed as the cards name it (its contract's names), and whether any row of it is loaded (feed_health.csv). */
export interface FeedInfo {
  feed: string;
  name_zh: string;
  name_en: string;
  loaded: boolean;
}

/**
 * Why a card has no latest value: the catalog has no metric for the indicator yet (`no_metric`), a feed that
 * measures it has no loaded row (`missing_feed`, named in `missing_feeds`), or its feeds are loaded but no period
 * had enough cases to judge (`too_few_cases`). Null when the card has a value.
 */
type UnmeasuredReason = "no_metric" | "missing_feed" | "too_few_cases";

/** One indicator card: what indicators.json says, named, with its deadline forecast and national references. */
export interface IndicatorCard extends Omit<IndicatorExport, "headline_metric"> {
  number: number;
  name_zh: string;
  name_en: string;
  metric: MetricInfo | null;
  /** The plan clause whose target the card shows (the first target of the headline metric at that value). */
  target_clause: string | null;
  /** Whether the latest tier verdict reaches the tier goal; null when there is no verdict. */
  on_course: boolean | null;
  /** Data too old to trust (freshness other than ok): the card is grey whatever the status says. */
  stale: boolean;
  /** The latest forecast for the target's deadline (forecasts.csv), if any. */
  forecast:
    | (Pick<ExportRow<"forecasts.csv">, "projected" | "lower" | "upper" | "actual_at_deadline"> & {
        as_of_month: string;
        deadline: string;
      })
    | null;
  /** The national advanced reference (全国先进 / 先进值) of the headline metric, latest year (REFERENCE_LINES). */
  national_advanced: number | null;
  /** The feeds of the indicator's metrics (catalog `metric.feed`) with no loaded row, in catalog order. */
  missing_feeds: FeedInfo[];
  /** Why there is no latest value; null when there is one. A card says 无数据 only with its reason. */
  unmeasured: UnmeasuredReason | null;
}

export interface TierSummary {
  id: string;
  name_zh: string;
  name_en: string;
  deadline: string;
  indicators: string[];
  /** Indicators whose verdict reaches the goal, and those with any verdict at all. */
  on_course: number;
  assessed: number;
  /** Of the assessed, verdicts from the official evaluation (官方评价); the rest are bizenv's simulation (模拟评价). */
  official: number;
  /** Simulated verdicts made on peers' earlier-year values (暂定). */
  provisional: number;
}

export interface OverviewData {
  as_of: string;
  generated_at: string;
  synthetic: boolean;
  tiers: TierSummary[];
  actions: Array<{id: string; number: number; name_zh: string; name_en: string}>;
  cards: IndicatorCard[];
}

/** Whether a feed's freshness makes its figures stale (only `ok` is fresh; no data is never fresh). */
export function isStale(freshness: Freshness | null): boolean {
  return freshness !== "ok";
}

/** Each contract's feed with its names and whether feed_health.csv counts any loaded row of it. Pure. */
export function feedInfo(
  contracts: ReadonlyArray<{feed: string; name_zh: string; name_en: string}>,
  health: ReadonlyArray<Pick<ExportRow<"feed_health.csv">, "feed" | "rows">>,
): FeedInfo[] {
  const rows = new Map(health.map((h) => [h.feed, h.rows ?? 0]));
  return contracts.map((c) => ({feed: c.feed, name_zh: c.name_zh, name_en: c.name_en, loaded: (rows.get(c.feed) ?? 0) > 0}));
}

/**
 * The feeds that measure an indicator (its metrics' `feed` in the catalog) and have no loaded row: what a card
 * without data names. A feed the contracts do not know is named by its id and counted missing.
 */
function missingFeeds(plan: PlanJson, indicatorId: string, feeds: readonly FeedInfo[]): FeedInfo[] {
  const ids = [
    ...new Set(
      plan.metrics
        .filter((m) => m.indicator === indicatorId && m.feed !== null && m.derived_from === null)
        .map((m) => m.feed!),
    ),
  ];
  return ids
    .map((id) => feeds.find((f) => f.feed === id) ?? {feed: id, name_zh: id, name_en: id, loaded: false})
    .filter((f) => !f.loaded);
}

export function metricInfo(plan: PlanJson, id: string | null): MetricInfo | null {
  const m = id === null ? undefined : plan.metrics.find((x) => x.id === id);
  return m ? {id: m.id, name_zh: m.name_zh, name_en: m.name_en, unit: m.unit, polarity: m.polarity} : null;
}

/**
 * The indicator cards in plan order: indicators.json joined with the catalog's names, the latest tier verdict's
 * `on_course` (tiers.csv, latest year), the latest forecast of the headline target (forecasts.csv) and the national
 * advanced reference (national.csv), and for a card without a latest value the reason and the feeds missing
 * (`feeds`: feedInfo over feed_health.csv). Pure.
 */
export function indicatorCards(
  plan: PlanJson,
  indicators: IndicatorExport[],
  tiers: ExportRow<"tiers.csv">[],
  forecasts: ExportRow<"forecasts.csv">[],
  national: ExportRow<"national.csv">[],
  feeds: readonly FeedInfo[],
): IndicatorCard[] {
  const byId = new Map(indicators.map((i) => [i.indicator_id, i]));
  const tierRank = new Map(plan.tiers.map((t) => [t.id as string, t.rank]));
  return [...plan.indicators]
    .sort((a, b) => a.number - b.number)
    .map((ind) => {
      const exported = byId.get(ind.id);
      if (!exported) throw new Error(`indicators.json has no row for indicator ${ind.id}`);
      const {headline_metric, ...rest} = exported;
      const target =
        plan.targets.find(
          (t) =>
            t.metric === headline_metric && t.value === exported.target_value && t.comparator === exported.comparator,
        ) ?? null;
      const latestTier = tiers
        .filter((t) => t.indicator_id === ind.id && t.year !== null)
        .sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0];
      const verdictRank = exported.tier_verdict ? tierRank.get(exported.tier_verdict) : undefined;
      const onCourse =
        latestTier?.on_course ??
        (verdictRank === undefined ? null : verdictRank <= (tierRank.get(exported.tier_goal) ?? 0));
      const forecast = target
        ? forecasts
            .filter((f) => f.clause === target.clause && f.as_of_month !== null)
            .sort((a, b) => a.as_of_month!.localeCompare(b.as_of_month!))
            .at(-1)
        : undefined;
      const advanced = headline_metric
        ? referenceLines(national, headline_metric).find((l) => l.kind === "advanced")
        : undefined;
      const missing = missingFeeds(plan, ind.id, feeds);
      return {
        ...rest,
        number: ind.number,
        name_zh: ind.name_zh,
        name_en: ind.name_en,
        metric: metricInfo(plan, headline_metric),
        target_clause: target?.clause ?? null,
        on_course: onCourse,
        stale: isStale(exported.freshness),
        forecast: forecast
          ? {
              as_of_month: forecast.as_of_month!,
              deadline: forecast.deadline ?? "",
              projected: forecast.projected,
              lower: forecast.lower,
              upper: forecast.upper,
              actual_at_deadline: forecast.actual_at_deadline,
            }
          : null,
        national_advanced: advanced?.value ?? null,
        missing_feeds: missing,
        unmeasured:
          exported.latest_value !== null
            ? null
            : !plan.metrics.some((m) => m.indicator === ind.id)
              ? "no_metric"
              : missing.length > 0
                ? "missing_feed"
                : "too_few_cases",
      };
    });
}

/** The three tier goals (most ambitious first) with how many of their indicators are on course. Pure. */
function tierSummaries(plan: PlanJson, cards: IndicatorCard[]): TierSummary[] {
  return [...plan.tiers]
    .sort((a, b) => a.rank - b.rank)
    .map((tier) => {
      const members = cards.filter((c) => c.tier_goal === tier.id);
      return {
        id: tier.id,
        name_zh: tier.name_zh,
        name_en: tier.name_en,
        deadline:
          members
            .map((c) => c.tier_goal_deadline)
            .sort()
            .at(-1) ?? "",
        indicators: members.map((c) => c.indicator_id),
        on_course: members.filter((c) => c.on_course === true).length,
        assessed: members.filter((c) => c.on_course !== null).length,
        official: members.filter((c) => c.on_course !== null && c.tier_verdict_source === "official").length,
        provisional: members.filter((c) => c.on_course !== null && c.tier_provisional === true).length,
      };
    })
    .filter((t) => t.indicators.length > 0);
}

/** Everything the overview and the meeting-room screen show, in one small file. */
export function overviewData(
  plan: PlanJson,
  manifest: ExportManifest,
  indicators: IndicatorExport[],
  tiers: ExportRow<"tiers.csv">[],
  forecasts: ExportRow<"forecasts.csv">[],
  national: ExportRow<"national.csv">[],
  feeds: readonly FeedInfo[],
): OverviewData {
  const cards = indicatorCards(plan, indicators, tiers, forecasts, national, feeds);
  return {
    as_of: manifest.as_of,
    generated_at: manifest.generated_at,
    synthetic: manifest.synthetic,
    tiers: tierSummaries(plan, cards),
    actions: [...plan.actions].sort((a, b) => a.number - b.number),
    cards,
  };
}
