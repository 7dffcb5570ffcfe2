-- 劳动人事争议仲裁案件, one row per case: time from acceptance to closure in calendar days (劳动争议调解仲裁法 art. 43
-- counts its 45 days from acceptance, in calendar days; the acceptance day itself is not counted, 民法典 art. 201).
-- incremental: by load
with source as (
    select * from current_labour_arbitration_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        dispute_type,
        filed_on,
        accepted_on,
        is_extended,
        closed_on,
        closure,
        calendar_days(accepted_on, closed_on) as resolution_days,
        _is_synthetic as is_synthetic
    from source
)

select * from final
