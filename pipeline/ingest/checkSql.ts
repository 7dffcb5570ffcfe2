import type {Contract, ContractColumn} from "./contractSchema.ts";
import {parseSql, TYPE_DESCRIPTION} from "./parseSql.ts";
import {ident, lit, num} from "./sql.ts";

/** The reserved column every feed may carry to mark its rows as synthetic (demo and test data). */
export const SYNTHETIC_COLUMN = {name: "synthetic", aliases: ["synthetic", "模拟数据", "合成数据", "is_synthetic"]};

/** Where each contract column's text is found in the staged `raw` table (`c0`, `c1`, …), if present. */
export interface StagedColumns {
  byColumn: Map<string, string>;
  synthetic: string | undefined;
}

const REFERENCE: Record<
  NonNullable<ContractColumn["references"]>,
  {join: (v: string) => string; id: string; what: string}
> = {
  area: {
    join: (v) => `left join dim_area_alias ref_{c} on ref_{c}.alias = ${v}`,
    id: "ref_{c}.area_id",
    what: "not a county, district or park of the area registry (names, short names and codes are accepted)",
  },
  unit: {
    join: (v) => `left join dim_unit_alias ref_{c} on ref_{c}.alias = ${v}`,
    id: "ref_{c}.unit_id",
    what: "not a unit of the plan's unit registry (its Chinese name or bizenv id)",
  },
  metric: {
    join: (v) => `left join dim_metric ref_{c} on ref_{c}.metric_id = ${v}`,
    id: "ref_{c}.metric_id",
    what: "not a metric of the catalog",
  },
  task: {
    join: (v) => `left join dim_task ref_{c} on ref_{c}.task_number = try_cast(${v} as integer)`,
    id: "ref_{c}.task_number",
    what: "not a task number of the plan",
  },
};

/**
 * Build the one statement that turns the staged text rows of a file into typed rows with every rule checked:
 * `create temp table checked as select _line, <typed columns>, _is_synthetic, _errors from raw …`, where the
 * staged `raw` table (or view) holds the text columns and `_line`, the row's line (or sheet row) in the file.
 * `_errors` lists, per row, every rule the row breaks as {column, rule, value, message}; set-based, one pass.
 * Duplicate keys are checked afterwards on the typed rows (see `loadFile`).
 *
 *
 * @param now the load's clock, as `YYYY-MM-DD HH:MM:SS` in Asia/Shanghai; later dates are "in the future".
 */
