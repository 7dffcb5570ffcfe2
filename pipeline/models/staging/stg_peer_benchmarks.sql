-- 对标城市数据, one row per city, metric and year; population from 万人 to persons.
-- incremental: by load
with source as (
    select * from current_peer_benchmarks
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        city,
        metric as metric_id,
        year::integer as year,
        value,
        population_10k * 10000 as population,
        source,
        published_on,
        _is_synthetic as is_synthetic
    from source
)

select * from final
