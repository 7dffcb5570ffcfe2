-- 用水用气报装办件, one row per connection: time in office workdays. Case number left out.
-- incremental: by load
with source as (
    select * from current_water_gas_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        utility,
        area as area_id,
        customer_class,
        applicant_kind,
        applied_at,
        connected_at,
        office_workdays(applied_at, connected_at) as connection_workdays,
        calendar_is_official(applied_at, coalesce(connected_at, applied_at)) as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
