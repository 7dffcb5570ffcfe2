-- 双随机、一公开抽查记录, one row per inspection: the publication delay in workdays, counted as Chinese law does (民法典
-- art. 201: the inspection day itself is not counted), so it compares with the 20-workday publication limit.
-- incremental: by load
with source as (
    select * from current_random_inspections
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        lead_department,
        is_joint,
        departments,
        inspected_on,
        result,
        result_published_on,
        legal_workdays(inspected_on, result_published_on) as publication_workdays,
        calendar_is_official(inspected_on, coalesce(result_published_on, inspected_on)) as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
