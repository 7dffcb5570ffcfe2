-- Per task and responsible unit (every pair the plan names, reported or not): the deadline, the latest report on or
-- before the as-of date, and the first date the unit reported the task done (for done vs done_late).
with task_units as (
    select * from dim_task_unit
),

tasks as (
    select * from dim_task
),

reports as (
    select * from stg_task_progress
),

score_context_ as (
    select * from score_context
),

current_reports as (
    select reports.* from reports, score_context_ where reports.reported_on <= score_context_.as_of
),

latest as (
    select * from current_reports
    qualify row_number() over (partition by task_number, unit_id order by reported_on desc, load_id desc) = 1
),

first_done as (
    select task_number, unit_id, min(reported_on) as first_done_on
    from current_reports
    where reported_status = 'done'
    group by task_number, unit_id
),

unit_counts as (
    select task_number, count(*) as task_units from task_units group by task_number
),

final as (
    select
        task_units.task_number,
        tasks.indicator_id,
        task_units.unit_id,
        tasks.deadline,
        tasks.is_ongoing,
        unit_counts.task_units,
        latest.reported_on,
        latest.reported_status,
        latest.percent_done,
        first_done.first_done_on,
        coalesce(latest.is_synthetic, false) as is_synthetic
    from task_units
    join tasks using (task_number)
    join unit_counts using (task_number)
    left join latest using (task_number, unit_id)
    left join first_done using (task_number, unit_id)
)

select * from final
