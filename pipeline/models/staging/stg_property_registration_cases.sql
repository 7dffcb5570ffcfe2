-- 不动产登记办件, one row per registration case: durations in office workdays. The case number (personal) stays out.
-- incremental: by load
with source as (
    select * from current_property_registration_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        applicant_type,
        registration_type,
        applied_at,
        completed_at,
        utilities_transferred as is_utilities_transferred,
        procedures,
        cost_yuan,
        property_value_yuan,
        office_workdays(applied_at, completed_at) as registration_workdays,
        calendar_is_official(applied_at, coalesce(completed_at, applied_at)) as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
