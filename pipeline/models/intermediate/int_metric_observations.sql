-- Every observation of every metric of the catalog, in the metric's unit, known on or before the as-of date:
-- one row per case (durations from the staging models), per unit and month (rates), or per year (annual measures).
--   observed_on  the date that places the observation in a period: the end of a case (cases closed in a period, as
--                offices report 办结件, so the latest month is not biased by cases still open), the month of a
--                unit report, 31 December of an annual measure; the as-of column for values that are not durations
--   weight       1 per case; the denominator for unit-month rates, so a weighted mean is the pooled rate
--   attrs        the case's attributes that targets segment on (matched with json_contains)
-- incremental: by month of observed_on
-- full rebuild if: exists (select 1 from delta_stg_city_statistics where metric_id = 'gdp_per_capita_yuan')
with score_context_ as (
    select * from score_context
),

startups as (
    select * from stg_startup_cases
),

registrations as (
    select * from stg_property_registration_cases
),

new_taxpayers as (
    select * from stg_new_taxpayer_cases
),

tax_hours as (
    select * from stg_tax_compliance_hours
),

procurement as (
    select * from stg_procurement_intentions
),

power as (
    select * from stg_power_connection_cases
),

water_gas as (
    select * from stg_water_gas_cases
),

loans as (
    select * from stg_credit_cases
),

permits as (
    select * from stg_construction_permit_cases
),

online as (
    select * from stg_online_services
),

hotline as (
    select * from stg_hotline_12345
),

ratings as (
    select * from stg_satisfaction_ratings
),

trading as (
    select * from stg_public_resource_trading_projects
),

court as (
    select * from stg_court_cases
),

indices as (
    select * from stg_indicator_indices
),

insolvency as (
    select * from stg_insolvency_cases
),

customs as (
    select * from stg_customs_declarations
),

