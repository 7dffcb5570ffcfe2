-- test: closed_cases_have_a_duration
select load_id, source_line, applied_at, connected_at from stg_water_gas_cases
where connected_at is not null and connection_workdays is null

-- test: durations_not_negative
select load_id, source_line, connection_workdays from stg_water_gas_cases where connection_workdays < 0
