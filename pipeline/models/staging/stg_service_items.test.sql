-- test: one_row_per_item_and_month
select item_code, month_start, count(*) as rows from stg_service_items group by all having count(*) > 1
