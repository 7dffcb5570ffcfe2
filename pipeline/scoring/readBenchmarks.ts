import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join, relative} from "node:path";
import YAML from "yaml";
import {z} from "zod";
import {isCeiling} from "../../dashboards/components/statusLabels.ts";
import type {Catalog} from "../catalog/index.ts";
import {unitOfMeasure} from "../catalog/schema.ts";
import {CatalogError, type Issue} from "../errors.ts";
import {projectRoot} from "../version.ts";
import {DEFAULT_BOUNDS_PATH, readDtfBounds, type DtfBounds} from "./dtfBounds.ts";

/**
 * The scoring rules kept as data in `sources/benchmarks/`: how a period is judged (judging.yaml), alert and
 * excellent thresholds (thresholds.yaml), national references (national-references.yaml), tier rules
 * (tier-rules.yaml), the 710 supervision rule (supervision-710.yaml) and the unit score (unit-score.yaml).
 * Validation is pure (`validateBenchmarks`); `readBenchmarks` does the IO.
 */

export const BENCHMARKS_DIR = join(projectRoot, "sources", "benchmarks");
const STATISTICS = ["median", "mean", "p90", "p10", "max", "min"] as const;
export type Statistic = (typeof STATISTICS)[number];
const statistic = z.enum(STATISTICS);
const unitName = unitOfMeasure;

const judgingSchema = z.strictObject({
  statistic_by_unit: z.record(unitName, statistic),
  statistic_by_metric: z.record(z.string(), statistic),
  min_cases: z.strictObject({
    default: z.int().positive(),
    by_metric: z.record(z.string(), z.int().positive()),
  }),
  forecast: z.strictObject({
    method: z.literal("ewls_linear"),
    window_months: z.int().min(2),
    half_life_months: z.number().positive(),
    min_points: z.int().min(2),
    interval: z.number().gt(0).lt(1),
  }),
  reject_rate_caveat_pct: z.number().min(0).max(100),
});

const thresholdsSchema = z.strictObject({
  thresholds: z.array(
    z.strictObject({
      clause: z.string(),
      alert: z.number(),
      excellent: z.number().nullable(),
      source: z.string().min(1),
    }),
  ),
});

const referencesSchema = z.strictObject({
  references: z.array(
    z.strictObject({
      metric: z.string(),
      reference: z.string().regex(/^[a-z][a-z0-9_]*$/),
      value: z.number().nullable(),
      unit: z.string().min(1),
      comparable: z.boolean(),
      source: z.string().min(1),
    }),
  ),
});

/** The thresholds a tier rule may set; each must name its reason or source in `sources`. */
const TIER_THRESHOLDS = ["min_percentile", "min_dtf", "min_dtf_gain", "max_component_fall"] as const;

const tierRulesSchema = z.strictObject({
  /** How far back a metric's latest value may stand in for a year whose own value is not loaded yet (暂定). */
  stand_in: z.strictObject({max_years_back: z.int().nonnegative(), source: z.string().min(1)}),
  rules: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]*$/),
        tier: z.enum(["national_first_class", "national_advanced", "comprehensive_improvement"]),
        text: z.string().min(1),
        min_percentile: z.number().min(0).max(100).optional(),
        min_dtf: z.number().min(0).max(100).optional(),
        min_dtf_gain: z.number().optional(),
        /** DTF points any one component may fall on the previous year (全面提升: a mean gain may not hide a fall). */
        max_component_fall: z.number().nonnegative().optional(),
        sources: z.partialRecord(z.enum(TIER_THRESHOLDS), z.string().min(1)),
      }),
    )
    .min(1),
});

const supervisionSchema = z.strictObject({
  rule_id: z.string().min(1),
  text: z.string().min(1),
  ordinary_close_days: z.int().nonnegative(),
  complex_result_days: z.int().nonnegative(),
  clear_by_year_end: z.boolean(),
  complex_min_units: z.int().positive(),
});

const unitScoreSchema = z.strictObject({
  weights: z.strictObject({
    task_on_time_rate: z.number().nonnegative(),
    satisfaction_index: z.number().nonnegative(),
    hotline_on_time_rate: z.number().nonnegative(),
  }),
  window_months: z.int().positive(),
  breach_penalty: z.number().nonnegative(),
  list_size: z.int().positive(),
});

