-- test: one_row_per_unit_and_month
select unit_id, month_start, count(*) as rows from stg_online_services group by all having count(*) > 1
