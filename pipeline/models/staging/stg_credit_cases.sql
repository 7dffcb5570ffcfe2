-- 中小微企业贷款办件, one row per loan: dates only, so time counts as Chinese law does (民法典 art. 201: workdays after
-- the application date up to and including the disbursement date); amounts from 万元 to yuan. Loan number left out.
-- incremental: by load
with source as (
    select * from current_credit_cases
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        lender,
        applied_on,
        disbursed_on,
        amount_10k_yuan * 10000 as amount_yuan,
        is_guaranteed,
        guarantee_fee_rate_pct,
        legal_workdays(applied_on, disbursed_on) as loan_workdays,
        calendar_days(applied_on, disbursed_on) as loan_calendar_days,
        calendar_is_official(applied_on, coalesce(disbursed_on, applied_on)) as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
