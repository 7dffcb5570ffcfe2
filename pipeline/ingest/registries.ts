import type {Warehouse} from "../db.ts";
import type {Registries} from "./checkSql.ts";

/**
 * The registries reference columns resolve through, as the warehouse's catalog tables hold them (dim_area_alias,
 * dim_unit_alias, dim_ambiguous_alias, dim_metric, dim_task): what `checkSql` writes into its lookups. One query.
 */
export async function readRegistries(warehouse: Warehouse): Promise<Registries> {
  const rows = await warehouse.all<{registry: string; name: string; id: string}>(
    `select 'area' as registry, alias as name, area_id as id from dim_area_alias
     union all select 'unit', alias, unit_id from dim_unit_alias
     union all select 'ambiguous_' || registry, alias, candidates from dim_ambiguous_alias
     union all select 'metric', metric_id, metric_id from dim_metric
     union all select 'task', task_number::varchar, task_number::varchar from dim_task
     order by all`,
  );
  const pairs = (registry: string) =>
    rows.filter((r) => r.registry === registry).map((r): [string, string] => [r.name, r.id]);
  return {
    area: pairs("area"),
    unit: pairs("unit"),
    metric: pairs("metric").map(([name]) => name),
    task: pairs("task").map(([name]) => Number(name)),
    ambiguous: {area: pairs("ambiguous_area"), unit: pairs("ambiguous_unit")},
  };
}
