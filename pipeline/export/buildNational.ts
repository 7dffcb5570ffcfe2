import type {Catalog} from "../catalog/index.ts";
import {statisticValue} from "../scoring/attainment.ts";
import {CITY, type MetricPeriodRow} from "./buildAttainment.ts";
import {frontierScore, peerStanding} from "../scoring/peerStanding.ts";
import {judgedStatistic, minCases, type Benchmarks} from "../scoring/readBenchmarks.ts";
import {onCourse, tierVerdict, type TierVerdict} from "../scoring/tierVerdict.ts";
import {indicatorScore} from "../scoring/indicatorScore.ts";

/** One row of the peer_benchmarks feed (stg_peer_benchmarks). */
export interface PeerValue {
  city: string;
  metric_id: string;
  year: number;
  value: number;
  source: string;
}

/** One row of national.csv. */
export interface NationalRow {
  metric_id: string;
  year: number;
  city_value: number | null;
  reference: string;
  reference_value: number | null;
  source: string;
  dtf_score: number | null;
  peer_rank: number | null;
  peer_count: number | null;
  percentile: number | null;
}

/** One row of the official_evaluation_results feed (stg_official_evaluation_results): 官方评价. */
export interface OfficialResult {
  indicator_id: string;
  year: number;
  standing: Exclude<TierVerdict, "no_data">;
  is_benchmark: boolean | null;
  rank: number | null;
  percentile: number | null;
  source_document: string;
}

/** One row of tiers.csv. */
export interface TierRow {
  indicator_id: string;
  year: number;
  /** The verdict that counts: the official result when published, else bizenv's simulated one. */
  verdict: TierVerdict;
  /** `official` (官方评价, the evaluation's published result) or `simulated` (模拟评价, tier-rules.yaml). */
  verdict_source: "official" | "simulated";
  /** bizenv's own verdict, kept beside an official one for comparison. */
  simulated_verdict: TierVerdict;
  /** The simulated verdict used peers' values of an earlier year (暂定) until the same year's are loaded. */
  is_provisional: boolean;
  official_is_benchmark: boolean | null;
  official_rank: number | null;
  official_percentile: number | null;
  official_source: string | null;
  rule_id: string | null;
  rule_text: string;
  evidence: string;
  goal: string;
  goal_deadline: string;
  on_course: boolean | null;
}

/** The city's standing on one metric in one year. */
export interface MetricStanding {
  metric_id: string;
  year: number;
  city_value: number | null;
  peers_year: number | null;
  peer_count: number;
  rank: number | null;
  percentile: number | null;
  dtf: number | null;
  /** The fixed bound scoring 100, in the metric's unit; null when the metric has no fixed bound yet. */
  frontier: number | null;
  /** The fixed bound scoring 0, in the metric's unit; null when the metric is not a component. */
  worst: number | null;
  /** Which fixed bound (`DB2020 starting_a_business.time_days`), null when none. */
  frontier_source: string | null;
}

type Ctx = {catalog: Pick<Catalog, "metrics" | "indicators" | "targets">; benchmarks: Benchmarks; asOf: string};

/**
 * The city's judged value of each metric per year (segment `all`), its rank and percentile among the peer cities of
 * that year (or their latest earlier year) and its distance-to-frontier score against the metric's fixed bounds
 * (metrics.yaml `component`; a metric that is not a component has none).
 */
export function metricStandings(
  rows: readonly MetricPeriodRow[],
  peers: readonly PeerValue[],
  ctx: Ctx,
): MetricStanding[] {
  const out: MetricStanding[] = [];
  const lastYear = Number(ctx.asOf.slice(0, 4));
  for (const metric of ctx.catalog.metrics) {
    const statistic = judgedStatistic(ctx.benchmarks.judging, metric);
    const min = minCases(ctx.benchmarks.judging, metric.id);
    const cityByYear = new Map<number, number>();
    for (const r of rows) {
      if (r.metric_id !== metric.id || r.area_id !== CITY || r.segment !== "all" || r.period_type !== "year") continue;
      const v = r.n >= min ? statisticValue(r, statistic) : null;
      if (v !== null) cityByYear.set(Number(r.period), v);
    }
    const own = peers.filter((p) => p.metric_id === metric.id);
    const peerYears = [...new Set(own.map((p) => p.year))].sort((a, b) => a - b);
    const fixed = ctx.benchmarks.tierBounds.find((b) => b.metric === metric.id);
    const years = [...new Set([...cityByYear.keys(), ...peerYears])].filter((y) => y <= lastYear).sort((a, b) => a - b);
    for (const year of years) {
      const city = cityByYear.get(year) ?? null;
      const peersYear = [...peerYears].reverse().find((y) => y <= year) ?? null;
      const values = peersYear === null ? [] : own.filter((p) => p.year === peersYear).map((p) => p.value);
      const standing = city === null ? null : peerStanding(city, values, metric.polarity);
      out.push({
        metric_id: metric.id,
        year,
        city_value: city,
        peers_year: peersYear,
        peer_count: values.length,
        rank: standing?.rank ?? null,
        percentile: standing?.percentile ?? null,
        dtf:
          city === null || fixed === undefined ? null : frontierScore(city, {frontier: fixed.best, worst: fixed.worst}),
        frontier: fixed?.best ?? null,
        worst: fixed?.worst ?? null,
        frontier_source: fixed?.component ?? null,
      });
    }
  }
  return out;
}

