-- test: one_row_per_task_and_unit
select task_number, unit_id, count(*) as rows from mart_task_reports group by all having count(*) > 1

-- test: every_task_unit_of_the_plan
select count(*) as missing from dim_task_unit
having count(*) <> (select count(*) from mart_task_reports)
