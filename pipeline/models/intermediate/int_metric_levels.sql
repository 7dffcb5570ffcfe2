-- Observations placed where they are reported: each counts for its own area and for the city (`xining`), in the
-- segment `all` and in every target segment it belongs to. Relative metrics (a derived_from metric, e.g. the
-- reduction of power connection time) are made here from their base metric: 100 × (baseline − value) / baseline,
-- where the baseline is the target's declared statistic (median of 2021) of the same area and segment, so that
-- a quantile of the reduction is the reduction of the quantile. Where the target names the limits in force
-- (baseline.limits_in_force: clause 18.1's 现行规定, one limit per supply class), each case is cut against the
-- limit of its own segment instead and the measured statistic is only shown beside. Observations without a
-- baseline (no measured baseline, or no limit for their segment) are left out.
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

-- One row per published limit: {"segment": {"supply_class": "low_voltage"}, "value": 12, "source": "…"}.
limits_in_force as (
    select metric_id, limit_in_force.segment as segment_json, limit_in_force.value as limit_value
    from (
        select
            metric_id,
            unnest(
                from_json(json_extract(baseline, '$.limits_in_force'), '[{"segment": "JSON", "value": "DOUBLE"}]')
            ) as limit_in_force
        from targets
        where json_extract(baseline, '$.limits_in_force') is not null
        qualify row_number() over (partition by metric_id order by clause) = 1
    )
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
        leveled.is_synthetic, leveled.is_calendar_official, leveled.attrs
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

-- Each case with the baseline it is cut against: the limit in force of its segment where the target names
-- limits, else the measured statistic of the baseline period.
with_baseline as (
    select relative_source.*, baselines.baseline_value
    from relative_source
    join baselines using (metric_id, area_id, segment)
    where relative_source.metric_id not in (select metric_id from limits_in_force)
    union all
    select relative_source.*, limits_in_force.limit_value as baseline_value
    from relative_source
    join limits_in_force
        on limits_in_force.metric_id = relative_source.metric_id
        and json_contains(relative_source.attrs, limits_in_force.segment_json)
),

relative as (
    select
        metric_id, area_id, segment, target_clause, comparator, target_value, observed_on, grain,
        100 * (baseline_value - base_value) / baseline_value as value,
        weight, baseline_value, is_synthetic, is_calendar_official
    from with_baseline
    where baseline_value > 0
),

final as (
    select * from direct
    union all
    select * from relative
)

select * from final
