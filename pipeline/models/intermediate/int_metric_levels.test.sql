-- test: city_holds_every_observation
-- every observation counts for the city in the segment `all`, exactly once
with city as (
    select metric_id, count(*) as n from int_metric_levels
    where area_id = 'xining' and segment = 'all' and baseline_value is null group by all
),
observed as (
    select metric_id, count(*) as n from int_metric_observations group by all
)
select observed.metric_id, observed.n as observations, city.n as city_rows
from observed left join city using (metric_id)
where city.n is distinct from observed.n
