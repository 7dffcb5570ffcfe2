-- test: system_time_within_elapsed_time
-- the system's count excludes the applicant's time, so it cannot exceed the workdays between the two dates
select load_id, source_line, system_approval_workdays, elapsed_workdays from stg_construction_permit_cases
where system_approval_workdays > elapsed_workdays + 1e-9
