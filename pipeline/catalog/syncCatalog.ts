import type {Warehouse} from "../db.ts";
import {areaNames, candidatesText, registryAliases, unitNames} from "./registryAliases.ts";
import type {Catalog} from "./schema.ts";

/** Dimension tables written from the catalog, in the order they are rebuilt. */
const DIMENSIONS = [
  "dim_plan",
  "dim_tier",
  "dim_action",
  "dim_indicator",
  "dim_area",
  "dim_area_alias",
  "dim_unit",
  "dim_unit_alias",
  "dim_ambiguous_alias",
  "dim_task",
  "dim_task_unit",
  "dim_metric",
  "dim_target",
  "dim_safeguard",
  "dim_cny_usd_rate",
] as const;

/**
 * Load the catalog into the warehouse's dimension tables, in one transaction, unless the warehouse already holds
 * this exact catalog (same sha256). Returns whether anything was written.
 */
export async function syncCatalog(warehouse: Warehouse, catalog: Catalog): Promise<boolean> {
  const current = await warehouse.all<{catalog_sha256: string}>("select catalog_sha256 from dim_plan");
  if (current.length === 1 && current[0]?.catalog_sha256 === catalog.sha256) return false;
  await warehouse.transaction(async () => {
    for (const table of DIMENSIONS) await warehouse.run(`delete from ${table}`);
    const insert = async (table: (typeof DIMENSIONS)[number], rows: unknown[][]) => {
      if (rows.length === 0) return;
      const placeholders = rows[0]!.map((_, i) => `$${i + 1}`).join(", ");
      const statement = await warehouse.connection.prepare(`insert into ${table} values (${placeholders})`);
      for (const row of rows) {
        statement.bind(row as never);
        await statement.run();
      }
    };
    const p = catalog.plan;
    await insert("dim_plan", [
      [p.id, p.title_zh, p.title_en, p.city_zh, p.issued, p.catalog_version, catalog.sha256, new Date().toISOString()],
    ]);
    await insert(
      "dim_tier",
      catalog.tiers.map((t) => [t.id, t.rank, t.name_zh, t.name_en]),
    );
    await insert(
      "dim_action",
      catalog.actions.map((a) => [a.id, a.number, a.name_zh, a.name_en]),
    );
    await insert(
      "dim_indicator",
      catalog.indicators.map((i) => [
        i.id,
        i.number,
        i.action,
        i.name_zh,
        i.name_en,
        i.tier_goal.tier,
        i.tier_goal.deadline,
      ]),
    );
    await insert(
      "dim_area",
      catalog.areas.map((a) => [a.id, a.code, a.name_zh, a.name_en, a.kind, a.parent ?? null]),
    );
    const areaAliases = registryAliases(catalog.areas.map(areaNames));
    await insert("dim_area_alias", [...areaAliases.names]);
    await insert(
      "dim_unit",
      catalog.units.map((u) => [u.id, u.name_zh, u.name_en, u.kind, u.area ?? null]),
    );
    const unitAliases = registryAliases(catalog.units.map(unitNames));
    await insert("dim_unit_alias", [...unitAliases.names]);
    await insert("dim_ambiguous_alias", [
      ...[...areaAliases.ambiguous].map(([alias, ids]) => ["area", alias, candidatesText(ids, catalog.areas)]),
      ...[...unitAliases.ambiguous].map(([alias, ids]) => ["unit", alias, candidatesText(ids, catalog.units)]),
    ]);
    await insert(
      "dim_task",
      catalog.tasks.map((t) => [
        t.number,
        t.indicator,
        t.deadline === "ongoing" ? null : t.deadline,
        t.deadline === "ongoing",
        t.continuing ?? false,
        t.deadline_text_zh,
        t.units_text_zh,
        t.text_zh,
        t.summary_en,
      ]),
    );
    await insert(
      "dim_task_unit",
      catalog.tasks.flatMap((t) => t.units.map((u, i) => [t.number, u, i + 1])),
    );
    await insert(
      "dim_metric",
      catalog.metrics.map((m) => [
        m.id,
        m.indicator,
        m.name_zh,
        m.name_en,
        m.unit,
        m.polarity,
        m.derived_from ?? null,
        m.description_en,
      ]),
    );
    await insert(
      "dim_target",
      catalog.targets.map((t) => [
        t.clause,
        t.task,
        t.indicator,
        t.metric,
        t.comparator,
        t.value,
        t.unit,
        t.segment === null ? null : JSON.stringify(t.segment),
        t.deadline,
        t.baseline ? JSON.stringify(t.baseline) : null,
        t.text_zh,
        t.summary_en,
        t.case_limit ? JSON.stringify(t.case_limit) : null,
      ]),
    );
    await insert(
      "dim_safeguard",
      catalog.safeguards.map((s) => [s.number, s.id, s.name_zh, s.name_en, s.text_zh]),
    );
    await insert(
      "dim_cny_usd_rate",
      catalog.cnyUsdRates.map((r) => [r.year, r.cny_per_usd, r.source]),
    );
  });
  return true;
}
