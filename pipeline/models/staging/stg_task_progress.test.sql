-- test: reporting_unit_is_responsible
-- a report from a unit the plan does not hold responsible for the task would count in nobody's record
select task_number, unit_id, reported_on from stg_task_progress p
where not exists (
    select 1 from dim_task_unit u where u.task_number = p.task_number and u.unit_id = p.unit_id
)
