-- Observations placed where they are reported: each counts for its own area and for the city (`xining`), in the
-- segment `all` and in every target segment it belongs to. Relative metrics (a derived_from metric, e.g. the
-- reduction of power connection time) are made here from their base metric: 100 × (baseline − value) / baseline,
-- where the baseline is the target's declared statistic (median of 2021) of the same area and segment, so that
-- a quantile of the reduction is the reduction of the quantile. Observations without a baseline are left out.
-- incremental: by month of observed_on
-- full rebuild if: exists (select 1 from dim_target t join dirty_months d on json_extract_string(t.baseline, '$.period') in (strftime(d.month, '%Y'), strftime(d.month, '%Y-%m')) where t.baseline is not null)
with observations as (
    select * from int_metric_observations
),

segments as (
    select * from int_metric_segments
),

targets as (
    select * from dim_target
),

relative_metrics as (
    select
        metric_id,
        json_extract_string(baseline, '$.metric') as base_metric_id,
        json_extract_string(baseline, '$.period') as baseline_period,
        json_extract_string(baseline, '$.statistic') as baseline_statistic
    from targets
    where baseline is not null
    qualify row_number() over (partition by metric_id order by clause) = 1
),

leveled as (
    select *, area_id as level_area_id from observations where area_id <> 'xining'
    union all
    select *, 'xining' as level_area_id from observations
),

direct as (
    select
        leveled.metric_id, leveled.level_area_id as area_id, segments.segment, segments.target_clause,
        segments.comparator, segments.target_value, leveled.observed_on, leveled.grain, leveled.value,
        leveled.weight, null::double as baseline_value, leveled.is_synthetic, leveled.is_calendar_official
    from leveled
    join segments
        on segments.metric_id = leveled.metric_id
        and (segments.segment_json is null or json_contains(leveled.attrs, segments.segment_json))
),

relative_source as (
    select
        relative_metrics.metric_id, relative_metrics.baseline_period, relative_metrics.baseline_statistic,
        leveled.level_area_id as area_id, segments.segment, segments.target_clause, segments.comparator,
        segments.target_value, leveled.observed_on, leveled.grain, leveled.value as base_value, leveled.weight,
        leveled.is_synthetic, leveled.is_calendar_official
    from leveled
    join relative_metrics on relative_metrics.base_metric_id = leveled.metric_id
    join segments
        on segments.metric_id = relative_metrics.metric_id
        and (segments.segment_json is null or json_contains(leveled.attrs, segments.segment_json))
),

baselines as (
    select
        metric_id, area_id, segment,
        case when baseline_statistic = 'mean' then avg(base_value) else median(base_value) end as baseline_value
    from relative_source
    where baseline_period in (strftime(observed_on, '%Y'), strftime(observed_on, '%Y-%m'))
    group by metric_id, area_id, segment, baseline_statistic
),

relative as (
    select
        relative_source.metric_id, relative_source.area_id, relative_source.segment, relative_source.target_clause,
        relative_source.comparator, relative_source.target_value, relative_source.observed_on,
        relative_source.grain,
        100 * (baselines.baseline_value - relative_source.base_value) / baselines.baseline_value as value,
        relative_source.weight, baselines.baseline_value, relative_source.is_synthetic,
        relative_source.is_calendar_official
    from relative_source
    join baselines using (metric_id, area_id, segment)
    where baselines.baseline_value > 0
),

final as (
    select * from direct
    union all
    select * from relative
)

select * from final
