import type {Catalog} from "./schema.ts";

/**
 * The catalog as `bizenv plan --json` prints it and the dashboards read it: stable keys in snake_case,
 * `null` rather than missing values, tasks and targets in plan order.
 */
export function planJson(catalog: Catalog) {
  const indicatorAction = new Map(catalog.indicators.map((i) => [i.id, i.action]));
  return {
    plan: {
      id: catalog.plan.id,
      title_zh: catalog.plan.title_zh,
      title_en: catalog.plan.title_en,
      city_zh: catalog.plan.city_zh,
      city_en: catalog.plan.city_en,
      issued: catalog.plan.issued,
      source: catalog.plan.source,
      catalog_version: catalog.plan.catalog_version,
      catalog_sha256: catalog.sha256,
    },
    tiers: catalog.tiers,
    actions: catalog.actions.map(({id, number, name_zh, name_en}) => ({id, number, name_zh, name_en})),
    indicators: catalog.indicators.map((i) => ({
      id: i.id,
      number: i.number,
      name_zh: i.name_zh,
      name_en: i.name_en,
      action: i.action,
      tier_goal: {tier: i.tier_goal.tier, deadline: i.tier_goal.deadline},
      components_source: i.components_source ?? null,
      // The indicator's components (二级指标): the metrics scored against fixed bounds into its indicator score.
      components: catalog.metrics
        .filter((m) => m.indicator === i.id && m.component)
        .map((m) => ({
          metric: m.id,
          name_zh: m.component!.name_zh,
          unit: m.unit,
          polarity: m.polarity,
          feed: m.feed ?? null,
          frontier: m.component!.frontier,
          worst: m.component!.worst,
          db2020: m.component!.db2020 ?? null,
          source: m.component!.source,
        })),
    })),
    tasks: catalog.tasks.map((t) => ({
      number: t.number,
      indicator: t.indicator,
      action: indicatorAction.get(t.indicator) ?? null,
      deadline: t.deadline,
      continuing: t.continuing ?? false,
      units: t.units,
      units_text_zh: t.units_text_zh,
      text_zh: t.text_zh,
      summary_en: t.summary_en,
    })),
    targets: catalog.targets.map((t) => ({
      clause: t.clause,
      task: t.task,
      indicator: t.indicator,
      metric: t.metric,
      comparator: t.comparator,
      value: t.value,
      unit: t.unit,
      segment: t.segment,
      deadline: t.deadline,
      baseline: t.baseline ?? null,
      case_limit: t.case_limit ?? null,
      value_from_words: t.value_from_words ?? null,
      reading_zh: t.reading_zh ?? null,
      reading_en: t.reading_en ?? null,
      text_zh: t.text_zh,
      summary_en: t.summary_en,
    })),
    metrics: catalog.metrics.map((m) => ({
      ...m,
      derived_from: m.derived_from ?? null,
      feed: m.feed ?? null,
      component: m.component ? {...m.component, db2020: m.component.db2020 ?? null} : null,
    })),
    units: catalog.units.map((u) => ({
      id: u.id,
      name_zh: u.name_zh,
      name_en: u.name_en,
      kind: u.kind,
      area: u.area ?? null,
    })),
    areas: catalog.areas.map((a) => ({
      id: a.id,
      code: a.code,
      name_zh: a.name_zh,
      name_en: a.name_en,
      kind: a.kind,
      parent: a.parent ?? null,
    })),
    safeguards: catalog.safeguards.map(({number, id, name_zh, name_en, text_zh}) => ({
      number,
      id,
      name_zh,
      name_en,
      text_zh,
    })),
  };
}

export type PlanJson = ReturnType<typeof planJson>;
