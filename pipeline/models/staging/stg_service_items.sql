-- 政务服务事项目录, one row per service item and catalogue month: the month's end is when the export stands, so an
-- item counts as implemented across provinces in a month when its 落地 date is on or before that month's last day.
-- incremental: by load
with source as (
    select * from current_service_items
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        item_code,
        snapshot_month as month_start,
        item_name,
        unit as unit_id,
        field,
        is_high_frequency,
        cross_province_list,
        cross_province_batch,
        cross_province_implemented_on,
        cross_province_list is not null
            and coalesce(cross_province_implemented_on <= last_day(snapshot_month), false)
            as is_cross_province_implemented,
        is_citywide,
        nullif(trim(one_thing_package), '') as one_thing_package,
        online_depth,
        _is_synthetic as is_synthetic
    from source
)

select * from final
