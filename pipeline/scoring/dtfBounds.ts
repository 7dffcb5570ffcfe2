import {readFileSync} from "node:fs";
import {join, relative} from "node:path";
import YAML from "yaml";
import {z} from "zod";
import {CatalogError, type Issue} from "../errors.ts";
import {projectRoot} from "../version.ts";

/**
 * The data the distance-to-frontier engine scores against: per-topic component bounds
 * (`sources/benchmarks/db2020-bounds.yaml`) and population weights of multi-city economies
 * (`sources/benchmarks/db2020-city-weights.yaml`). Contracts, validation (pure) and reading (IO) live here.
 */

/** How component scores combine: plain mean, or points (mean weighted by |best − worst|, i.e. Σ points / Σ max). */
export type Aggregate = "mean" | "points";

export interface ComponentBound {
  /** Value that scores 100 (the frontier). */
  best: number;
  /** Value that scores 0. `best > worst` for higher-is-better indices. */
  worst: number;
  /** Unit of the raw value, for people (e.g. `calendar days`, `% of income per capita`). */
  unit: string;
  /** Non-linear score `100 × linear^exponent` when set (TTCR: 0.8). */
  exponent?: number;
  /** Accepts a `<name>_women` value; the men's and the women's case are each scored, their scores averaged. */
  gender_average: boolean;
  /**
   * Accepts `not_applicable`, which drops it from its group's mean; a name (`vat`, `cit`) ties it to the other parts
   * of that name, all of which must then be `not_applicable` together (no VAT drops both VAT parts).
   */
  may_be_not_applicable: boolean | string;
  /** The largest value the measure can take (an index's top); every value is also ≥ 0. */
  max?: number;
  /** Sub-components that may replace the direct value; their aggregate score is this component's score. */
  parts?: {aggregate: Aggregate; components: Record<string, ComponentBound>};
}

export interface TopicBounds {
  label: string;
  aggregate: Aggregate;
  /** `whole_topic`: a `no_practice` in any component scores the whole topic 0 (DB2020's rule for four topics). */
  no_practice?: "whole_topic";
  components: Record<string, ComponentBound>;
}

export interface DtfBounds {
  /** e.g. `DB2020`. */
  edition: string;
  /** Topics in the order reports list them. */
  topics: Record<string, TopicBounds>;
}

export interface CityWeights {
  edition: string;
  /** economy → city → population weight (the weights of one economy sum to 1). */
  economies: Record<string, Record<string, number>>;
}

export const DEFAULT_BOUNDS_PATH = join(projectRoot, "sources", "benchmarks", "db2020-bounds.yaml");
const DEFAULT_CITY_WEIGHTS_PATH = join(projectRoot, "sources", "benchmarks", "db2020-city-weights.yaml");

const name = z.string().regex(/^[a-z][a-z0-9_]*$/, "names are lower_snake_case");
const leafFields = {
  best: z.number(),
  worst: z.number(),
  unit: z.string().min(1),
  exponent: z.number().positive().optional(),
  note: z.string().optional(),
  gender_average: z.boolean().default(false),
  may_be_not_applicable: z.union([z.boolean(), name]).default(false),
  max: z.number().positive().optional(),
};
const aggregate = z.enum(["mean", "points"]);
const partSchema = z.object(leafFields).strict();
const componentSchema = z
  .object({
    ...leafFields,
    parts: z
      .object({aggregate, components: z.record(name, partSchema)})
      .strict()
      .optional(),
  })
  .strict();
const boundsSchema = z
  .object({
    edition: z.string().min(1),
    topics: z.record(
      name,
      z
        .object({
          label: z.string().min(1),
          aggregate,
          no_practice: z.literal("whole_topic").optional(),
          components: z.record(name, componentSchema),
        })
        .strict(),
    ),
  })
  .strict();
const weightsSchema = z
  .object({
    edition: z.string().min(1),
    economies: z.record(z.string().min(1), z.record(z.string().min(1), z.number().positive().max(1))),
  })
  .strict();