-- 办理破产 clause 42 (长期未结案件): at each month end up to the as-of date, from three years after the earliest
-- acceptance (before that a count is zero by construction, not by the courts), the city's bankruptcy cases accepted more than three years before it and not closed by then. A stock:
-- one count for the city a month (its areas have none: a median of their counts is not the city's), zero included.
-- Three years is bizenv's reading of 长期未结 (metrics.yaml); the ledger's long_pending_since is each court's own.
-- Run over changed rows alone (incremental refresh) it yields every month end from three years after their
-- earliest acceptance on: every month a changed case can count in.
insolvency_month_ends as (
    select distinct last_day(month_start::date) as month_end
    from insolvency, score_context_,
        unnest(generate_series(date_trunc('month', insolvency.accepted_on + interval 3 year),
            date_trunc('month', score_context_.as_of),
            interval 1 month)) as months(month_start)
    where last_day(month_start::date) <= score_context_.as_of
),

long_pending_insolvency as (
    select
        insolvency_month_ends.month_end,
        count(insolvency.accepted_on) filter (
            where insolvency.accepted_on < insolvency_month_ends.month_end - interval 3 year
                and (insolvency.closed_on is null or insolvency.closed_on > insolvency_month_ends.month_end)
        ) as cases,
        coalesce(bool_or(insolvency.is_synthetic), false) as is_synthetic
    from insolvency_month_ends
    left join insolvency on insolvency.accepted_on <= insolvency_month_ends.month_end
    group by insolvency_month_ends.month_end
),

cny_usd_rates as (
    select * from dim_cny_usd_rate
),

-- DB2020 states trading costs in US dollars: each declaration's fees in yuan at its year's average rate, or the
-- latest year's listed before it until its own is added (a declaration before the first year fails a staging test)
customs_costs as (
    select
        customs.*,
        border_cost_yuan / cny_usd_rates.cny_per_usd as border_cost_usd,
        documentary_cost_yuan / cny_usd_rates.cny_per_usd as documentary_cost_usd
    from customs
    asof join cny_usd_rates on year(customs.declared_on) >= cny_usd_rates.year
    where border_cost_yuan is not null or documentary_cost_yuan is not null
),

metrics as (
    select * from dim_metric
),

units as (
    select * from dim_unit
),

targets as (
    select * from dim_target
),

-- The per-case number of each share target (targets.yaml case_limit): 30 days for clause 13, 160 / 100 kW by
-- area type for clause 19. Read here so the rule's number is catalog data, not a literal of this model.
share_limits as (
    select metric_id, coalesce(segment, '{}'::json) as segment, json_extract(case_limit, '$.value')::double as case_limit
    from targets
    where case_limit is not null
),

inspections as (
    select * from stg_random_inspections
),

credit_repairs as (
    select * from stg_credit_repairs
),

labour_cases as (
    select * from stg_labour_arbitration_cases
),

ip_records as (
    select * from stg_ip_records
),

city_statistics as (
    select * from stg_city_statistics
),

service_items as (
    select * from stg_service_items
),

coded_projects as (
    select * from stg_construction_projects
),

-- Per-case limits set by statute rather than by the plan (so no target carries them): 国发〔2019〕5号 has the
-- result of a 双随机 inspection published within 20 workdays of the inspection; 劳动争议调解仲裁法 art. 43 has an
-- arbitration case closed within 45 days of acceptance, or 60 when extended with approval (at most 15 more).
statutory_limits as (
    select
        20 as inspection_publication_workdays,
        45 as labour_arbitration_days,
        60 as labour_arbitration_extended_days
),

-- dbcomp: income per capita (人均地区生产总值, city_statistics) of each year, as known on the as-of date: DB's
-- start-up and electricity costs are a percentage of it. A newly loaded year changes cases of every month, hence
-- the full rebuild above.
income_per_capita as (
    select city_statistics.year, city_statistics.value as income_yuan, city_statistics.published_on
    from city_statistics, score_context_
    where city_statistics.metric_id = 'gdp_per_capita_yuan' and city_statistics.published_on <= score_context_.as_of
),

-- the cases whose cost DB states as a percentage of income per capita, each with the income of its year, or of
-- the latest earlier year when its own is not published yet (the year used is kept in attrs.income_year)
income_costs as (
    select 'startup_cost_pct_income' as metric_id, area_id, completed_at::date as observed_on, cost_yuan,
        '{}'::json as attrs, is_synthetic
    from startups
    where completed_at is not null and cost_yuan is not null
    union all
    select 'power_cost_pct_income', area_id, connected_at::date, cost_yuan,
        json_object('supply_class', supply_class, 'area_type', area_type, 'needs_grid_works', needs_grid_works),
        is_synthetic
    from power
    where connected_at is not null and cost_yuan is not null
),

income_costs_priced as (
    select income_costs.*, income_per_capita.year as income_year, income_per_capita.income_yuan,
        income_per_capita.published_on as income_published_on
    from income_costs
    asof join income_per_capita on year(income_costs.observed_on) >= income_per_capita.year
),

observations as (
    select 'online_service_capability_pct' as metric_id, coalesce(units.area_id, 'xining') as area_id,
        month_start as observed_on, month_start as known_on, 'unit_month' as grain,
        100.0 * items_fully_online / items_in_scope as value, items_in_scope::double as weight,
        '{}'::json as attrs, is_synthetic, true as is_calendar_official
    from online left join units using (unit_id)
    where items_in_scope > 0

    -- 可网办 (online at least in part), shown beside the judged 全程网办 rate; only where the unit reported it
    union all
    select 'online_service_available_pct', coalesce(units.area_id, 'xining'), month_start, month_start,
        'unit_month', 100.0 * items_online_available / items_in_scope, items_in_scope::double, '{}'::json,
        is_synthetic, true
    from online left join units using (unit_id)
    where items_in_scope > 0 and items_online_available is not null

    -- clause 3.2, the service item catalogue (a stock, one export a month): each item of the month's catalogue in a
    -- national or provincial published 跨省通办 list counts 100 when implemented by the month's end, else 0, so the
    -- mean is the share implemented and n the listed items; a quarter or year pools its months, as clause 1 does
    union all
    select 'cross_province_items_implemented_pct', coalesce(units.area_id, 'xining'), month_start, month_start,
        'item_month', 100.0 * is_cross_province_implemented::integer, 1,
        json_object('cross_province_list', cross_province_list), is_synthetic, true
    from service_items left join units using (unit_id)
    where cross_province_list is not null

    -- clause 3.1: each high-frequency item of the six fields the clause names counts 100 when it can be handled
    -- anywhere in the city (全城通办), else 0; other fields and other items are not counted
    union all
    select 'citywide_high_frequency_items_pct', coalesce(units.area_id, 'xining'), month_start, month_start,
        'item_month', 100.0 * is_citywide::integer, 1, json_object('field', field), is_synthetic, true
    from service_items left join units using (unit_id)
    where is_high_frequency and field <> 'other'

    -- clause 2: the items of the month's catalogue in a 一件事一次办 package, one value a month for the city (0 when
    -- the catalogue has none)
    union all
    select 'one_thing_once_items_count', 'xining', month_start, month_start, 'month',
        count(one_thing_package)::double, 1, '{}'::json, bool_or(is_synthetic), true
    from service_items
    group by month_start

    union all
    select 'property_registration_time_workdays', area_id, completed_at::date, completed_at::date, 'case',
        registration_workdays, 1, json_object('applicant_type', applicant_type), is_synthetic, is_calendar_official
    from registrations
    where registration_workdays is not null

    -- clause 6.3: each completed transfer whose record says whether its water, power and gas accounts were
    -- transferred with it counts 100 when they were, else 0, so the mean is the share of transfers handled jointly
    union all
    select 'utilities_joint_transfer_share_pct', area_id, completed_at::date, completed_at::date, 'case',
        100.0 * is_utilities_transferred::integer, 1, json_object('applicant_type', applicant_type), is_synthetic, true
    from registrations
    where registration_type = 'transfer' and completed_at is not null and is_utilities_transferred is not null

    union all
    select 'new_taxpayer_handling_time_hours', area_id, completed_at::date, completed_at::date, 'case',
        handling_hours, 1, '{}'::json, is_synthetic, is_calendar_official
    from new_taxpayers
    where handling_hours is not null

    -- the all-taxpayer measurement of the year; the VAT-type rows are published beside it, not averaged into it
    union all
    select 'annual_tax_compliance_time_hours', 'xining', make_date(year, 12, 31), measured_on, 'year',
        hours, 1, '{}'::json, is_synthetic, true
    from tax_hours
    where taxpayer_type = 'all'

    union all
    select 'procurement_intention_lead_days', area_id, procurement_started_on, procurement_started_on, 'case',
        lead_days, 1, '{}'::json, is_synthetic, true
    from procurement
    where lead_days is not null

    -- clause 13 is a rule for every project: each project counts 100 when its intention was published at least the
    -- case limit before the procurement started, else 0, so the mean is the share of projects that kept the rule
    -- and n is every project of the period (the denominator), not the median project
    union all
    select share_limits.metric_id, area_id, procurement_started_on, procurement_started_on, 'case',
        case when lead_days >= share_limits.case_limit then 100 else 0 end, 1, '{}'::json, is_synthetic, true
    from procurement
    join share_limits on share_limits.metric_id = 'procurement_intention_on_time_pct'
    where lead_days is not null

    union all
    select 'business_startup_time_workdays', area_id, completed_at::date, completed_at::date, 'case',
        startup_workdays, 1, '{}'::json, is_synthetic, is_calendar_official
    from startups
    where startup_workdays is not null

    union all
    select 'power_connection_time_workdays', area_id, connected_at::date, connected_at::date, 'case',
        connection_workdays, 1,
        json_object('supply_class', supply_class, 'area_type', area_type, 'needs_grid_works', needs_grid_works),
        is_synthetic, is_calendar_official
    from power
    where connection_workdays is not null

    union all
    select 'grid_works_time_workdays', area_id, grid_works_completed_at::date, grid_works_completed_at::date,
        'case', grid_works_workdays, 1,
        json_object('supply_class', supply_class, 'area_type', area_type, 'needs_grid_works', needs_grid_works),
        is_synthetic, is_calendar_official
    from power
    where needs_grid_works and grid_works_workdays is not null

    -- the capacity of each low-voltage connection: the largest one in a period is the ceiling applied in practice
    union all
    select 'low_voltage_access_capacity_kw', area_id, applied_at::date, applied_at::date, 'case',
        capacity_kw, 1, json_object('area_type', area_type), is_synthetic, true
    from power
    where supply_class = 'low_voltage'

    -- clause 19 is a rule for every user at or below the limit of its area type: the population is those users,
    -- whatever supply class they got; each counts 100 when connected at low voltage, else 0. Placed by application,
    -- as the capacity above: the connection mode is decided on the supply plan, not when supply starts.
    union all
    select share_limits.metric_id, area_id, applied_at::date, applied_at::date, 'case',
        case when supply_class = 'low_voltage' then 100 else 0 end, 1, json_object('area_type', area_type),
        is_synthetic, true
    from power
    join share_limits
        on share_limits.metric_id = 'low_voltage_connection_share_pct'
        and json_contains(json_object('area_type', area_type), share_limits.segment)
    where capacity_kw <= share_limits.case_limit + 1e-9

    union all
    select 'water_connection_time_workdays', area_id, connected_at::date, connected_at::date, 'case',
        connection_workdays, 1, json_object('utility', utility, 'customer_class', customer_class),
        is_synthetic, is_calendar_official
    from water_gas
    where utility = 'water' and connection_workdays is not null

    union all
    select 'gas_connection_time_workdays', area_id, connected_at::date, connected_at::date, 'case',
        connection_workdays, 1,
        json_object('utility', utility, 'customer_class', customer_class, 'applicant_kind', applicant_kind),
        is_synthetic, is_calendar_official
    from water_gas
    where utility = 'gas' and connection_workdays is not null

    union all
    select 'guarantee_fee_rate_pct', area_id, applied_on, applied_on, 'case',
        guarantee_fee_rate_pct, 1, '{}'::json, is_synthetic, true
    from loans
    where is_guaranteed and guarantee_fee_rate_pct is not null

    union all
    select 'loan_time_workdays', area_id, disbursed_on, disbursed_on, 'case',
        loan_workdays, 1, '{}'::json, is_synthetic, is_calendar_official
    from loans
    where loan_workdays is not null

    -- clause 22.1: each project coded on the investment platform counts 100 when it is in the approval management
    -- system (its latest report), else 0; placed at its coding, so the mean is the share of the period's coded projects
    union all
    select 'construction_projects_in_system_pct', area_id, coded_on, coded_on, 'case',
        100.0 * is_in_approval_system::integer, 1, json_object('project_type', project_type), is_synthetic, true
    from coded_projects

    -- clause 22.2: the intermediary services a project used, handled in the system, as a share weighted by the
    -- services used, so the mean is the pooled share of every service of the period's projects
    union all
    select 'intermediary_services_in_system_pct', area_id, coded_on, coded_on, 'case',
        100.0 * intermediary_services_in_system / intermediary_services, intermediary_services::double,
        json_object('project_type', project_type), is_synthetic, true
    from coded_projects
    where intermediary_services > 0 and intermediary_services_in_system is not null

    union all
    select 'construction_approval_time_workdays', area_id, approved_on, approved_on, 'case',
        approval_workdays, 1, json_object('project_type', project_type), is_synthetic, true
    from permits
    where approval_workdays is not null and approved_on is not null

    union all
    select 'hotline_on_time_rate_pct', coalesce(units.area_id, 'xining'), month_start, month_start, 'unit_month',
        100.0 * resolved_on_time / tickets_due, tickets_due::double, '{}'::json, is_synthetic, true
    from hotline left join units using (unit_id)
    where tickets_due > 0

    union all
    select 'hotline_satisfaction_rate_pct', coalesce(units.area_id, 'xining'), month_start, month_start,
        'unit_month', 100.0 * callers_satisfied / callers_rated, callers_rated::double, '{}'::json,
        is_synthetic, true
    from hotline left join units using (unit_id)
    where callers_rated > 0

    union all
    select respondent_type || '_satisfaction_index', coalesce(units.area_id, 'xining'), rated_on, rated_on,
        'case', score_points, 1, json_object('survey', survey), is_synthetic, true
    from ratings left join units using (unit_id)

    -- components (二级指标) as DB2020 measures them: times in calendar days straight from the timestamps (DB's
    -- bounds are calendar days; converting workdays by a factor would miss holidays), procedures as counted
    union all
    select 'business_startup_time_days', area_id, completed_at::date, completed_at::date, 'case',
        epoch(completed_at - applied_at) / 86400.0, 1, '{}'::json, is_synthetic, true
    from startups
    where completed_at is not null and completed_at >= applied_at

    union all
    select 'startup_procedures_count', area_id, completed_at::date, completed_at::date, 'case',
        procedures, 1, '{}'::json, is_synthetic, true
    from startups
    where completed_at is not null and procedures is not null

    union all
    select 'property_registration_time_days', area_id, completed_at::date, completed_at::date, 'case',
        epoch(completed_at - applied_at) / 86400.0, 1, json_object('applicant_type', applicant_type),
        is_synthetic, true
    from registrations
    where completed_at is not null and completed_at >= applied_at

    union all
    select 'power_connection_time_days', area_id, connected_at::date, connected_at::date, 'case',
        epoch(connected_at - applied_at) / 86400.0, 1,
        json_object('supply_class', supply_class, 'area_type', area_type, 'needs_grid_works', needs_grid_works),
        is_synthetic, true
    from power
    where connected_at is not null and connected_at >= applied_at

    union all
    select 'construction_approval_time_days', area_id, approved_on, approved_on, 'case',
        date_diff('day', applied_on, approved_on), 1, json_object('project_type', project_type), is_synthetic, true
    from permits
    where approved_on is not null and approved_on >= applied_on

    -- 市场监管: each inspection counts 100 when several departments did it together (clause 29), else 0, so the
    -- period's mean is the joint share; placed at the inspection
    union all
    select 'joint_inspection_share_pct', area_id, inspected_on, inspected_on, 'case',
        case when is_joint then 100 else 0 end, 1, '{}'::json, is_synthetic, true
    from inspections

    -- each published result counts 100 when published within the statutory limit, else 0; placed at publication,
    -- when it is known (a result still unpublished is not seen until it is, so a recent month can read high while
    -- late results are pending)
    union all
    select 'inspection_results_published_in_time_pct', area_id, result_published_on, result_published_on, 'case',
        case when publication_workdays <= statutory_limits.inspection_publication_workdays then 100 else 0 end, 1,
        '{}'::json, is_synthetic, is_calendar_official
    from inspections, statutory_limits
    where publication_workdays is not null

    union all
    select 'credit_repair_time_workdays', area_id, decided_on, decided_on, 'case',
        repair_workdays, 1, json_object('record_type', record_type, 'channel', channel), is_synthetic,
        is_calendar_official
    from credit_repairs
    where repair_workdays is not null

    -- 劳动力市场监管: placed at closure, as the commissions report 结案
    union all
    select 'labour_dispute_resolution_time_days', area_id, closed_on, closed_on, 'case',
        resolution_days, 1, json_object('dispute_type', dispute_type), is_synthetic, true
    from labour_cases
    where resolution_days is not null

    -- each closed case counts 100 when closed by mediation, else 0: the mean is the mediation share of closures
    union all
    select 'labour_dispute_mediation_share_pct', area_id, closed_on, closed_on, 'case',
        case when closure = 'mediated' then 100 else 0 end, 1, json_object('dispute_type', dispute_type),
        is_synthetic, true
    from labour_cases
    where resolution_days is not null and closure is not null

    -- each closed case counts 100 when closed within its statutory limit (the extended one if extended), else 0
    union all
    select 'labour_disputes_closed_in_time_pct', area_id, closed_on, closed_on, 'case',
        case
            when resolution_days <= case when is_extended then statutory_limits.labour_arbitration_extended_days
                else statutory_limits.labour_arbitration_days end then 100
            else 0
        end, 1, json_object('dispute_type', dispute_type), is_synthetic, true
    from labour_cases, statutory_limits
    where resolution_days is not null

    -- 知识产权: IP dispute mediations, placed at their end
    union all
    select 'ip_dispute_mediation_time_days', area_id, ended_on, ended_on, 'case',
        duration_days, 1, json_object('ip_type', ip_type), is_synthetic, true
    from ip_records
    where record_type = 'mediation' and duration_days is not null

    -- each ended mediation counts 100 when settled, else 0: the mean is the success share
    union all
    select 'ip_dispute_mediation_success_pct', area_id, ended_on, ended_on, 'case',
        case when is_settled then 100 else 0 end, 1, json_object('ip_type', ip_type), is_synthetic, true
    from ip_records
    where record_type = 'mediation' and duration_days is not null and is_settled is not null

    -- yearly city statistics (包容普惠创新, 知识产权): the statistic names its metric (the contract's allowed list),
    -- placed on 31 December of its year and known from its publication, as the yearly tax time above
    union all
    select metric_id, 'xining', make_date(year, 12, 31), published_on, 'year',
        value, 1, '{}'::json, is_synthetic, true
    from city_statistics
    -- only the catalog's metrics: income per capita (gdp_per_capita_yuan) is a divisor, not a metric
    where metric_id in (select metric_id from metrics)

    -- 招标投标 components: each tendered project is 100 or 0 for a share, so the mean is the share in percent
    union all
    select 'e_bidding_share_pct', area_id, bid_opened_on, bid_opened_on, 'case',
        100.0 * is_fully_electronic::integer, 1, json_object('project_type', project_type), is_synthetic, true
    from trading

    union all
    select 'e_guarantee_share_pct', area_id, bid_opened_on, bid_opened_on, 'case',
        100.0 * is_e_guarantee::integer, 1, json_object('project_type', project_type), is_synthetic, true
    from trading
    where is_e_guarantee is not null

    union all
    select 'remote_evaluation_share_pct', area_id, bid_opened_on, bid_opened_on, 'case',
        100.0 * is_remote_evaluation::integer, 1, json_object('project_type', project_type), is_synthetic, true
    from trading

    union all
    select 'nonlocal_winner_share_pct', area_id, bid_opened_on, bid_opened_on, 'case',
        100.0 * (winner_home = 'nonlocal')::integer, 1, json_object('project_type', project_type), is_synthetic, true
    from trading
    where winner_home is not null

    union all
    select 'bid_complaint_handling_time_workdays', area_id, complaint_decided_on, complaint_decided_on, 'case',
        complaint_workdays, 1, json_object('project_type', project_type), is_synthetic, is_calendar_official
    from trading
    where complaint_workdays is not null

    -- 执行合同: DB's time (calendar days) and cost (% of claim) per enforced case; online filing per filed case
    union all
    select 'contract_enforcement_time_days', area_id, enforcement_closed_on, enforcement_closed_on, 'case',
        enforcement_days, 1, json_object('case_type', case_type), is_synthetic, true
    from court
    where enforcement_days is not null

    union all
    select 'contract_enforcement_cost_pct_claim', area_id, enforcement_closed_on, enforcement_closed_on, 'case',
        cost_pct_claim, 1, json_object('case_type', case_type), is_synthetic, true
    from court
    where cost_pct_claim is not null

    union all
    select 'online_filing_share_pct', area_id, filed_on, filed_on, 'case',
        100.0 * is_filed_online::integer, 1, json_object('case_type', case_type), is_synthetic, true
    from court

    -- 办理破产, per closed case: DB's recovery rate, and the time and cost it is computed from
    union all
    select 'insolvency_recovery_rate_pct', area_id, closed_on, closed_on, 'case',
        recovery_rate_pct, 1, json_object('procedure', procedure), is_synthetic, true
    from insolvency
    where closed_on is not null and recovery_rate_pct is not null

    union all
    select 'insolvency_time_days', area_id, closed_on, closed_on, 'case',
        insolvency_days, 1, json_object('procedure', procedure), is_synthetic, true
    from insolvency
    where insolvency_days is not null

    union all
    select 'insolvency_cost_pct_estate', area_id, closed_on, closed_on, 'case',
        cost_pct_estate, 1, json_object('procedure', procedure), is_synthetic, true
    from insolvency
    where closed_on is not null and cost_pct_estate is not null

    union all
    select 'long_pending_insolvency_cases_count', 'xining', month_end, month_end, 'month_end',
        cases, 1, '{}'::json, is_synthetic, true
    from long_pending_insolvency

    -- 跨境贸易, per declaration: DB's border and documentary compliance times and costs by direction; the plan's
    -- early and two-step declaration shares (clause 27)
    union all
    select direction || '_border_time_hours', area_id, declared_on, declared_on, 'case',
        border_hours, 1, '{}'::json, is_synthetic, true
    from customs
    where border_hours is not null

    union all
    select direction || '_documentary_time_hours', area_id, declared_on, declared_on, 'case',
        documentary_hours, 1, '{}'::json, is_synthetic, true
    from customs

    union all
    select 'early_declaration_share_pct', area_id, declared_on, declared_on, 'case',
        100.0 * is_early_declaration::integer, 1, json_object('direction', direction), is_synthetic, true
    from customs

    union all
    select 'two_step_declaration_share_pct', area_id, declared_on, declared_on, 'case',
        100.0 * is_two_step::integer, 1, '{}'::json, is_synthetic, true
    from customs
    where is_two_step is not null

    union all
    select direction || '_border_cost_usd', area_id, declared_on, declared_on, 'case',
        border_cost_usd, 1, '{}'::json, is_synthetic, true
    from customs_costs
    where border_cost_usd is not null

    union all
    select direction || '_documentary_cost_usd', area_id, declared_on, declared_on, 'case',
        documentary_cost_usd, 1, '{}'::json, is_synthetic, true
    from customs_costs
    where documentary_cost_usd is not null

    -- questionnaire-scored indices, one per year: the index id is the metric id (only the catalog's metrics)
    union all
    select index_id, 'xining', make_date(year, 12, 31), measured_on, 'year',
        value, 1, '{}'::json, is_synthetic, true
    from indices
    where index_id in (select metric_id from metrics)

    -- dbcomp: DB2020's procedures and costs of the indicators whose time is measured above. Costs against income
    -- per capita: known once both the case and the income are; when the case's own year's income is not
    -- published yet, the latest earlier year's is used and attrs say which (income_year, income_note).
    union all
    select metric_id, area_id, observed_on, greatest(observed_on, income_published_on), 'case',
        100.0 * cost_yuan / income_yuan, 1,
        case
            when income_year < year(observed_on) then json_merge_patch(attrs, json_object(
                'income_year', income_year,
                'income_note', 'income per capita of ' || income_year || ': ' || year(observed_on) || ' not published yet'))
            else json_merge_patch(attrs, json_object('income_year', income_year))
        end,
        is_synthetic, true
    from income_costs_priced
    where income_yuan > 0

    union all
    select 'power_procedures_count', area_id, connected_at::date, connected_at::date, 'case',
        procedures, 1,
        json_object('supply_class', supply_class, 'area_type', area_type, 'needs_grid_works', needs_grid_works),
        is_synthetic, true
    from power
    where connected_at is not null and procedures is not null

    -- DB's property case is a transfer (a sale between two firms): procedures and cost of completed transfers
    union all
    select 'property_procedures_count', area_id, completed_at::date, completed_at::date, 'case',
        procedures, 1, json_object('applicant_type', applicant_type), is_synthetic, true
    from registrations
    where completed_at is not null and registration_type = 'transfer' and procedures is not null

    union all
    select 'property_cost_pct_property', area_id, completed_at::date, completed_at::date, 'case',
        100.0 * cost_yuan / property_value_yuan, 1, json_object('applicant_type', applicant_type), is_synthetic, true
    from registrations
    where completed_at is not null and registration_type = 'transfer' and cost_yuan is not null
        and property_value_yuan > 0

    union all
    select 'construction_procedures_count', area_id, approved_on, approved_on, 'case',
        procedures, 1, json_object('project_type', project_type), is_synthetic, true
    from permits
    where approved_on is not null and procedures is not null

    union all
    select 'construction_cost_pct_value', area_id, approved_on, approved_on, 'case',
        100.0 * cost_yuan / construction_value_yuan, 1, json_object('project_type', project_type), is_synthetic, true
    from permits
    where approved_on is not null and cost_yuan is not null and construction_value_yuan > 0

    -- clause 15's free first seal set, a rule for every new firm: each completed start-up with its seal cost
    -- recorded counts 100 when it paid no more than the case limit (0 yuan), else 0
    union all
    select share_limits.metric_id, area_id, completed_at::date, completed_at::date, 'case',
        case when seal_cost_yuan <= share_limits.case_limit + 1e-9 then 100 else 0 end, 1, '{}'::json,
        is_synthetic, true
    from startups
    join share_limits on share_limits.metric_id = 'free_first_seal_set_share_pct'
    where completed_at is not null and seal_cost_yuan is not null

    -- the tax bureau's yearly measurement, all taxpayers, as the time above
    union all
    select 'tax_payments_count', 'xining', make_date(year, 12, 31), measured_on, 'year',
        payments, 1, '{}'::json, is_synthetic, true
    from tax_hours
    where taxpayer_type = 'all' and payments is not null

    union all
    select 'total_tax_rate_pct', 'xining', make_date(year, 12, 31), measured_on, 'year',
        total_tax_rate_pct, 1, '{}'::json, is_synthetic, true
    from tax_hours
    where taxpayer_type = 'all' and total_tax_rate_pct is not null
),

final as (
    select observations.*
    from observations, score_context_
    where observations.known_on <= score_context_.as_of
)

select * from final