/**
 * national.csv: per metric and year, one row per reference value (national-references.yaml, empty values kept), the
 * best peer value, and the excellent threshold (thresholds.yaml) where one is set; each row repeats the city's
 * value, DTF score, rank and percentile.
 */
export function buildNational(
  standings: readonly MetricStanding[],
  peers: readonly PeerValue[],
  ctx: Ctx,
): NationalRow[] {
  const out: NationalRow[] = [];
  for (const s of standings) {
    const common = {
      metric_id: s.metric_id,
      year: s.year,
      city_value: s.city_value,
      dtf_score: s.dtf,
      peer_rank: s.peer_count > 0 ? s.rank : null,
      peer_count: s.peer_count > 0 ? s.peer_count + (s.city_value === null ? 0 : 1) : null,
      percentile: s.percentile,
    };
    for (const r of ctx.benchmarks.references.filter((x) => x.metric === s.metric_id)) {
      out.push({
        ...common,
        reference: r.reference,
        reference_value: r.value,
        source: `${r.source} [${r.unit}${r.comparable ? "" : ", not comparable"}]`,
      });
    }
    const metric = ctx.catalog.metrics.find((m) => m.id === s.metric_id)!;
    const yearPeers = peers.filter((p) => p.metric_id === s.metric_id && p.year === s.peers_year);
    if (yearPeers.length > 0) {
      const top = [...yearPeers].sort((a, b) =>
        metric.polarity === "lower_is_better" ? a.value - b.value : b.value - a.value,
      )[0]!;
      out.push({
        ...common,
        reference: "best_peer",
        reference_value: top.value,
        source: `peer_benchmarks ${s.peers_year}: ${top.city} (${top.source})`,
      });
    }
    for (const t of ctx.catalog.targets.filter((x) => x.metric === s.metric_id && x.segment === null)) {
      const th = ctx.benchmarks.thresholds.find((x) => x.clause === t.clause);
      if (th?.excellent != null) {
        out.push({
          ...common,
          reference: "excellent_threshold",
          reference_value: th.excellent,
          source: `thresholds.yaml clause ${t.clause}: ${th.source}`,
        });
      }
    }
  }
  return out;
}

/**
 * tiers.csv: per indicator and year from the first year with data to the as-of year. bizenv's simulated verdict
 * (模拟评价) is tier-rules.yaml's ladder on the mean percentile over the indicator's metrics, its indicator score
 * (indicatorScore.ts: the mean of its components' scores against fixed bounds, with or without peers), the
 * previous year's mean DTF and each component's change; it is provisional (暂定) when peers' values of an earlier
 * year stood in, or the city's own latest earlier value of a metric whose value of the year is not loaded yet
 * (tier-rules.yaml `stand_in`: a yearly feed arrives months after its year, and the as-of year is not complete). The official evaluation's published result (官方评价) takes precedence when there is one for the
 * indicator and year. Each row says which source gave the verdict, the rule and evidence, and whether it reaches the
 * plan's tier goal.
 */
