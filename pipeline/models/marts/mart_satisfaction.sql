-- Ratings per month, respondent type (enterprise, citizen), unit and survey, with totals over units (`all`) and
-- surveys (`all`): the satisfaction index is the mean of the ratings on 0–100 (staging: (score − 1) × 25).
with ratings as (
    select * from stg_satisfaction_ratings
),

score_context_ as (
    select * from score_context
),

current_ratings as (
    select ratings.* from ratings, score_context_ where ratings.rated_on <= score_context_.as_of
),

final as (
    select
        date_trunc('month', rated_on)::date as month_start,
        respondent_type,
        coalesce(unit_id, 'all') as unit_id,
        coalesce(survey, 'all') as survey,
        count(*) as n,
        avg(score_points) as satisfaction_index,
        bool_or(is_synthetic) as is_synthetic
    from current_ratings
    group by grouping sets (
        (date_trunc('month', rated_on), respondent_type, unit_id, survey),
        (date_trunc('month', rated_on), respondent_type, unit_id),
        (date_trunc('month', rated_on), respondent_type, survey),
        (date_trunc('month', rated_on), respondent_type)
    )
)

select * from final
