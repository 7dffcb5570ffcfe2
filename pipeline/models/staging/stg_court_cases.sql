-- 法院民商事案件, one row per commercial case: time in CALENDAR days (Doing Business counts 执行合同 in calendar
-- days, so no workday count and no conversion factor), from filing to the end of enforcement; cost as DB counts
-- it: court, attorney and enforcement fees as a percentage of the claim, for cases whose fees are all known.
-- incremental: by load
with source as (
    select * from current_court_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        case_type,
        filed_on,
        is_filed_online,
        judgment_on,
        enforcement_closed_on,
        claim_yuan,
        court_fees_yuan,
        attorney_fees_yuan,
        enforcement_fees_yuan,
        calendar_days(filed_on, enforcement_closed_on) as enforcement_days,
        case
            when claim_yuan > 0 and enforcement_closed_on is not null and court_fees_yuan is not null
                and attorney_fees_yuan is not null and enforcement_fees_yuan is not null
                then 100.0 * (court_fees_yuan + attorney_fees_yuan + enforcement_fees_yuan) / claim_yuan
        end as cost_pct_claim,
        _is_synthetic as is_synthetic
    from source
)

select * from final
