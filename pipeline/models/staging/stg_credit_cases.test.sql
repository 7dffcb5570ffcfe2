-- test: disbursed_loans_have_a_duration
select load_id, source_line, applied_on, disbursed_on from stg_credit_cases
where disbursed_on is not null and loan_workdays is null

-- test: fee_only_with_a_guarantee
-- a guarantee fee on a loan without a government-backed guarantee would enter the fee-rate target (clause 25.1)
select load_id, source_line, is_guaranteed, guarantee_fee_rate_pct from stg_credit_cases
where not is_guaranteed and guarantee_fee_rate_pct is not null
