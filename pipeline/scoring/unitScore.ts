import type {UnitScoreRule} from "./readBenchmarks.ts";

/** One unit's record: counts from task statuses and its service figures (rates on 0–100, null = no data). */
export interface UnitRecord {
  unit_id: string;
  /** Task × unit pairs the plan gives the unit. */
  tasks: number;
  /** Tasks whose deadline has passed by the as-of date (the on-time rate's denominator). */
  tasks_due: number;
  done_on_time: number;
  done_late: number;
  overdue: number;
  /** Overdue tasks open past their 710 supervision limit. */
  supervision_breaches: number;
  satisfaction_index: number | null;
  hotline_on_time_rate: number | null;
}

export interface UnitScore {
  unit_id: string;
  on_time_rate: number | null;
  score: number | null;
  rank: number | null;
  list: "top10" | "bottom10" | null;
}

/**
 * The one unit score of bizenv: the dashboards' units.csv (buildUnits.ts, the last `window_months` months) and the
 * assessment's 十佳 / 十差 (assess/assessUnits.ts, the period's months) both rank with it, so the same record gives
 * the same place everywhere.
 *
 * Score, rank and list of each unit (unit-score.yaml): the weighted mean of the components it has data for
 * (task on-time rate, satisfaction index, hotline on-time rate), minus the breach penalty per 710 breach, floored at
 * 0. Rank 1 = best, ties share the better rank. `top10`: rank ≤ list_size; `bottom10`: within list_size places of
 * the bottom and not top (with fewer than twice list_size units the bottom list shrinks); nobody tied with the
 * other end of the ranking is listed, so a ranking where everyone scores the same lists no one.
 *
 * @example scoreUnits([{unit_id: "a", tasks: 2, tasks_due: 2, done_on_time: 1, ..., satisfaction_index: 90, hotline_on_time_rate: null}], rule)
 */
export function scoreUnits(records: ReadonlyArray<UnitRecord>, rule: UnitScoreRule): UnitScore[] {
  const scored = records.map((r) => {
    const onTime = r.tasks_due > 0 ? (100 * r.done_on_time) / r.tasks_due : null;
    const parts: Array<[number | null, number]> = [
      [onTime, rule.weights.task_on_time_rate],
      [r.satisfaction_index, rule.weights.satisfaction_index],
      [r.hotline_on_time_rate, rule.weights.hotline_on_time_rate],
    ];
    const present = parts.filter((p): p is [number, number] => p[0] !== null && p[1] > 0);
    const weight = present.reduce((s, p) => s + p[1], 0);
    const score =
      weight > 0
        ? Math.max(
            0,
            present.reduce((s, p) => s + p[0] * p[1], 0) / weight - rule.breach_penalty * r.supervision_breaches,
          )
        : null;
    return {unit_id: r.unit_id, on_time_rate: onTime, score};
  });
  const ranked = scored.filter((s) => s.score !== null).sort((a, b) => b.score! - a.score!);
  const ranks = new Map<string, number>();
  ranked.forEach((s, i) => {
    const previous = ranked[i - 1];
    ranks.set(s.unit_id, previous && previous.score === s.score ? ranks.get(previous.unit_id)! : i + 1);
  });
  // Lists by rank from either end (ties share a place, so a list may run longer than list_size); top wins over bottom,
  // a unit tied with the bottom is never "top", one tied with the top never "bottom": equal scores make no lists.
  const best = ranked[0]?.score ?? null;
  const worst = ranked.at(-1)?.score ?? null;
  return scored.map((s) => {
    const rank = ranks.get(s.unit_id);
    // Places from the bottom: 1 + units scoring strictly lower (ties share it, as ranks do from the top).
    const fromBottom = s.score === null ? undefined : 1 + ranked.filter((r) => r.score! < s.score!).length;
    const list =
      rank === undefined || fromBottom === undefined
        ? null
        : rank <= rule.list_size && s.score !== worst
          ? "top10"
          : fromBottom <= rule.list_size && s.score !== best
            ? "bottom10"
            : null;
    return {...s, rank: ranks.get(s.unit_id) ?? null, list};
  });
}
