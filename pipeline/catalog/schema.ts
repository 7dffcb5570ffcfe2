import {z} from "zod";

/**
 * The shape of a plan catalog (`sources/plans/<plan>/*.yaml`), checked when it is loaded. Cross-references
 * (a task's indicator exists, a target's metric belongs to its indicator, …) are checked afterwards by
 * `validateCatalog`, which sees the whole catalog at once.
 */

/** Identifiers reach SQL and file names: a strict pattern keeps them inert. */
export const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "expected a lowercase identifier (a-z, 0-9, _)");

/** An ISO calendar date that exists (2022-02-30 is refused). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a real calendar date");

const tierId = z.enum(["national_first_class", "national_advanced", "comprehensive_improvement"]);
// count (procedures, cases), yuan, index (a questionnaire score on its own scale), percent_of_income (DB cost),
// usd (US dollars: DB2020's trading-across-borders costs, converted from yuan at sources/benchmarks/cny-usd-rates.yaml).
export const unitOfMeasure = z.enum([
  "workday",
  "hour",
  "day",
  "percent",
  "percent_reduction",
  "kW",
  "count",
  "yuan",
  "index",
  "percent_of_income",
  "usd",
]);
// `<=` a ceiling, `>=` a floor; `<` and `>` strict (equality is not met): a promise to improve without a number
// (clause 37's 缩短处理期限), a cut of more than 0 % against the baseline.
const comparator = z.enum(["<=", ">=", "<", ">"]);
const polarity = z.enum(["lower_is_better", "higher_is_better"]);

const bilingual = {name_zh: z.string().min(1), name_en: z.string().min(1)};

export const planFile = z.strictObject({
  plan: z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title_zh: z.string().min(1),
    title_en: z.string().min(1),
    city_zh: z.string().min(1),
    city_en: z.string().min(1),
    area: identifier,
    issuer_zh: z.string().min(1),
    issuer_en: z.string().min(1),
    issued: isoDate,
    source: z.string().min(1),
    catalog_version: z.string().regex(/^\d+\.\d+\.\d+$/, "expected a semantic version such as 1.0.0"),
    expected_counts: z.strictObject({
      actions: z.int().positive(),
      indicators: z.int().positive(),
      tasks: z.int().positive(),
      safeguards: z.int().positive(),
      tier_goals: z.record(tierId, z.int().nonnegative()),
    }),
  }),
  tiers: z.array(z.strictObject({id: tierId, ...bilingual, rank: z.int().positive()})),
  tier_goals_text_zh: z.string().min(1),
  actions: z.array(z.strictObject({id: identifier, number: z.int().positive(), ...bilingual})),
  safeguards: z.array(
    z.strictObject({number: z.int().positive(), id: identifier, ...bilingual, text_zh: z.string().min(1)}),
  ),
});

export const indicatorsFile = z.strictObject({
  indicators: z.array(
    z.strictObject({
      id: identifier,
      number: z.int().positive(),
      action: identifier,
      ...bilingual,
      tier_goal: z.strictObject({tier: tierId, deadline: isoDate}),
      // Where the indicator's list of components (二级指标) comes from: a public document, or DB2020's methodology.
      components_source: z.string().min(1).optional(),
    }),
  ),
});

export const tasksFile = z.strictObject({
  tasks: z.array(
    z.strictObject({
      number: z.int().positive(),
      indicator: identifier,
      deadline: z.union([isoDate, z.literal("ongoing")]),
      continuing: z.boolean().optional(),
      deadline_text_zh: z.string().min(1),
      units: z.array(identifier).min(1, "every task needs at least one responsible unit"),
      units_text_zh: z.string().min(1),
      text_zh: z.string().min(1),
      summary_en: z.string().min(1),
    }),
  ),
});

export const metricsFile = z.strictObject({
  metrics: z.array(
    z.strictObject({
      id: identifier,
      indicator: identifier,
      ...bilingual,
      unit: unitOfMeasure,
      polarity,
      derived_from: identifier.optional(),
      // A share of a population (clause 13: projects; clause 19: eligible connections) rather than a per-case
      // measure: each case of the population counts 100 when it keeps the rule and 0 when not, so the period's
      // mean is the share in percent and its n the population. The words name the denominator and the rule for
      // pages and the assessment ("x of n projects"); the rule's number is the target's case_limit.
      // A stock (clause 42's long-pending cases): one count for the city at each month end, not one value per case;
      // a period's n is its month ends, and a reduction of it is the count's, not a per-case cut.
      kind: z.enum(["measure", "share_within_limit", "stock"]).optional(),
      population_zh: z.string().min(1).optional(),
      population_en: z.string().min(1).optional(),
      rule_zh: z.string().min(1).optional(),
      rule_en: z.string().min(1).optional(),
      // What the metric is counted as, where a feed could be read two ways (clause 1: 全程网办 or 可网办).
      definition_zh: z.string().min(1).optional(),
      definition_en: z.string().min(1).optional(),
      description_en: z.string().min(1),
      // The feed (sources/feeds/<feed>.yaml) the metric is measured from.
      feed: identifier.optional(),
      // A component (二级指标) of its indicator in the national evaluation, scored against fixed bounds in the
      // metric's unit: 100 × (worst − value) / (worst − frontier), clipped to [0, 100]. `db2020` names the
      // Doing Business 2020 component ("topic.component" of sources/benchmarks/db2020-bounds.yaml) whose bounds these are.
      component: z
        .strictObject({
          name_zh: z.string().min(1),
          frontier: z.number().finite(),
          worst: z.number().finite(),
          db2020: z
            .string()
            .regex(/^[a-z_]+\.[a-z0-9_]+$/)
            .optional(),
          source: z.string().min(1),
        })
        .refine((c) => c.frontier !== c.worst, "a component's frontier and worst bound must differ")
        .optional(),
    }),
  ),
});

const segmentValue = z.union([z.string().regex(/^[a-z][a-z0-9_]*$/), z.boolean()]);

export const targetsFile = z.strictObject({
  targets: z.array(
    z.strictObject({
      clause: z.string().regex(/^\d+(\.\d+)?$/, "expected a clause number such as 18 or 18.2"),
      task: z.int().positive(),
      indicator: identifier,
      metric: identifier,
      comparator,
      value: z.number().finite(),
      unit: unitOfMeasure,
      segment: z.record(identifier, segmentValue).nullable(),
      deadline: isoDate,
      baseline: z
        .strictObject({
          metric: identifier,
          period: z.string().regex(/^\d{4}(-\d{2})?$/, "expected a year (2021) or a month (2021-06)"),
          statistic: z.enum(["median", "mean"]),
          // The reference the plan names, as published (clause 18.1: 在现行规定基础上, the time limits in force),
          // one per segment of the base metric; when given, each case is cut against the limit of its segment and
          // the measured statistic of `period` is shown beside it, not judged.
          limits_in_force: z
            .array(
              z.strictObject({
                segment: z.record(identifier, segmentValue),
                value: z.number().positive(),
                source: z.string().min(1),
              }),
            )
            .min(1)
            .optional(),
          reference_zh: z.string().min(1),
          // How bizenv takes the baseline, in both languages (the Chinese pages show description_zh).
          description_zh: z.string().min(1),
          description_en: z.string().min(1),
        })
        .optional(),
      // The per-case number of a share_within_limit target as the plan words it (30 days, 160 kW): `value` is
      // then the share required of the population, and the plan's text must state this number instead.
      case_limit: z.strictObject({value: z.number().finite(), unit: unitOfMeasure}).optional(),
      // Where the plan states the value in words, not digits (实现公共资源交易全流程电子化: every tender, 100 %), the
      // word that states it; checkAgainstPlanText reads it from a closed vocabulary (VALUE_WORDS) and refuses words
      // it does not know, words not in text_zh, a value, unit or comparator the word does not mean, and a quote
      // that hedges the word (基本实现所有…: "basically all" is not 100 %).
      value_from_words: z.string().min(1).optional(),
      // Where a target is one reading of the plan's words among others (clause 18.5's parenthesis), say so.
      reading_zh: z.string().min(1).optional(),
      reading_en: z.string().min(1).optional(),
      text_zh: z.string().min(1),
      summary_en: z.string().min(1),
    }),
  ),
});

export const unitsFile = z.strictObject({
  units: z.array(
    z.strictObject({
      id: identifier,
      ...bilingual,
      kind: z.enum([
        "municipal_department",
        "public_institution",
        "collective",
        "central_vertical",
        "judicial",
        "utility_enterprise",
        "state_enterprise",
        "zone_committee",
        "area_government",
        "park_committee",
      ]),
      area: identifier.optional(),
      aliases: z.array(z.string().min(1)).optional(),
    }),
  ),
  groups: z.array(z.strictObject({...bilingual, members: z.array(identifier).min(1)})),
});

export const areasFile = z.strictObject({
  areas: z.array(
    z.strictObject({
      id: identifier,
      code: z
        .string()
        .regex(/^(\d{6}|[A-Z]{2}-[A-Z]{2,6}-[A-Z0-9]{2,4})$/, "expected a 6-digit division code or XX-XXXX-XX"),
      ...bilingual,
      kind: z.enum(["city", "district", "county", "park"]),
      parent: identifier.optional(),
      aliases: z.array(z.string().min(1)).optional(),
      note_en: z.string().optional(),
    }),
  ),
});

/**
 * sources/benchmarks/cny-usd-rates.yaml: a year's average yuan per US dollar, one row per year, years ascending
 * without repeats (the models look a declaration's year up, falling back to the latest earlier year).
 */
