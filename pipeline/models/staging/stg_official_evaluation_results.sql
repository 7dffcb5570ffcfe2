-- 营商环境评价结果, one row per indicator and evaluation year: the official evaluation's published standing (官方评价),
-- which takes precedence over bizenv's simulated tier verdict (模拟评价).
-- incremental: by load
with source as (
    select * from current_official_evaluation_results
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        indicator_id,
        year::integer as year,
        standing,
        is_benchmark,
        rank::integer as rank,
        percentile as percentile_pct,
        source_document,
        published_on,
        _is_synthetic as is_synthetic
    from source
)

select * from final
