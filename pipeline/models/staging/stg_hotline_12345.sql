-- 12345热线办理情况, one row per unit and month.
-- incremental: by load
with source as (
    select * from current_hotline_12345
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        unit as unit_id,
        month as month_start,
        tickets,
        tickets_due,
        resolved_on_time,
        callers_rated,
        callers_satisfied,
        _is_synthetic as is_synthetic
    from source
)

select * from final
