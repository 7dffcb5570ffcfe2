-- test: closed_cases_have_a_duration
select load_id, source_line, accepted_on, closed_on from stg_insolvency_cases
where closed_on is not null and insolvency_days is null
