-- 政府采购意向公开, one row per procurement project: lead time in calendar days (the plan's 30日 are calendar days,
-- counted as Chinese law does: the publication day itself is not counted); budgets from 万元 to yuan. The project
-- number is public (not personal) and kept: it names a project that broke clause 13's rule (mart_rule_breaches).
-- incremental: by load
with source as (
    select * from current_procurement_intentions
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        project_id,
        area as area_id,
        purchaser,
        intention_published_on,
        procurement_started_on,
        budget_10k_yuan * 10000 as budget_yuan,
        calendar_days(intention_published_on, procurement_started_on) as lead_days,
        _is_synthetic as is_synthetic
    from source
)

select * from final
