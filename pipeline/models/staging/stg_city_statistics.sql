-- 城市年度统计, one row per year and statistic: values are already in their metric's unit (the contract says so).
-- incremental: by load
with source as (
    select * from current_city_statistics
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        year,
        statistic as metric_id,
        value,
        published_on,
        source_document,
        _is_synthetic as is_synthetic
    from source
)

select * from final
