import {epochDay} from "../../calendar/localTime.ts";
import {dateCell, type Row} from "../cells.ts";
import {createRng} from "../prng.ts";
import type {DemoContext, FeedGenerator} from "./feedGenerator.ts";

/**
 * Peer cities: resident population in 10,000s (2020 census, rounded; used only to weight summaries) and how far
 * each sits from the plan's targets in this SYNTHETIC file (< 1 better than the target, > 1 worse). No real
 * peer values exist for these metrics (see /work/shared/notes/xining-and-peers.md): every value is invented.
 */
const PEERS = [
  {city: "杭州", population: 1193.6, standing: 0.6},
  {city: "深圳", population: 1756.0, standing: 0.6},
  {city: "成都", population: 2093.8, standing: 0.75},
  {city: "西安", population: 1295.3, standing: 0.8},
  {city: "银川", population: 285.9, standing: 0.8},
  {city: "兰州", population: 435.9, standing: 1.05},
  {city: "乌鲁木齐", population: 405.4, standing: 1.1},
  {city: "呼和浩特", population: 344.6, standing: 1.1},
] as const;

/** Typical levels for metrics the plan sets no target for (same units as the catalog's metric). */
const TYPICAL: Record<string, number> = {
  construction_approval_time_workdays: 60,
  new_taxpayer_handling_time_hours: 1.5,
  hotline_on_time_rate_pct: 96,
  hotline_satisfaction_rate_pct: 94,
  enterprise_satisfaction_index: 92,
  citizen_satisfaction_index: 93,
};

/**
 * Where the typical peer sits on a component the plan sets no target or typical level for, as a share of the way
 * from its worst fixed bound to its frontier (metrics.yaml `component`): 0.8, a distance-to-frontier score of 80,
 * between the 全国先进 and 全国一流 thresholds of tier-rules.yaml, so the demo's peers are neither all ahead nor all
 * behind the city. A demo choice, not a finding: every such value is SYNTHETIC like the rest of this file.
 */
const TYPICAL_COMPONENT_DTF = 0.8;

/**
 * 对标城市数据: one file, each peer city × each measured (not derived) metric of the catalog × each year whose values
 * were "published" (15 April of the next year) by the as-of date. Each value is the target (or a typical level)
 * moved by the city's standing and noise; the source column says SYNTHETIC. The components (二级指标) without a
 * target or typical level follow, placed on their fixed bounds (TYPICAL_COMPONENT_DTF), so every component has
 * peers and every tier rule's percentile can be decided; they come after the others, from a generator of their own,
 * so the rows of the metrics that had peers before keep their values and places.
 */
export function peerBenchmarksFeed(ctx: DemoContext): FeedGenerator {
  const {catalog} = ctx;
  const years = [2021, 2022, 2023].filter((y) => epochDay(`${y + 1}-04-15`) <= ctx.asOfDay);
  return {
    description: "one row per peer city, metric and year; values invented around the plan's targets",
    periods: () => [{label: "all", stem: ctx.contract.feed}],
    *rows() {
      const rng = createRng(ctx.seed, ctx.contract.feed);
      for (const year of years) {
        for (const peer of PEERS) {
          for (const metric of catalog.metrics.filter((m) => !m.derived_from)) {
            const target =
              catalog.targets.find((t) => t.metric === metric.id && !t.segment) ??
              catalog.targets.find((t) => t.metric === metric.id);
            const level = target?.value ?? TYPICAL[metric.id];
            if (level === undefined) continue;
            const better = peer.standing * rng.logNormal(1, 0.15) * (year === 2022 ? 0.95 : 1);
            // Percentages are moved by their gap to 100 %, so a better city gets closer to 100 and never above it.
            const value =
              metric.unit === "percent"
                ? metric.polarity === "higher_is_better"
                  ? 100 - (100 - level) * better
                  : Math.min(100, level * better)
                : metric.polarity === "lower_is_better"
                  ? level * better
                  : level / better;
            const row: Row = {
              city: peer.city,
              metric: metric.id,
              year,
              value: Math.round(value * 100) / 100,
              population_10k: peer.population,
              source: "SYNTHETIC bizenv demo value, not a published figure",
              published_on: dateCell(epochDay(`${year + 1}-04-15`)),
            };
            yield row;
          }
        }
      }
      const componentRng = createRng(ctx.seed, `${ctx.contract.feed}:components`);
      const boundsOnly = catalog.metrics.filter(
        (m) =>
          !m.derived_from &&
          m.component &&
          TYPICAL[m.id] === undefined &&
          !catalog.targets.some((t) => t.metric === m.id),
      );
      for (const year of years) {
        for (const peer of PEERS) {
          for (const metric of boundsOnly) {
            const {frontier, worst} = metric.component!;
            const better = peer.standing * componentRng.logNormal(1, 0.15) * (year === 2022 ? 0.95 : 1);
            // The peer's distance to the frontier is the typical one scaled by its standing: a better city (< 1) is
            // nearer the frontier; never past the bounds (a value beyond them would score like the bound anyway).
            const dtf = Math.min(1, Math.max(0, 1 - (1 - TYPICAL_COMPONENT_DTF) * better));
            const row: Row = {
              city: peer.city,
              metric: metric.id,
              year,
              value: Math.round((worst + (frontier - worst) * dtf) * 100) / 100,
              population_10k: peer.population,
              source: "SYNTHETIC bizenv demo value, not a published figure",
              published_on: dateCell(epochDay(`${year + 1}-04-15`)),
            };
            yield row;
          }
        }
      }
    },
  };
}
