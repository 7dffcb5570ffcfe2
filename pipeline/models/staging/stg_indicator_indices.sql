-- 指标指数年度测评, one row per year, indicator and index: the index's value on its own scale, as scored.
-- incremental: by load
with source as (
    select * from current_indicator_indices
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        year::integer as year,
        indicator_id,
        index_id,
        value,
        measured_on,
        assessor,
        _is_synthetic as is_synthetic
    from source
)

select * from final
