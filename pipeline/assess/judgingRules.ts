import type {Catalog} from "../catalog/index.ts";
import {judgingRule} from "../export/judgingRule.ts";
import {segmentLabel} from "../scoring/periods.ts";
import {judgedStatistic, minCases, readBenchmarks, type Judging} from "../scoring/readBenchmarks.ts";
import type {Lang} from "./types.ts";

/**
 * Every target's judging rule in words, in plan order, for the assessment's method section: the quantity judged,
 * its population and denominator where it is a share, the baseline, and its source. `judging` defaults to
 * sources/benchmarks/judging.yaml, the file `bizenv score` judged with.
 */
export function judgingRules(
  catalog: Pick<Catalog, "targets" | "metrics">,
  lang: Lang,
  judging: Judging = readBenchmarks(catalog).judging,
): string[] {
  return catalog.targets.map((target) => {
    const metric = catalog.metrics.find((m) => m.id === target.metric)!;
    return judgingRule(
      {
        target: {...target, segment: segmentLabel(target.segment)},
        metric,
        statistic: judgedStatistic(judging, metric),
        minCases: minCases(judging, metric.id),
      },
      lang,
    );
  });
}
