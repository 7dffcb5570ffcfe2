-- test: closed_cases_have_a_duration
select load_id, source_line, started_at, completed_at from stg_new_taxpayer_cases
where completed_at is not null and handling_hours is null

-- test: durations_not_negative
select load_id, source_line, handling_hours from stg_new_taxpayer_cases where handling_hours < 0
