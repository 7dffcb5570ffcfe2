-- test: closed_cases_have_a_duration
-- a completed case outside the calendar table (2019–2027) would silently drop out of every statistic
select load_id, source_line, applied_at, completed_at from stg_startup_cases
where completed_at is not null and startup_workdays is null

-- test: durations_not_negative
select load_id, source_line, startup_workdays from stg_startup_cases where startup_workdays < 0

-- test: area_known
select load_id, source_line, area_id from stg_startup_cases where area_id not in (select area_id from dim_area)
