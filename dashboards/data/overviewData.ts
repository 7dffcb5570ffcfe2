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

export function metricInfo(plan: PlanJson, id: string | null): MetricInfo | null {
  const m = id === null ? undefined : plan.metrics.find((x) => x.id === id);
  return m ? {id: m.id, name_zh: m.name_zh, name_en: m.name_en, unit: m.unit, polarity: m.polarity} : null;
}

/**
 * The indicator cards in plan order: indicators.json joined with the catalog's names, the latest tier verdict's
 * `on_course` (tiers.csv, latest year), the latest forecast of the headline target (forecasts.csv) and the national
 * advanced reference (national.csv). Pure.
 */
export function indicatorCards(
  plan: PlanJson,
  indicators: IndicatorExport[],
  tiers: ExportRow<"tiers.csv">[],
  forecasts: ExportRow<"forecasts.csv">[],
  national: ExportRow<"national.csv">[],
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
): OverviewData {
  const cards = indicatorCards(plan, indicators, tiers, forecasts, national);
  return {
    as_of: manifest.as_of,
    generated_at: manifest.generated_at,
    synthetic: manifest.synthetic,
    tiers: tierSummaries(plan, cards),
    actions: [...plan.actions].sort((a, b) => a.number - b.number),
    cards,
  };
}
