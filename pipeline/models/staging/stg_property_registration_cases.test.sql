-- test: closed_cases_have_a_duration
select load_id, source_line, applied_at, completed_at from stg_property_registration_cases
where completed_at is not null and registration_workdays is null

-- test: durations_not_negative
select load_id, source_line, registration_workdays from stg_property_registration_cases
where registration_workdays < 0

-- test: applicant_type_accepted
select load_id, source_line, applicant_type from stg_property_registration_cases
where applicant_type not in ('individual', 'enterprise')
