-- Per unit and month: 12345 hotline tickets and online-service items (the unit record's monthly inputs).
with hotline as (
    select * from stg_hotline_12345
),

online as (
    select * from stg_online_services
),

score_context_ as (
    select * from score_context
),

joined as (
    select
        coalesce(hotline.unit_id, online.unit_id) as unit_id,
        coalesce(hotline.month_start, online.month_start) as month_start,
        hotline.tickets,
        hotline.tickets_due,
        hotline.resolved_on_time,
        hotline.callers_rated,
        hotline.callers_satisfied,
        online.items_in_scope,
        online.items_fully_online,
        coalesce(hotline.is_synthetic, false) or coalesce(online.is_synthetic, false) as is_synthetic
    from hotline
    full outer join online on online.unit_id = hotline.unit_id and online.month_start = hotline.month_start
),

final as (
    select joined.* from joined, score_context_ where joined.month_start <= score_context_.as_of
)

select * from final
