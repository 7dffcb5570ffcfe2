-- test: closed_cases_have_a_duration
select load_id, source_line, applied_at, connected_at from stg_power_connection_cases
where connected_at is not null and connection_workdays is null

-- test: grid_works_inside_the_total
-- grid works are counted inside the connection's total time (clause 18.5): they cannot take longer than it
select load_id, source_line, connection_workdays, grid_works_workdays from stg_power_connection_cases
where grid_works_workdays > connection_workdays + 1e-9

-- test: durations_not_negative
select load_id, source_line, connection_workdays, grid_works_workdays from stg_power_connection_cases
where connection_workdays < 0 or grid_works_workdays < 0
