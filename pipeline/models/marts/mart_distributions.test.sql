-- test: bins_hold_every_city_observation
select d.metric_id, d.segment, d.year, sum(d.n) as binned, any_value(p.n) as cases
from mart_distributions d
join mart_metric_periods p
    on p.metric_id = d.metric_id and p.segment = d.segment and p.area_id = 'xining'
    and p.period_type = 'year' and p.period = d.year::varchar
group by d.metric_id, d.segment, d.year
having sum(d.n) <> any_value(p.n)
