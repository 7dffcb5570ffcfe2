-- 破产案件台账, one row per bankruptcy case: time in CALENDAR days from acceptance to closing (DB counts resolving
-- insolvency in calendar time); cost as a percentage of the estate.
-- incremental: by load
with source as (
    select * from current_insolvency_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        procedure,
        accepted_on,
        closed_on,
        estate_value_yuan,
        costs_yuan,
        recovery_rate_pct,
        long_pending_since,
        calendar_days(accepted_on, closed_on) as insolvency_days,
        case when estate_value_yuan > 0 then 100.0 * costs_yuan / estate_value_yuan end as cost_pct_estate,
        _is_synthetic as is_synthetic
    from source
)

select * from final
