-- 报关单记录, one row per customs declaration: compliance times in hours as customs records them (DB's unit);
-- costs kept in yuan as billed (int_metric_observations puts them into DB's US dollars at the year's rate: staging
-- joins nothing). Two-step applies to imports only.
-- incremental: by load
with source as (
    select * from current_customs_declarations
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        direction,
        declared_at,
        declared_at::date as declared_on,
        is_early_declaration,
        case when direction = 'import' then is_two_step end as is_two_step,
        documentary_hours,
        border_hours,
        documentary_cost_yuan,
        border_cost_yuan,
        _is_synthetic as is_synthetic
    from source
)

select * from final