export const cnyUsdRatesFile = z.strictObject({
  currency: z.literal("USD"),
  unit: z.literal("yuan per US dollar"),
  rates: z
    .array(
      z.strictObject({
        year: z.number().int().min(2000).max(2100),
        cny_per_usd: z.number().finite().positive(),
        source: z.string().min(1),
      }),
    )
    .min(1)
    .refine(
      (rows) => rows.every((r, i) => i === 0 || r.year > rows[i - 1]!.year),
      "years must be listed once each, in ascending order",
    ),
});

type PlanFile = z.infer<typeof planFile>;
type Indicator = z.infer<typeof indicatorsFile>["indicators"][number];
type Task = z.infer<typeof tasksFile>["tasks"][number];
export type Metric = z.infer<typeof metricsFile>["metrics"][number];
export type Target = z.infer<typeof targetsFile>["targets"][number];
export type Unit = z.infer<typeof unitsFile>["units"][number];
export type UnitGroup = z.infer<typeof unitsFile>["groups"][number];
type Area = z.infer<typeof areasFile>["areas"][number];
export type TierId = z.infer<typeof tierId>;
type CnyUsdRate = z.infer<typeof cnyUsdRatesFile>["rates"][number];

/** A whole plan catalog, as loaded from its folder. */
export interface Catalog {
  /** Folder the catalog was read from. */
  dir: string;
  plan: PlanFile["plan"];
  tiers: PlanFile["tiers"];
  tierGoalsTextZh: string;
  actions: PlanFile["actions"];
  safeguards: PlanFile["safeguards"];
  indicators: Indicator[];
  tasks: Task[];
  metrics: Metric[];
  targets: Target[];
  units: Unit[];
  unitGroups: UnitGroup[];
  areas: Area[];
  /** Yearly average yuan per US dollar (sources/benchmarks/cny-usd-rates.yaml), for the costs DB states in dollars. */
  cnyUsdRates: CnyUsdRate[];
  /** The plan's own text (plan.zh.txt), against which verbatim quotes are checked. */
  sourceText: string;
  /** sha256 of the catalog files, in a stable order: the catalog's identity in manifests and the warehouse. */
  sha256: string;
}