/**
 * Check parsed YAML against the bounds contract: shape, `best ≠ worst`, and no name that a CSV row could not tell
 * apart (a part or a `_women` variant named like another component of the same topic). Throws one `CatalogError`
 * with every problem.
 *
 * @example validateDtfBounds(YAML.parse(text), "sources/benchmarks/db2020-bounds.yaml").topics.paying_taxes
 */
export function validateDtfBounds(data: unknown, file: string): DtfBounds {
  const parsed = boundsSchema.safeParse(data);
  if (!parsed.success) throw new CatalogError(zodIssues(parsed.error.issues, file));
  const issues: Issue[] = [];
  for (const [topic, t] of Object.entries(parsed.data.topics)) {
    const seen = new Set<string>();
    const claim = (n: string, path: string): void => {
      if (seen.has(n)) issues.push({file, path, message: `the name "${n}" is used twice in topic ${topic}`});
      seen.add(n);
    };
    for (const [c, bound] of Object.entries(t.components)) {
      const path = `topics.${topic}.components.${c}`;
      claim(c, path);
      if (bound.gender_average) claim(`${c}_women`, path);
      if (bound.best === bound.worst) issues.push({file, path, message: "best and worst must differ"});
      if (bound.max !== undefined && bound.max < Math.max(bound.best, bound.worst))
        issues.push({file, path, message: `max ${bound.max} is below the bounds (${bound.best}, ${bound.worst})`});
      for (const [p, part] of Object.entries(bound.parts?.components ?? {})) {
        claim(p, `${path}.parts.components.${p}`);
        if (part.best === part.worst) {
          issues.push({file, path: `${path}.parts.components.${p}`, message: "best and worst must differ"});
        }
      }
    }
  }
  if (issues.length > 0) throw new CatalogError(issues);
  return parsed.data as DtfBounds;
}

/**
 * Check parsed YAML against the city-weights contract: each economy's weights sum to 1 (±1e-9), a city belongs
 * to one economy only, and no city is named like an economy.
 *
 * @example validateCityWeights({edition: "DB2020", economies: {China: {Beijing: 0.45, Shanghai: 0.55}}}, "w.yaml")
 */
export function validateCityWeights(data: unknown, file: string): CityWeights {
  const parsed = weightsSchema.safeParse(data);
  if (!parsed.success) throw new CatalogError(zodIssues(parsed.error.issues, file));
  const issues: Issue[] = [];
  const owner = new Map<string, string>();
  for (const [economy, cities] of Object.entries(parsed.data.economies)) {
    const sum = Object.values(cities).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) {
      issues.push({file, path: `economies.${economy}`, message: `city weights must sum to 1, found ${sum}`});
    }
    for (const city of Object.keys(cities)) {
      const other = owner.get(city);
      if (other !== undefined) {
        issues.push({file, path: `economies.${economy}.${city}`, message: `${city} is already a city of ${other}`});
      }
      owner.set(city, economy);
      if (city in parsed.data.economies) {
        issues.push({file, path: `economies.${economy}.${city}`, message: `${city} is also listed as an economy`});
      }
    }
  }
  if (issues.length > 0) throw new CatalogError(issues);
  return parsed.data;
}

/** Read and validate the bounds file (default: DB2020). */
export function readDtfBounds(path: string = DEFAULT_BOUNDS_PATH): DtfBounds {
  const file = relative(projectRoot, path) || path;
  return validateDtfBounds(readYaml(path, file), file);
}

/** Read and validate the city-weights file (default: DB2020). */
export function readCityWeights(path: string = DEFAULT_CITY_WEIGHTS_PATH): CityWeights {
  const file = relative(projectRoot, path) || path;
  return validateCityWeights(readYaml(path, file), file);
}

function readYaml(path: string, file: string): unknown {
  try {
    return YAML.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CatalogError([{file, path: "", message: `cannot read: ${message}`}]);
  }
}

function zodIssues(issues: ReadonlyArray<{path: ReadonlyArray<PropertyKey>; message: string}>, file: string): Issue[] {
  return issues.map((i) => ({file, path: i.path.map(String).join("."), message: i.message}));
}
