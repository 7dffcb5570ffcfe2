-- 开办企业办件, one row per start-up case: ids of the catalog, durations in office workdays (calendar macros of
-- migration 0003, the conventions of pipeline/scoring/durations.ts). The case number (personal) is left behind.
-- incremental: by load
with source as (
    select * from current_startup_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        applied_at,
        completed_at,
        channel,
        procedures,
        cost_yuan,
        seal_cost_yuan,
        office_workdays(applied_at, completed_at) as startup_workdays,
        calendar_is_official(applied_at, coalesce(completed_at, applied_at)) as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
