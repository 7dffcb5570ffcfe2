-- test: enforced_cases_have_a_duration
select load_id, source_line, filed_on, enforcement_closed_on from stg_court_cases
where enforcement_closed_on is not null and enforcement_days is null
