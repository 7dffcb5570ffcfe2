-- test: decided_complaints_have_a_duration
select load_id, source_line, complaint_received_on, complaint_decided_on from stg_public_resource_trading_projects
where complaint_received_on is not null and complaint_decided_on is not null and complaint_workdays is null
