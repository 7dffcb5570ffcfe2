import {isCeiling, isStrict} from "../../dashboards/components/statusLabels.ts";
import type {Catalog} from "./schema.ts";
import {deadlineFromText} from "./deadlineFromText.ts";
import {resolveUnits} from "./resolveUnits.ts";

/** The YAML files of a catalog folder. */
export type CatalogFile =
  | "plan.yaml"
  | "indicators.yaml"
  | "tasks.yaml"
  | "metrics.yaml"
  | "targets.yaml"
  | "units.yaml"
  | "areas.yaml"
  | "plan.zh.txt";

/** One problem, pointing at the entry it is about: file and document path (`tasks[3].units[1]`). */
export interface CatalogIssue {
  file: CatalogFile;
  path: Array<string | number>;
  message: string;
}

/**
 * Check a catalog's internal consistency: the counts the plan states, unique ids and clause numbers, every
 * reference resolving (task → indicator, task → units, target → task, indicator and metric, unit → area),
 * units and deadlines agreeing with the plan's own words, targets agreeing with their metric's unit and
 * polarity, and relative targets declaring their baseline. Pure: returns every issue found, in file order.
 */
export function validateCatalog(
  catalog: Omit<Catalog, "dir" | "sha256" | "sourceText">,
  db2020: ReadonlyMap<string, {best: number; worst: number}> = new Map(),
): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const add = (file: CatalogFile, path: Array<string | number>, message: string) => issues.push({file, path, message});
  const expected = catalog.plan.expected_counts;

  const countCheck = (file: CatalogFile, key: string, actual: number, wanted: number) => {
    if (actual !== wanted) add(file, [key], `expected ${wanted} ${key}, found ${actual}`);
  };
  countCheck("plan.yaml", "actions", catalog.actions.length, expected.actions);
  countCheck("plan.yaml", "safeguards", catalog.safeguards.length, expected.safeguards);
  countCheck("indicators.yaml", "indicators", catalog.indicators.length, expected.indicators);
  countCheck("tasks.yaml", "tasks", catalog.tasks.length, expected.tasks);
  for (const [tier, wanted] of Object.entries(expected.tier_goals)) {
    const actual = catalog.indicators.filter((i) => i.tier_goal.tier === tier).length;
    if (actual !== wanted)
      add("indicators.yaml", ["indicators"], `expected ${wanted} indicators with tier goal ${tier}, found ${actual}`);
  }

  const unique = <T>(file: CatalogFile, list: string, items: T[], key: (item: T) => string | number, what: string) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, index) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined)
        add(file, [list, index], `duplicate ${what} ${JSON.stringify(k)} (first at ${list}[${first}])`);
      else seen.set(k, index);
    });
    return seen;
  };
  const actions = unique("plan.yaml", "actions", catalog.actions, (a) => a.id, "action id");
  unique("plan.yaml", "actions", catalog.actions, (a) => a.number, "action number");
  unique("plan.yaml", "safeguards", catalog.safeguards, (s) => s.number, "safeguard number");
  const tiers = new Set(catalog.tiers.map((t) => t.id));
  const indicators = unique("indicators.yaml", "indicators", catalog.indicators, (i) => i.id, "indicator id");
  unique("indicators.yaml", "indicators", catalog.indicators, (i) => i.number, "indicator number");
  const tasks = unique("tasks.yaml", "tasks", catalog.tasks, (t) => t.number, "task number");
  const units = unique("units.yaml", "units", catalog.units, (u) => u.id, "unit id");
  // Names are unique; an alias may be shared by several units (then it is ambiguous and names none of them,
  // registryAliases.ts), but never be another unit's name.
  unique("units.yaml", "units", catalog.units, (u) => u.name_zh, "unit name");
  const unitByName = new Map(catalog.units.map((u) => [u.name_zh, u.id]));
  catalog.units.forEach((u, index) => {
    for (const alias of u.aliases ?? []) {
      const named = unitByName.get(alias);
      if (named !== undefined && named !== u.id)
        add("units.yaml", ["units", index, "aliases"], `alias ${JSON.stringify(alias)} is the name of unit ${named}`);
    }
  });
  const areas = unique("areas.yaml", "areas", catalog.areas, (a) => a.id, "area id");
  unique("areas.yaml", "areas", catalog.areas, (a) => a.code, "area code");
  const metrics = unique("metrics.yaml", "metrics", catalog.metrics, (m) => m.id, "metric id");
  unique("targets.yaml", "targets", catalog.targets, (t) => t.clause, "clause number");

  catalog.tasks.forEach((task, index) => {
    if (task.number !== index + 1)
      add(
        "tasks.yaml",
        ["tasks", index, "number"],
        `expected task ${index + 1} here, found ${task.number} (tasks are numbered 1…N in order)`,
      );
  });
  if (!areas.has(catalog.plan.area))
    add("plan.yaml", ["plan", "area"], `unknown area ${JSON.stringify(catalog.plan.area)}`);
  catalog.indicators.forEach((indicator, i) => {
    if (!actions.has(indicator.action))
      add("indicators.yaml", ["indicators", i, "action"], `unknown action ${JSON.stringify(indicator.action)}`);
    if (!tiers.has(indicator.tier_goal.tier))
      add("indicators.yaml", ["indicators", i, "tier_goal", "tier"], `unknown tier ${indicator.tier_goal.tier}`);
  });

  catalog.tasks.forEach((task, i) => {
    if (!indicators.has(task.indicator))
      add("tasks.yaml", ["tasks", i, "indicator"], `unknown indicator ${JSON.stringify(task.indicator)}`);
    task.units.forEach((unit, j) => {
      if (!units.has(unit))
        add("tasks.yaml", ["tasks", i, "units", j], `unknown unit id ${JSON.stringify(unit)} (not in units.yaml)`);
    });
    const resolved = resolveUnits(task.units_text_zh, catalog.units, catalog.unitGroups);
    for (const name of resolved.unknown)
      add(
        "tasks.yaml",
        ["tasks", i, "units_text_zh"],
        `the unit name ${name} is not in units.yaml (add it or an alias)`,
      );
    if (resolved.unknown.length === 0 && resolved.ids.join() !== task.units.join()) {
      add(
        "tasks.yaml",
        ["tasks", i, "units"],
        `units ${JSON.stringify(task.units)} do not match units_text_zh, which names ${JSON.stringify(resolved.ids)}`,
      );
    }
    const parsed = deadlineFromText(task.deadline_text_zh);
    if (!parsed)
      add(
        "tasks.yaml",
        ["tasks", i, "deadline_text_zh"],
        `cannot read the deadline ${JSON.stringify(task.deadline_text_zh)}; expected YYYY年M月底 or 持续推进`,
      );
    else {
      if (parsed.deadline !== task.deadline)
        add(
          "tasks.yaml",
          ["tasks", i, "deadline"],
          `deadline ${task.deadline} does not match ${task.deadline_text_zh} (= ${parsed.deadline})`,
        );
      if (parsed.continuing !== (task.continuing ?? false))
        add(
          "tasks.yaml",
          ["tasks", i, "continuing"],
          `continuing should be ${parsed.continuing} for ${task.deadline_text_zh}`,
        );
    }
  });

  catalog.units.forEach((unit, i) => {
    if (unit.area !== undefined && !areas.has(unit.area))
      add("units.yaml", ["units", i, "area"], `unknown area ${JSON.stringify(unit.area)}`);
  });
  catalog.unitGroups.forEach((group, i) => {
    group.members.forEach((member, j) => {
      if (!units.has(member))
        add("units.yaml", ["groups", i, "members", j], `unknown unit id ${JSON.stringify(member)}`);
    });
  });
  catalog.areas.forEach((area, i) => {
    if (area.parent !== undefined && !areas.has(area.parent))
      add("areas.yaml", ["areas", i, "parent"], `unknown area ${JSON.stringify(area.parent)}`);
  });
  catalog.metrics.forEach((metric, i) => {
    if (!indicators.has(metric.indicator))
      add("metrics.yaml", ["metrics", i, "indicator"], `unknown indicator ${JSON.stringify(metric.indicator)}`);
    if (metric.derived_from !== undefined && !metrics.has(metric.derived_from))
      add("metrics.yaml", ["metrics", i, "derived_from"], `unknown metric ${JSON.stringify(metric.derived_from)}`);
    // A component that names its DB2020 component must carry DB2020's bounds, so the score is DB's own.
    const c = metric.component;
    if (c?.db2020 !== undefined) {
      const bound = db2020.get(c.db2020);
      if (!bound) add("metrics.yaml", ["metrics", i, "component", "db2020"], `DB2020 has no component ${c.db2020}`);
      else if (bound.best !== c.frontier || bound.worst !== c.worst)
        add(
          "metrics.yaml",
          ["metrics", i, "component"],
          `frontier ${c.frontier} / worst ${c.worst} differ from DB2020 ${c.db2020} (${bound.best} / ${bound.worst})`,
        );
    }
    // A share names its population and rule so every page can say "x of n <population>"; a measure names neither.
    const share = metric.kind === "share_within_limit";
    for (const field of ["population_zh", "population_en", "rule_zh", "rule_en"] as const)
      if (share !== (metric[field] !== undefined))
        add(
          "metrics.yaml",
          ["metrics", i, field],
          share ? "a share_within_limit metric must name its population and rule" : "only shares have this field",
        );
    if (share && metric.unit !== "percent")
      add("metrics.yaml", ["metrics", i, "unit"], "a share_within_limit metric is in percent");
  });

  catalog.targets.forEach((target, i) => {
    const at = (field: string) => ["targets", i, field];
    const taskIndex = tasks.get(target.task);
    const task = taskIndex === undefined ? undefined : catalog.tasks[taskIndex];
    if (!task) add("targets.yaml", at("task"), `unknown task ${target.task}`);
    if (!indicators.has(target.indicator))
      add("targets.yaml", at("indicator"), `unknown indicator ${JSON.stringify(target.indicator)}`);
    else if (task && task.indicator !== target.indicator)
      add("targets.yaml", at("indicator"), `task ${task.number} belongs to ${task.indicator}, not ${target.indicator}`);
    if (task && !(target.clause === String(task.number) || target.clause.startsWith(`${task.number}.`)))
      add("targets.yaml", at("clause"), `clause ${target.clause} does not belong to task ${task.number}`);
    if (task && task.deadline !== "ongoing" && target.deadline > task.deadline)
      add("targets.yaml", at("deadline"), `deadline ${target.deadline} is after its task's deadline ${task.deadline}`);
    const metricIndex = metrics.get(target.metric);
    const metric = metricIndex === undefined ? undefined : catalog.metrics[metricIndex];
    if (!metric) {
      add("targets.yaml", at("metric"), `unknown metric ${JSON.stringify(target.metric)} (not in metrics.yaml)`);
      return;
    }
    if (metric.indicator !== target.indicator)
      add("targets.yaml", at("metric"), `metric ${metric.id} measures ${metric.indicator}, not ${target.indicator}`);
    if (metric.unit !== target.unit)
      add("targets.yaml", at("unit"), `unit ${target.unit} differs from metric ${metric.id}'s unit ${metric.unit}`);
    if (isCeiling(target.comparator) !== (metric.polarity === "lower_is_better"))
      add(
        "targets.yaml",
        at("comparator"),
        `${metric.id} is ${metric.polarity.replaceAll("_", " ")}, so its target should be a ${metric.polarity === "lower_is_better" ? "ceiling (<= or <)" : "floor (>= or >)"}`,
      );
    // A strict comparator says "better than the baseline", so it needs one: a strict bound on an absolute number
    // the plan states (压缩至1个工作日内) would read equality as a miss, which the plan's words do not say.
    if (isStrict(target.comparator) && target.unit !== "percent_reduction")
      add(
        "targets.yaml",
        at("comparator"),
        `a strict comparator (${target.comparator}) is for an improvement against a baseline (percent_reduction), not ${target.unit}`,
      );
    if (target.unit === "percent_reduction") {
      if (!target.baseline)
        add("targets.yaml", at("baseline"), "a relative target (percent_reduction) must declare its baseline");
      else if (target.baseline.metric !== metric.derived_from)
        add(
          "targets.yaml",
          [...at("baseline"), "metric"],
          `baseline metric ${target.baseline.metric} is not what ${metric.id} is derived from (${metric.derived_from ?? "nothing"})`,
        );
    } else if (target.baseline)
      add("targets.yaml", at("baseline"), "only relative (percent_reduction) targets have a baseline");
    if ((metric.kind === "share_within_limit") !== (target.case_limit !== undefined))
      add(
        "targets.yaml",
        at("case_limit"),
        target.case_limit
          ? `only a target on a share_within_limit metric has a case_limit (${metric.id} is a measure)`
          : `a target on the share ${metric.id} must give its case_limit (the plan's per-case number)`,
      );
  });
  return issues;
}
