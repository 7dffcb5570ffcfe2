-- test: metrics_are_in_the_catalog
select distinct metric_id from int_metric_observations where metric_id not in (select metric_id from dim_metric)

-- test: areas_are_in_the_catalog
select distinct area_id from int_metric_observations where area_id not in (select area_id from dim_area)

-- test: values_are_finite
select metric_id, area_id, observed_on, value from int_metric_observations
where value is null or isinf(value) or isnan(value) or weight <= 0
