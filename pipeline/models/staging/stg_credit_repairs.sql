-- 信用修复记录, one row per application: time to the decision in workdays, counted as Chinese law does (民法典
-- art. 201: the application day itself is not counted).
-- incremental: by load
with source as (
    select * from current_credit_repairs
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        record_type,
        channel,
        applied_on,
        decided_on,
        is_repaired,
        legal_workdays(applied_on, decided_on) as repair_workdays,
        calendar_is_official(applied_on, coalesce(decided_on, applied_on)) as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
