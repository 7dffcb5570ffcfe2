import type {Warehouse} from "../db.ts";
import {buildTasks, buildUnits, type TaskReportRow} from "./buildUnits.ts";
import type {Benchmarks} from "../scoring/readBenchmarks.ts";

/** tasks, units, satisfaction and hotline rows from the marts, with the pure scoring of export/buildUnits.ts. */
export async function collectUnits(warehouse: Warehouse, benchmarks: Benchmarks, asOf: string) {
  const reports = await warehouse.all<TaskReportRow>(
    `select task_number, indicator_id, unit_id, deadline::varchar as deadline, is_ongoing, task_units,
            reported_on::varchar as reported_on, reported_status, percent_done, first_done_on::varchar as first_done_on
     from mart_task_reports order by task_number, unit_id`,
  );
  const judged = buildTasks(reports, benchmarks, asOf);
  const window = benchmarks.unitScore.window_months;
  // Service figures of the last `window` months up to the as-of month, per unit.
  const service = await warehouse.all<{
    unit_id: string;
    satisfaction_index: number | null;
    hotline_on_time_rate: number | null;
  }>(
    `with since as (select (as_of_month - to_months($1::integer - 1))::date as first_month from score_context),
     rated as (
       select unit_id, sum(n * satisfaction_index) / sum(n) as satisfaction_index
       from mart_satisfaction, since
       where unit_id <> 'all' and survey = 'all' and month_start >= since.first_month
       group by unit_id
     ),
     hotline as (
       select unit_id, 100.0 * sum(resolved_on_time) / nullif(sum(tickets_due), 0) as hotline_on_time_rate
       from mart_unit_months, since
       where month_start >= since.first_month
       group by unit_id
     )
     select unit_id, rated.satisfaction_index, hotline.hotline_on_time_rate
     from dim_unit left join rated using (unit_id) left join hotline using (unit_id)`,
    [window],
  );
  const unitIds = (await warehouse.all<{unit_id: string}>("select unit_id from dim_unit order by unit_id")).map(
    (u) => u.unit_id,
  );
  const units = buildUnits(unitIds, judged, new Map(service.map((s) => [s.unit_id, s])), benchmarks);
  const satisfaction = await warehouse.all(
    `select strftime(month_start, '%Y-%m') as month, respondent_type, unit_id, survey, n, satisfaction_index as index
     from mart_satisfaction
     union all
     select strftime(month_start, '%Y-%m'), 'citizen', unit_id, 'hotline_12345', callers_rated,
            100.0 * callers_satisfied / nullif(callers_rated, 0)
     from mart_unit_months where callers_rated is not null
     union all
     select strftime(month_start, '%Y-%m'), 'citizen', 'all', 'hotline_12345', sum(callers_rated),
            100.0 * sum(callers_satisfied) / nullif(sum(callers_rated), 0)
     from mart_unit_months where callers_rated is not null group by month_start
     order by 1, 2, 3, 4`,
  );
  const hotline = await warehouse.all(
    `select unit_id, strftime(month_start, '%Y-%m') as month, tickets, tickets_due,
            100.0 * resolved_on_time / nullif(tickets_due, 0) as on_time_rate, callers_rated,
            100.0 * callers_satisfied / nullif(callers_rated, 0) as satisfaction_rate
     from mart_unit_months where tickets is not null order by unit_id, month_start`,
  );
  return {tasks: judged.map(({judgement: _, ...row}) => row), judged, units, satisfaction, hotline};
}
