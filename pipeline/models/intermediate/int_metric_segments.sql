-- The segments each metric is reported in: `all`, plus every segment a target of the plan names for it
-- (`applicant_type=individual`, `supply_class=low_voltage`, …), with the target that judges the segment, if any.
with metrics as (
    select * from dim_metric
),

targets as (
    select * from dim_target
),

target_segments as (
    select
        metric_id,
        clause as target_clause,
        comparator,
        target_value,
        segment as segment_json,
        case
            when segment is null then 'all'
            else (
                select string_agg(k || '=' || json_extract_string(segment, '$."' || k || '"'), ';')
                from unnest(json_keys(segment)) as keys(k)
            )
        end as segment
    from targets
),

all_cases as (
    select
        metrics.metric_id,
        'all' as segment,
        null::json as segment_json,
        target_segments.target_clause,
        target_segments.comparator,
        target_segments.target_value
    from metrics
    left join target_segments
        on target_segments.metric_id = metrics.metric_id and target_segments.segment = 'all'
),

named_segments as (
    select metric_id, segment, segment_json, target_clause, comparator, target_value
    from target_segments
    where segment <> 'all'
),

final as (
    select * from all_cases
    union all
    select * from named_segments
)

select * from final
