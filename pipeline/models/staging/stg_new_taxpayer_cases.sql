-- 新办纳税人办件, one row per new taxpayer: handling time in OFFICE hours (office minutes ÷ 60), so a case filed on
-- a Saturday night does not accrue the weekend; 1 workday = 7.5 office hours with the default office hours.
-- incremental: by load
with source as (
    select * from current_new_taxpayer_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        started_at,
        completed_at,
        office_hours(started_at, completed_at) as handling_hours,
        calendar_is_official(started_at, coalesce(completed_at, started_at)) as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
