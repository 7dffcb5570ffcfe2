-- test: one_row_per_key
select metric_id, area_id, period_type, period, segment, count(*) as rows
from mart_metric_periods group by all having count(*) > 1

-- test: statistics_are_ordered
select metric_id, area_id, period, segment, min_value, p10, median, p90, max_value from mart_metric_periods
where not (min_value <= p10 + 1e-9 and p10 <= median + 1e-9 and median <= p90 + 1e-9 and p90 <= max_value + 1e-9)
    or mean < min_value - 1e-9 or mean > max_value + 1e-9

-- test: share_is_a_share
select metric_id, area_id, period, segment, share_within_target from mart_metric_periods
where share_within_target < 0 or share_within_target > 1 or (target_clause is null) <> (share_within_target is null)

-- test: city_counts_every_area
-- the city's count is at least any area's count of the same metric, period and segment
select a.metric_id, a.area_id, a.period, a.segment, a.n, c.n as city_n
from mart_metric_periods a
left join mart_metric_periods c
    on c.metric_id = a.metric_id and c.area_id = 'xining' and c.period_type = a.period_type
    and c.period = a.period and c.segment = a.segment
where a.area_id <> 'xining' and (c.n is null or c.n < a.n)

-- test: periods_sum_up
-- the months of a year hold exactly the year's cases
select y.metric_id, y.area_id, y.period, y.segment, y.n, sum(m.n) as month_n
from mart_metric_periods y
join mart_metric_periods m
    on m.metric_id = y.metric_id and m.area_id = y.area_id and m.segment = y.segment
    and m.period_type = 'month' and year(m.period_start) = year(y.period_start)
where y.period_type = 'year'
group by all
having sum(m.n) <> y.n