export type Judging = z.infer<typeof judgingSchema>;
type Threshold = z.infer<typeof thresholdsSchema>["thresholds"][number];
type NationalReference = z.infer<typeof referencesSchema>["references"][number];
export type TierRule = z.infer<typeof tierRulesSchema>["rules"][number];
type TierStandIn = z.infer<typeof tierRulesSchema>["stand_in"];

/** A component metric's fixed DTF bounds, in the metric's own unit (metrics.yaml `component`). */
interface FixedBound {
  metric: string;
  /** `DB2020 starting_a_business.time_days`, or the component's name in the national evaluation. */
  component: string;
  /** Value scoring 100 and value scoring 0, converted into the metric's unit. */
  best: number;
  worst: number;
  source: string;
}
export type SupervisionRule = z.infer<typeof supervisionSchema>;
export type UnitScoreRule = z.infer<typeof unitScoreSchema>;

export interface Benchmarks {
  judging: Judging;
  thresholds: Threshold[];
  references: NationalReference[];
  tierRules: TierRule[];
  /** A year without the city's own value of a metric is judged on its latest value this recent, provisionally. */
  tierStandIn: TierStandIn;
  /** Fixed DTF bounds of the metrics that have one; a metric absent here has no fixed bound yet. */
  tierBounds: FixedBound[];
  supervision: SupervisionRule;
  unitScore: UnitScoreRule;
  /** sha256 over the six files' text: a change re-scores. */
  sha256: string;
}

const FILES = {
  judging: "judging.yaml",
  thresholds: "thresholds.yaml",
  references: "national-references.yaml",
  tierRules: "tier-rules.yaml",
  supervision: "supervision-710.yaml",
  unitScore: "unit-score.yaml",
} as const;

/**
 * Check the parsed files against their schemas and against the catalog (every target has a threshold on the
 * right side of it; metrics named exist). Collects every problem into one `CatalogError`.
 */
export function validateBenchmarks(
  data: Record<keyof typeof FILES, unknown>,
  catalog: Pick<Catalog, "targets" | "metrics">,
  sha256 = "",
  dtf: DtfBounds = readDtfBounds(),
): Benchmarks {
  const issues: Issue[] = [];
  const parse = <T>(key: keyof typeof FILES, schema: z.ZodType<T>): T | undefined => {
    const result = schema.safeParse(data[key]);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      issues.push({file: `sources/benchmarks/${FILES[key]}`, path: issue.path.join("."), message: issue.message});
    }
    return undefined;
  };
  const judging = parse("judging", judgingSchema);
  const thresholds = parse("thresholds", thresholdsSchema);
  const references = parse("references", referencesSchema);
  const tierRules = parse("tierRules", tierRulesSchema);
  const supervision = parse("supervision", supervisionSchema);
  const unitScore = parse("unitScore", unitScoreSchema);
  const metrics = new Set(catalog.metrics.map((m) => m.id));
  const file = (key: keyof typeof FILES) => `sources/benchmarks/${FILES[key]}`;
  if (judging) {
    for (const id of [...Object.keys(judging.statistic_by_metric), ...Object.keys(judging.min_cases.by_metric)]) {
      if (!metrics.has(id)) issues.push({file: file("judging"), path: id, message: `unknown metric ${id}`});
    }
  }
  if (thresholds) {
    const byClause = new Map(thresholds.thresholds.map((t) => [t.clause, t]));
    for (const t of catalog.targets) {
      const th = byClause.get(t.clause);
      if (!th) {
        issues.push({file: file("thresholds"), path: "thresholds", message: `target ${t.clause} has no thresholds`});
        continue;
      }
      // A strict target's alert may equal its value (no amber band), as a non-strict one's may.
      const inside = isCeiling(t.comparator) ? th.alert <= t.value : th.alert >= t.value;
      if (!inside) {
        issues.push({
          file: file("thresholds"),
          path: `clause ${t.clause}`,
          message: `the alert value ${th.alert} must meet the target (${t.comparator} ${t.value}) so it warns before a miss`,
        });
      }
    }
    for (const th of thresholds.thresholds) {
      if (!catalog.targets.some((t) => t.clause === th.clause)) {
        issues.push({file: file("thresholds"), path: `clause ${th.clause}`, message: "not a target of the catalog"});
      }
    }
  }
  for (const r of references?.references ?? []) {
    if (!metrics.has(r.metric)) issues.push({file: file("references"), path: r.metric, message: "unknown metric"});
  }
  const tierBounds = componentBounds(catalog.metrics, dtf.edition);
  if (tierRules) {
    issues.push(...ladderIssues(tierRules.rules, file("tierRules")));
  }
  if (issues.length > 0) throw new CatalogError(issues);
  return {
    judging: judging!,
    thresholds: thresholds!.thresholds,
    references: references!.references,
    tierRules: tierRules!.rules,
    tierStandIn: tierRules!.stand_in,
    tierBounds,
    supervision: supervision!,
    unitScore: unitScore!,
    sha256,
  };
}