export function checkSql(contract: Contract, staged: StagedColumns, now: string): string {
  const v = (c: ContractColumn) => `v_${c.name}`;
  const t = (c: ContractColumn) => `t_${c.name}`;
  const mappedText = contract.columns.map((c) => {
    const source = staged.byColumn.get(c.name);
    const text = source === undefined ? "null::varchar" : `nullif(trim(${source}), '')`;
    const aliases = Object.entries(c.value_aliases ?? {});
    const mapped = aliases.length
      ? `case ${text} ${aliases.map(([from, to]) => `when ${lit(from)} then ${lit(String(to))}`).join(" ")} else ${text} end`
      : text;
    return `${mapped} as ${v(c)}`;
  });
  const synthetic = staged.synthetic === undefined ? "null::varchar" : `nullif(trim(${staged.synthetic}), '')`;
  const joins: string[] = [];
  const typed = contract.columns.map((c) => {
    if (c.references) {
      const ref = REFERENCE[c.references];
      joins.push(ref.join(v(c)).replaceAll("{c}", c.name));
      const id = ref.id.replaceAll("{c}", c.name);
      return `${c.type === "integer" ? id : `${id}::varchar`} as ${t(c)}`;
    }
    return `${parseSql(c.type, v(c), {percent: c.unit === "percent"})} as ${t(c)}`;
  });

  const checks: string[] = [];
  const err = (c: {name: string}, rule: string, value: string, message: string) =>
    `{'column_name': ${lit(c.name)}, 'rule': ${lit(rule)}, 'value': ${value}, 'message': ${message}}`;
  const found = (c: ContractColumn) => `'found "' || ${v(c)} || '"'`;
  for (const c of contract.columns) {
    if (c.required)
      checks.push(
        `case when ${v(c)} is null then ${err(c, "required", "null", lit(`${c.name} is required but empty`))} end`,
      );
    if (c.references) {
      const what = REFERENCE[c.references].what;
      checks.push(
        `case when ${v(c)} is not null and ${t(c)} is null then ${err(c, `unknown_${c.references}`, v(c), `'unknown ${c.references} "' || ${v(c)} || '": ${what.replaceAll("'", "''")}'`)} end`,
      );
      continue;
    }
    if (c.type !== "varchar") {
      checks.push(
        `case when ${v(c)} is not null and ${t(c)} is null then ${err(c, "type", v(c), `${lit(`expected ${TYPE_DESCRIPTION[c.type]} in ${c.name}, `)} || ${found(c)}`)} end`,
      );
    }
    if (c.allowed) {
      const values = c.allowed.map((a) => (typeof a === "number" ? num(a) : lit(a))).join(", ");
      const shown = [...c.allowed.map(String), ...Object.keys(c.value_aliases ?? {})].join(", ");
      checks.push(
        `case when ${t(c)} is not null and ${t(c)} not in (${values}) then ${err(c, "allowed", v(c), `${lit(`expected one of ${shown} in ${c.name}, `)} || ${found(c)}`)} end`,
      );
    }
    if (c.min !== undefined)
      checks.push(
        `case when ${t(c)} < ${num(c.min)} then ${err(c, "range", v(c), `${lit(`${c.name} must be at least ${c.min}${c.unit ? ` ${c.unit}` : ""}, `)} || ${found(c)}`)} end`,
      );
    if (c.max !== undefined)
      checks.push(
        `case when ${t(c)} > ${num(c.max)} then ${err(c, "range", v(c), `${lit(`${c.name} must be at most ${c.max}${c.unit ? ` ${c.unit}` : ""}, `)} || ${found(c)}`)} end`,
      );
    const other = (name: string) => contract.columns.find((x) => x.name === name)!;
    if (c.at_least) {
      const o = other(c.at_least);
      checks.push(
        `case when ${t(c)} < ${t(o)} then ${err(c, "order", v(c), `${lit(`${c.name} (`)} || ${v(c)} || ${lit(`) is before ${o.name} (`)} || ${v(o)} || ')'`)} end`,
      );
    }
    if (c.at_most) {
      const o = other(c.at_most);
      checks.push(
        `case when ${t(c)} > ${t(o)} then ${err(c, "order", v(c), `${lit(`${c.name} (`)} || ${v(c)} || ${lit(`) is larger than ${o.name} (`)} || ${v(o)} || ')'`)} end`,
      );
    }
    if (c.type === "date" || c.type === "timestamp" || c.type === "month") {
      const limit = c.type === "month" ? `date_trunc('month', ${lit(now)}::timestamp)` : `${lit(now)}::timestamp`;
      checks.push(
        `case when ${t(c)} > ${limit} then ${err(c, "future", v(c), `${lit(`${c.name} is in the future (after ${now.slice(0, 16)}), `)} || ${found(c)}`)} end`,
      );
    }
  }
  const syntheticTyped = parseSql("boolean", "v__synthetic");
  checks.push(
    `case when v__synthetic is not null and ${syntheticTyped} is null then ${err(SYNTHETIC_COLUMN, "type", "v__synthetic", `'expected yes or no in synthetic, found "' || v__synthetic || '"'`)} end`,
  );

  return `create or replace temp table checked as
select _line, ${contract.columns.map((c) => `${t(c)} as ${ident(c.name)}`).join(", ")},
  coalesce(${syntheticTyped}, false) as _is_synthetic,
  list_filter([${checks.join(",\n    ")}], x -> x is not null) as _errors
from (
  select s.*, ${typed.join(", ")}
  from (select _line, ${mappedText.join(", ")}, ${synthetic} as v__synthetic from raw) s
  ${joins.join("\n  ")}
) typed`;
}
