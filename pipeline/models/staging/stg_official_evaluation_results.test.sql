-- test: one_result_per_indicator_year
select indicator_id, year, count(*) as rows from stg_official_evaluation_results group by all having count(*) > 1

-- test: indicator_known
select s.indicator_id from stg_official_evaluation_results s
left join dim_indicator i on i.indicator_id = s.indicator_id
where i.indicator_id is null

-- test: standing_accepted
select standing from stg_official_evaluation_results
where standing not in ('national_first_class', 'national_advanced', 'comprehensive_improvement', 'below')
