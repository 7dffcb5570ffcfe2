-- 政务服务网办情况, one row per unit and month.
-- incremental: by load
with source as (
    select * from current_online_services
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        unit as unit_id,
        month as month_start,
        items_in_scope,
        items_fully_online,
        items_online_available,
        _is_synthetic as is_synthetic
    from source
)

select * from final
