-- test: ended_mediations_have_an_outcome
-- an ended mediation without its outcome would leave the success share's denominator short
select load_id, source_line, record_type, ended_on, is_settled from stg_ip_records
where record_type = 'mediation' and ended_on is not null and is_settled is null

-- test: amounts_only_on_pledges
select load_id, source_line, record_type, amount_yuan from stg_ip_records
where record_type = 'mediation' and amount_yuan is not null
