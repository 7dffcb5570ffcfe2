-- 工程建设项目赋码清单, one row per project coded on the investment project platform (its latest report): whether it is
-- in the approval management system, and the intermediary services it used that were handled there.
-- incremental: by load
with source as (
    select * from current_construction_projects
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        project_code,
        area as area_id,
        project_type,
        coded_on,
        is_in_approval_system,
        entered_system_on,
        intermediary_services,
        intermediary_services_in_system,
        _is_synthetic as is_synthetic
    from source
)

select * from final
