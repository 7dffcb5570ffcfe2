-- test: one_row_per_unit_and_month
select unit_id, month_start, count(*) as rows from mart_unit_months group by all having count(*) > 1

-- test: units_in_the_catalog
select distinct unit_id from mart_unit_months where unit_id not in (select unit_id from dim_unit)
