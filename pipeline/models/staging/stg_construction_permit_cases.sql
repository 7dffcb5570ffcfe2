-- 工程建设项目审批, one row per project: the approval time as the approval system counts it (it excludes the
-- applicant's own time), else workdays between the dates as Chinese law counts them.
-- incremental: by load
with source as (
    select * from current_construction_permit_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        project_id,
        area as area_id,
        project_type,
        applied_on,
        approved_on,
        approval_workdays as system_approval_workdays,
        legal_workdays(applied_on, approved_on) as elapsed_workdays,
        coalesce(approval_workdays, legal_workdays(applied_on, approved_on)) as approval_workdays,
        stages,
        procedures,
        cost_yuan,
        construction_value_yuan,
        _is_synthetic as is_synthetic
    from source
)

select * from final
