-- test: lead_time_known
select load_id, source_line, intention_published_on, procurement_started_on from stg_procurement_intentions
where lead_days is null
