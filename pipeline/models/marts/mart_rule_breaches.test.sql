-- test: one_row_per_case_and_target
select target_clause, case_key, count(*) as rows from mart_rule_breaches group by all having count(*) > 1

-- test: every_breach_is_traceable_to_a_loaded_line
select target_clause, case_key from mart_rule_breaches
where file_name is null or source_line is null or load_id is null

-- test: every_breach_is_a_share_target_clause
select distinct target_clause from mart_rule_breaches
where target_clause not in (select clause from dim_target where case_limit is not null)

-- test: as_many_breaches_as_zeros_in_the_share
-- each case counted 0 in a share metric's observations is one breach here, per metric, area and month, both ways
with zeros as (
    select metric_id, area_id, strftime(observed_on, '%Y-%m') as period, count(*) as n
    from int_metric_observations
    where metric_id in (select metric_id from dim_target where case_limit is not null) and value = 0
    group by all
),
listed as (
    select metric_id, area_id, period, count(*) as n from mart_rule_breaches group by all
)
select coalesce(zeros.metric_id, listed.metric_id) as metric_id, coalesce(zeros.area_id, listed.area_id) as area_id,
    coalesce(zeros.period, listed.period) as period, zeros.n as zeros, listed.n as breaches
from zeros full join listed using (metric_id, area_id, period)
where zeros.n is distinct from listed.n
