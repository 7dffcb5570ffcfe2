-- test: one_row_per_unit_and_month
select unit_id, month_start, count(*) as rows from stg_hotline_12345 group by all having count(*) > 1
