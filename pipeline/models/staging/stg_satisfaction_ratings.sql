-- 满意度评价, one row per rating: the 1–5 score also as points on 0–100 ((score − 1) × 25: 非常满意 = 100,
-- 非常不满意 = 0), so a mean of points is the satisfaction index. The response id (personal) is left out.
-- incremental: by load
with source as (
    select * from current_satisfaction_ratings
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        survey,
        respondent_type,
        unit as unit_id,
        rated_on,
        score::integer as score,
        (score - 1) * 25.0 as score_points,
        _is_synthetic as is_synthetic
    from source
)

select * from final
