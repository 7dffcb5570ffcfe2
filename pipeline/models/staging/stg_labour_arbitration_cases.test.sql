-- test: closed_cases_have_a_duration_and_a_closure
-- a closed case without its way of closing would leave the mediation share's denominator short
select load_id, source_line, closed_on, closure from stg_labour_arbitration_cases
where closed_on is not null and (resolution_days is null or closure is null)

-- test: closure_only_once_closed
select load_id, source_line, closed_on, closure from stg_labour_arbitration_cases
where closed_on is null and closure is not null
