-- Per metric, area (the city `xining`, each county/district, each park), period (month, quarter, year) and
-- segment: case count, median, mean, 90th percentile, and the share of cases within the segment's target.
-- Quantiles interpolate linearly between order statistics (quantile_cont; the median of an even count is the mean
-- of the two middle cases). `mean` is weighted by `weight`, so for unit-month rates it is the pooled rate
-- (Σ numerators / Σ denominators). Annual measures have year rows only. Only periods with data have rows:
-- scoring turns missing periods into `no_data`.
-- incremental: by period
with levels as (
    select * from int_metric_levels
),

periods as (
    select *, 'month' as period_type, date_trunc('month', observed_on)::date as period_start
    from levels where grain <> 'year'
    union all
    select *, 'quarter' as period_type, date_trunc('quarter', observed_on)::date as period_start
    from levels where grain <> 'year'
    union all
    select *, 'year' as period_type, date_trunc('year', observed_on)::date as period_start
    from levels
),

aggregated as (
    select
        metric_id,
        area_id,
        period_type,
        period_start,
        segment,
        count(*) as n,
        quantile_cont(value, 0.5) as median,
        sum(weight * value) / sum(weight) as mean,
        quantile_cont(value, 0.9) as p90,
        quantile_cont(value, 0.1) as p10,
        min(value) as min_value,
        max(value) as max_value,
        avg(
            case
                when comparator = '<=' then (value <= target_value + 1e-9)::integer
                when comparator = '>=' then (value >= target_value - 1e-9)::integer
                -- strict (clause 37's 缩短): beyond the target by more than noise, as pipeline/scoring/attainment.ts
                when comparator = '<' then (value < target_value - 1e-9)::integer
                when comparator = '>' then (value > target_value + 1e-9)::integer
            end
        ) as share_within_target,
        any_value(target_clause) as target_clause,
        -- the reference cut against: one value per area and segment for a measured baseline; for limits in force
        -- (clause 18.1) the median case's limit, the limits themselves being stated with the target
        quantile_cont(baseline_value, 0.5) as baseline,
        bool_or(is_synthetic) as is_synthetic,
        bool_and(coalesce(is_calendar_official, true)) as is_calendar_official
    from periods
    group by metric_id, area_id, period_type, period_start, segment
),

final as (
    select
        metric_id,
        area_id,
        period_type,
        case period_type
            when 'month' then strftime(period_start, '%Y-%m')
            when 'quarter' then strftime(period_start, '%Y') || '-Q' || quarter(period_start)
            else strftime(period_start, '%Y')
        end as period,
        period_start,
        segment,
        n,
        median,
        mean,
        p90,
        p10,
        min_value,
        max_value,
        share_within_target,
        target_clause,
        baseline,
        is_synthetic,
        is_calendar_official
    from aggregated
)

select * from final
