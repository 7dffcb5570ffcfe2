-- 知识产权质押融资与纠纷调解, one row per pledge or mediation: durations in calendar days (the first day not
-- counted, 民法典 art. 201); amounts from 万元 to yuan.
-- incremental: by load
with source as (
    select * from current_ip_records
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        record_type,
        ip_type,
        started_on,
        ended_on,
        amount_10k_yuan * 10000 as amount_yuan,
        is_settled,
        calendar_days(started_on, ended_on) as duration_days,
        _is_synthetic as is_synthetic
    from source
)

select * from final
