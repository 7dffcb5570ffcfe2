-- test: decided_applications_have_a_duration
select load_id, source_line, applied_on, decided_on from stg_credit_repairs
where decided_on is not null and repair_workdays is null

-- test: outcome_only_once_decided
-- a repaired flag on a pending application would enter no metric but misstate the ledger
select load_id, source_line, decided_on, is_repaired from stg_credit_repairs
where decided_on is null and is_repaired is not null