/** Read and validate the six files under `dir` (default `sources/benchmarks/`). */
export function readBenchmarks(
  catalog: Pick<Catalog, "targets" | "metrics">,
  dir: string = BENCHMARKS_DIR,
): Benchmarks {
  const hash = createHash("sha256");
  const data = {} as Record<keyof typeof FILES, unknown>;
  for (const [key, name] of Object.entries(FILES) as Array<[keyof typeof FILES, string]>) {
    const path = join(dir, name);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
      data[key] = YAML.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CatalogError([{file: relative(projectRoot, path) || path, path: "", message}]);
    }
    hash.update(name).update("\0").update(text);
  }
  // The DB2020 bounds score the tiers too, so a change to them re-scores.
  hash.update(readFileSync(DEFAULT_BOUNDS_PATH, "utf8"));
  return validateBenchmarks(data, catalog, hash.digest("hex"), readDtfBounds());
}

/** The statistic that judges `metricId` (judging.yaml: per-metric override, else by unit). */
export function judgedStatistic(judging: Judging, metric: {id: string; unit: string}): Statistic {
  return (
    judging.statistic_by_metric[metric.id] ??
    judging.statistic_by_unit[metric.unit as keyof Judging["statistic_by_unit"]] ??
    "median"
  );
}

/** Minimum observations for a period to be judged (judging.yaml). */
export function minCases(judging: Judging, metricId: string): number {
  return judging.min_cases.by_metric[metricId] ?? judging.min_cases.default;
}

const TIER_ORDER = ["national_first_class", "national_advanced", "comprehensive_improvement"] as const;

/**
 * The ladder's checks: every threshold names its source, and a higher tier never asks for a lower position
 * (min_percentile, min_dtf) than a lower tier does, so a higher position never gives a lower verdict.
 */
function ladderIssues(rules: readonly TierRule[], file: string): Issue[] {
  const issues: Issue[] = [];
  rules.forEach((rule, i) => {
    for (const key of TIER_THRESHOLDS) {
      if (rule[key] !== undefined && rule.sources[key] === undefined) {
        issues.push({
          file,
          path: `rules.${i}.sources.${key}`,
          message: `${rule.id}: ${key} needs its reason or source`,
        });
      }
    }
  });
  for (const high of rules) {
    for (const low of rules) {
      if (TIER_ORDER.indexOf(high.tier) >= TIER_ORDER.indexOf(low.tier)) continue;
      for (const key of ["min_percentile", "min_dtf"] as const) {
        if (low[key] !== undefined && (high[key] ?? -Infinity) < low[key]) {
          issues.push({
            file,
            path: `rules.${rules.indexOf(high)}.${key}`,
            message: `${high.id} (${high.tier}) asks for less ${key} than ${low.id} (${low.tier}): the ladder would not be monotonic`,
          });
        }
      }
    }
  }
  return issues;
}

/**
 * The fixed bounds of the catalog's components (metrics.yaml `component`): the tiers score the same components with
 * the same bounds as the indicator score. A DB2020 component's bounds were checked equal to DB's on loading.
 */
function componentBounds(metrics: Catalog["metrics"], edition: string): FixedBound[] {
  return metrics.flatMap((m) =>
    m.component
      ? [
          {
            metric: m.id,
            component: m.component.db2020 ? `${edition} ${m.component.db2020}` : m.component.name_zh,
            best: m.component.frontier,
            worst: m.component.worst,
            source: m.component.source,
          },
        ]
      : [],
  );
}
