-- One row per case that broke the per-case rule of a target judged as a share (targets.yaml case_limit): clause 13's
-- intention published fewer than 30 days before the procurement started, clause 19's user at or below its area
-- type's 160 / 100 kW not connected at low voltage, clause 15.2's new firm that paid for its first seal set. The
-- same population and the same test as the share in int_metric_observations (a test below holds the two to the same
-- count), so every 0 in that share is a case here that an evaluator can look up: the feed, the file and the line it
-- came from. The case key is the project number (public) for clause 13; the case numbers of power and start-up
-- cases are personal and never reach a mart, so their key is feed:load:line instead.
with score_context_ as (
    select * from score_context
),

procurement as (
    select * from stg_procurement_intentions
),

power as (
    select * from stg_power_connection_cases
),

startups as (
    select * from stg_startup_cases
),

targets as (
    select * from dim_target
),

loads as (
    select * from load_log
),

-- each share target with its per-case number, as the observations read it
share_targets as (
    select clause, metric_id, coalesce(segment, '{}'::json) as segment,
        json_extract(case_limit, '$.value')::double as case_limit,
        json_extract_string(case_limit, '$.unit') as limit_unit,
        json_extract_string(case_limit, '$.value') as limit_text
    from targets
    where case_limit is not null
),

breaches as (
    -- clause 13: every project's intention at least case_limit days before the procurement started
    select share_targets.clause, share_targets.metric_id, 'procurement_intentions' as feed, load_id, source_line,
        project_id as case_id, area_id, purchaser as unit_name, procurement_started_on as observed_on,
        'lead_days' as measure, lead_days::double as measured_value, share_targets.case_limit, share_targets.limit_unit,
        'lead_days < ' || share_targets.limit_text as finding, is_synthetic
    from procurement
    join share_targets on share_targets.metric_id = 'procurement_intention_on_time_pct'
    where lead_days is not null and not (lead_days >= share_targets.case_limit)

    -- clause 19: every user at or below the limit of its area type connected at low voltage (placed by application)
    union all
    select share_targets.clause, share_targets.metric_id, 'power_connection_cases', load_id, source_line,
        null, area_id, null, applied_at::date, 'capacity_kw', capacity_kw::double, share_targets.case_limit,
        share_targets.limit_unit, 'supply_class = ' || coalesce(supply_class, 'null'), is_synthetic
    from power
    join share_targets
        on share_targets.metric_id = 'low_voltage_connection_share_pct'
        and json_contains(json_object('area_type', area_type), share_targets.segment)
    where capacity_kw <= share_targets.case_limit + 1e-9 and supply_class is distinct from 'low_voltage'

    -- clause 15.2: every new firm's first seal set at no more than case_limit yuan (free)
    union all
    select share_targets.clause, share_targets.metric_id, 'startup_cases', load_id, source_line,
        null, area_id, null, completed_at::date, 'seal_cost_yuan', seal_cost_yuan::double, share_targets.case_limit,
        share_targets.limit_unit, 'seal_cost_yuan > ' || share_targets.limit_text, is_synthetic
    from startups
    join share_targets on share_targets.metric_id = 'free_first_seal_set_share_pct'
    where completed_at is not null and seal_cost_yuan is not null
        and not (seal_cost_yuan <= share_targets.case_limit + 1e-9)
),

final as (
    select
        breaches.clause as target_clause,
        breaches.metric_id,
        breaches.area_id,
        breaches.unit_name,
        breaches.observed_on,
        strftime(breaches.observed_on, '%Y-%m') as period,
        breaches.measure,
        breaches.measured_value,
        breaches.case_limit,
        breaches.limit_unit,
        breaches.finding,
        breaches.feed,
        loads.file_name,
        breaches.load_id,
        breaches.source_line,
        coalesce(
            breaches.case_id, breaches.feed || ':' || breaches.load_id::varchar || ':' || breaches.source_line::varchar
        ) as case_key,
        breaches.is_synthetic
    from breaches
    join score_context_ on breaches.observed_on <= score_context_.as_of
    left join loads on loads.load_id = breaches.load_id
)

select * from final
