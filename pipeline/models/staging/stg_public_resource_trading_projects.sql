-- 公共资源交易项目记录, one row per tendered project: complaint time in workdays counted as Chinese law does
-- (民法典 art. 201: the day of acceptance is not counted), since the 30-day limit of 工程建设项目招标投标活动投诉处理办法
-- art. 21 is in workdays; estimates from 万元 to yuan. A project with no bid security (waived) has no security form
-- to judge, so e_guarantee is null there rather than false.
-- incremental: by load
with source as (
    select * from current_public_resource_trading_projects
),

final as (
    select
        _load_id as load_id,
        _line as source_line,
        area as area_id,
        project_type,
        estimate_10k_yuan * 10000 as estimate_yuan,
        bid_opened_on,
        is_fully_electronic,
        bid_security_form,
        case when bid_security_form = 'waived' then null else bid_security_form = 'e_guarantee' end
            as is_e_guarantee,
        bid_security_pct,
        is_remote_evaluation,
        winner_home,
        complaint_received_on,
        complaint_decided_on,
        legal_workdays(complaint_received_on, complaint_decided_on) as complaint_workdays,
        calendar_is_official(complaint_received_on, coalesce(complaint_decided_on, complaint_received_on))
            as is_calendar_official,
        _is_synthetic as is_synthetic
    from source
)

select * from final
