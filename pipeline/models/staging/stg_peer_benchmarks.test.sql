-- test: one_value_per_city_metric_year
select city, metric_id, year, count(*) as rows from stg_peer_benchmarks group by all having count(*) > 1
