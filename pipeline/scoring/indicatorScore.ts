import {componentScore} from "./dtfScore.ts";

/** One component (二级指标) of an indicator: a metric with fixed bounds (metrics.yaml `component`). */
export interface ComponentInput {
  metric_id: string;
  /** The value scoring 100 and the value scoring 0, in the metric's unit. */
  frontier: number;
  worst: number;
  /** The city's judged value for the period, null when the period has none. */
  value: number | null;
}

interface ComponentResult {
  metric_id: string;
  value: number | null;
  frontier: number;
  worst: number;
  /** 0–100 against the fixed bounds; null without a value. */
  score: number | null;
  /** Points this component adds to the indicator score: score ÷ number of scored components. */
  contribution: number | null;
}

export interface IndicatorScore {
  /** Plain mean of the scored components' scores (前沿距离, 0–100); null when no component has a value. */
  score: number | null;
  /** Components with a value / all components of the indicator. */
  scored: number;
  total: number;
  components: ComponentResult[];
}

/**
 * An indicator's distance-to-frontier score (前沿距离) in one period: each component scored against its FIXED
 * bounds with the Doing Business formula (dtfScore.ts `componentScore`: 100 × (worst − value) / (worst − frontier),
 * clipped), then the plain mean over the components that have a value, as a Doing Business topic is the mean of its
 * components. Fixed bounds, not the sample's best and worst of the year: those would put the worst city at 0 by
 * construction and move the city's score whenever a peer's value moves. A component without a value is left out of
 * the mean rather than counted as 0, and `scored`/`total` say how many stood in.
 *
 * @example indicatorScore([{metric_id: "t", frontier: 0.5, worst: 100, value: 8}, {metric_id: "p", frontier: 1, worst: 18, value: 4}]).score // 87.41 (mean of 92.46 and 82.35)
 */
export function indicatorScore(components: readonly ComponentInput[]): IndicatorScore {
  const scores = components.map((c) =>
    c.value === null ? null : componentScore(c.value, {best: c.frontier, worst: c.worst}),
  );
  const present = scores.filter((s): s is number => s !== null);
  const n = present.length;
  return {
    score: n === 0 ? null : present.reduce((a, b) => a + b, 0) / n,
    scored: n,
    total: components.length,
    components: components.map((c, i) => ({
      metric_id: c.metric_id,
      value: c.value,
      frontier: c.frontier,
      worst: c.worst,
      score: scores[i]!,
      contribution: scores[i] === null ? null : scores[i]! / n,
    })),
  };
}
