-- 纳税人全年纳税时间, one row per year and taxpayer type, as the tax bureau measures it.
-- incremental: by load
with source as (
    select * from current_tax_compliance_hours
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        year::integer as year,
        taxpayer_type,
        hours,
        payments,
        total_tax_rate_pct,
        measured_on,
        _is_synthetic as is_synthetic
    from source
)

select * from final
