-- 用电报装办件, one row per connection: total time and grid-works time in office workdays. Case number left out.
-- incremental: by load
with source as (
    select * from current_power_connection_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        supply_class,
        area_type,
        capacity_kw,
        needs_grid_works,
        applied_at,
        connected_at,
        grid_works_started_at,
        grid_works_completed_at,
        cost_yuan,
        procedures,
        office_workdays(applied_at, connected_at) as connection_workdays,
        office_workdays(grid_works_started_at, grid_works_completed_at) as grid_works_workdays,
        calendar_is_official(applied_at, coalesce(connected_at, applied_at)) as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
