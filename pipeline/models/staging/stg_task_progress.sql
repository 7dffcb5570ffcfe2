-- 任务进展报送, one row per task, unit and report date.
-- incremental: by load
with source as (
    select * from current_task_progress
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        task_number,
        unit as unit_id,
        reported_on,
        status as reported_status,
        percent_done,
        note,
        _is_synthetic as is_synthetic
    from source
)

select * from final
