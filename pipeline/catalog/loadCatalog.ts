import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join, relative} from "node:path";
import YAML from "yaml";
import {CatalogError, type Issue} from "../errors.ts";
import {projectRoot} from "../version.ts";
import {checkAgainstPlanText} from "./checkAgainstPlanText.ts";
import {formatPath, readYamlFile, type YamlRead} from "./readYamlFile.ts";
import {
  areasFile,
  cnyUsdRatesFile,
  indicatorsFile,
  metricsFile,
  planFile,
  targetsFile,
  tasksFile,
  unitsFile,
  type Catalog,
} from "./schema.ts";
import {validateCatalog, type CatalogFile} from "./validateCatalog.ts";

/** The plan bizenv tracks unless told otherwise. */
export const DEFAULT_CATALOG_DIR = join(projectRoot, "sources", "plans", "xining-2022");

/** Yearly yuan per US dollar: shared by every plan, so read from the benchmarks rather than the plan's folder. */
const CNY_USD_RATES = join(projectRoot, "sources", "benchmarks", "cny-usd-rates.yaml");

const FILES = [
  "plan.yaml",
  "indicators.yaml",
  "tasks.yaml",
  "metrics.yaml",
  "targets.yaml",
  "units.yaml",
  "areas.yaml",
] as const;

/**
 * DB2020's component bounds by "topic.component" (parts too), read as plain YAML: the catalog sits below the
 * scoring room that owns db2020-bounds.yaml's full reading, and needs only best and worst to check components.
 */
function readDb2020Bounds(): Map<string, {best: number; worst: number}> {
  type Components = Record<string, {best: number; worst: number; parts?: {components: Components}}>;
  const doc = YAML.parse(readFileSync(join(projectRoot, "sources", "benchmarks", "db2020-bounds.yaml"), "utf8")) as {
    topics: Record<string, {components: Components}>;
  };
  const out = new Map<string, {best: number; worst: number}>();
  const walk = (topic: string, components: Components) => {
    for (const [name, c] of Object.entries(components)) {
      out.set(`${topic}.${name}`, {best: c.best, worst: c.worst});
      if (c.parts) walk(topic, c.parts.components);
    }
  };
  for (const [topic, t] of Object.entries(doc.topics)) walk(topic, t.components);
  return out;
}

/**
 * Read and validate the plan catalog in `dir`. Throws a `CatalogError` listing every problem (file, line and
 * path of each offending entry) if any file is unreadable, off-schema, inconsistent or differs from the plan text.
 */
export function loadCatalog(dir: string = DEFAULT_CATALOG_DIR): Catalog {
  const reads = {
    plan: readYamlFile(join(dir, "plan.yaml"), planFile),
    indicators: readYamlFile(join(dir, "indicators.yaml"), indicatorsFile),
    tasks: readYamlFile(join(dir, "tasks.yaml"), tasksFile),
    metrics: readYamlFile(join(dir, "metrics.yaml"), metricsFile),
    targets: readYamlFile(join(dir, "targets.yaml"), targetsFile),
    units: readYamlFile(join(dir, "units.yaml"), unitsFile),
    areas: readYamlFile(join(dir, "areas.yaml"), areasFile),
    cnyUsdRates: readYamlFile(CNY_USD_RATES, cnyUsdRatesFile),
  };
  const shown = (file: string) => relative(projectRoot, join(dir, file)) || file;
  let sourceText = "";
  const issues: Issue[] = Object.values(reads).flatMap((r) => r.issues);
  try {
    sourceText = readFileSync(join(dir, "plan.zh.txt"), "utf8");
  } catch {
    issues.push({file: shown("plan.zh.txt"), path: "(file)", message: "the plan's source text is missing"});
  }
  const {plan, indicators, tasks, metrics, targets, units, areas, cnyUsdRates} = reads;
  if (
    issues.length > 0 ||
    !plan.data ||
    !indicators.data ||
    !tasks.data ||
    !metrics.data ||
    !targets.data ||
    !units.data ||
    !areas.data ||
    !cnyUsdRates.data
  ) {
    throw new CatalogError(issues);
  }

  const hash = createHash("sha256");
  for (const file of [...FILES, "plan.zh.txt"])
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, file)))
      .update("\0");
  // The rates are converted in the models, so a corrected rate must change the catalog's identity (and rebuild them).
  hash.update("cny-usd-rates.yaml\0").update(cnyUsdRates.text).update("\0");
  const catalog: Catalog = {
    dir,
    plan: plan.data.plan,
    tiers: plan.data.tiers,
    tierGoalsTextZh: plan.data.tier_goals_text_zh,
    actions: plan.data.actions,
    safeguards: plan.data.safeguards,
    indicators: indicators.data.indicators,
    tasks: tasks.data.tasks,
    metrics: metrics.data.metrics,
    targets: targets.data.targets,
    units: units.data.units,
    unitGroups: units.data.groups,
    areas: areas.data.areas,
    cnyUsdRates: cnyUsdRates.data.rates,
    sourceText,
    sha256: hash.digest("hex"),
  };

  const byFile: Record<CatalogFile, YamlRead<unknown> | undefined> = {
    "plan.yaml": plan,
    "indicators.yaml": indicators,
    "tasks.yaml": tasks,
    "metrics.yaml": metrics,
    "targets.yaml": targets,
    "units.yaml": units,
    "areas.yaml": areas,
    "plan.zh.txt": undefined,
  };
  const found = [...validateCatalog(catalog, readDb2020Bounds()), ...checkAgainstPlanText(catalog)].map((issue) => {
    const line = byFile[issue.file]?.lineOf(issue.path);
    return {
      file: line === undefined ? shown(issue.file) : `${shown(issue.file)}:${line}`,
      path: formatPath(issue.path),
      message: issue.message,
    };
  });
  if (found.length > 0) throw new CatalogError(found);
  return catalog;
}