export function buildTiers(
  standings: readonly MetricStanding[],
  ctx: Ctx,
  official: readonly OfficialResult[] = [],
): TierRow[] {
  const years = [
    ...new Set([...standings.filter((s) => s.city_value !== null).map((s) => s.year), ...official.map((o) => o.year)]),
  ]
    .filter((y) => y <= Number(ctx.asOf.slice(0, 4)))
    .sort((a, b) => a - b);
  const out: TierRow[] = [];
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const round = (x: number) => Math.round(x * 10) / 10;
  for (const indicator of ctx.catalog.indicators) {
    const metricIds = ctx.catalog.metrics
      .filter((m) => m.indicator === indicator.id && !m.derived_from)
      .map((m) => m.id);
    const maxBack = ctx.benchmarks.tierStandIn.max_years_back;
    const evidenceOf = (year: number) => {
      // Each metric's standing of the year, else its latest loaded one at most `maxBack` years before (a stand-in,
      // provisional: tier-rules.yaml `stand_in`). Catalog order, as metricStandings writes them.
      const chosen = metricIds.flatMap((id) => {
        const found = standings
          .filter((s) => s.metric_id === id && s.city_value !== null && s.year <= year && s.year >= year - maxBack)
          .sort((a, b) => b.year - a.year)[0];
        return found ? [found] : [];
      });
      const ranked = chosen.filter((s) => s.percentile !== null);
      // The DTF is the indicator score (前沿距离): the components' fixed bounds need no peers.
      const scored = chosen.filter((s) => s.dtf !== null);
      return {
        own: [...ranked, ...scored.filter((s) => !ranked.includes(s))],
        scored,
        percentile: mean(ranked.map((s) => s.percentile!)),
        dtf: indicatorScore(
          scored.map((s) => ({metric_id: s.metric_id, frontier: s.frontier!, worst: s.worst!, value: s.city_value})),
        ).score,
      };
    };
    for (const year of years) {
      const now = evidenceOf(year);
      const before = evidenceOf(year - 1);
      const component_changes = now.scored.flatMap((s) => {
        const prev = before.scored.find((b) => b.metric_id === s.metric_id);
        return prev ? [{metric_id: s.metric_id, change: s.dtf! - prev.dtf!}] : [];
      });
      const {verdict, rule, undecided} = tierVerdict(
        {percentile: now.percentile, dtf: now.dtf, previous_dtf: before.dtf, component_changes},
        ctx.benchmarks.tierRules,
      );
      const hasComponents = metricIds.some((m) => ctx.benchmarks.tierBounds.some((b) => b.metric === m));
      const parts =
        metricIds.length === 0
          ? ["no quantitative metric in the catalog"]
          : now.own.length === 0
            ? [`no peer values and no component value for ${metricIds.join(", ")}`]
            : [
                `percentile ${now.percentile === null ? "—" : round(now.percentile)}, DTF ${now.dtf === null ? "—" : round(now.dtf)} (previous year ${before.dtf === null ? "—" : round(before.dtf)})`,
                ...now.own.map((s) => {
                  const change = component_changes.find((c) => c.metric_id === s.metric_id);
                  const rank = s.peer_count > 0 ? ` rank ${s.rank}/${s.peer_count + 1} (peers ${s.peers_year})` : "";
                  const of = s.year < year ? ` (${s.year} value)` : "";
                  return `${s.metric_id}${of}: ${round(s.city_value!)}${rank}, DTF ${s.dtf === null ? "—" : round(s.dtf)}${change ? ` (${change.change >= 0 ? "+" : ""}${round(change.change)})` : ""}${s.frontier === null ? "" : ` vs ${s.frontier_source} best ${Math.round(s.frontier * 100) / 100}`}`;
                }),
              ];
      if (metricIds.length > 0 && !hasComponents)
        parts.push("no component (二级指标) with fixed bounds in the catalog yet");
      // Two reasons for 暂定: the peers' values of the year are not published yet (their latest earlier year stood
      // in), or the city's own value of the year is not loaded yet (its latest earlier value stood in).
      const standIns = now.own.filter((s) => s.year < year);
      const provisionalFrom = now.own.filter((s) => s.year === year && s.peers_year !== null && s.peers_year < year);
      if (provisionalFrom.length > 0) {
        parts.push(
          `provisional: peers' ${year} values not loaded yet for ${provisionalFrom.map((s) => s.metric_id).join(", ")}`,
        );
      }
      if (standIns.length > 0) {
        parts.push(
          `provisional: the city's ${year} value not loaded yet for ${standIns.map((s) => `${s.metric_id} (its ${s.year} value stands in)`).join(", ")}`,
        );
      }
      const goal = indicator.tier_goal.tier;
      const published = official.find((o) => o.indicator_id === indicator.id && o.year === year);
      const simulatedText =
        rule?.text ??
        (undecided
          ? `cannot decide ${undecided.id} (${undecided.text}) on this evidence: no verdict`
          : `none of ${ctx.benchmarks.tierRules.map((r) => r.id).join(", ")} holds: below`);
      out.push({
        indicator_id: indicator.id,
        year,
        verdict: published?.standing ?? verdict,
        verdict_source: published ? "official" : "simulated",
        simulated_verdict: verdict,
        is_provisional: !published && verdict !== "no_data" && provisionalFrom.length + standIns.length > 0,
        official_is_benchmark: published?.is_benchmark ?? null,
        official_rank: published?.rank ?? null,
        official_percentile: published?.percentile ?? null,
        official_source: published?.source_document ?? null,
        rule_id: published ? null : (rule?.id ?? null),
        rule_text: published
          ? `official evaluation result (${published.source_document}); simulated: ${verdict}, ${simulatedText}`
          : simulatedText,
        evidence: parts.join("; "),
        goal,
        goal_deadline: indicator.tier_goal.deadline,
        on_course: onCourse(published?.standing ?? verdict, goal),
      });
    }
  }
  return out;
}
