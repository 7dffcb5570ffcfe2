-- test: one_row_per_metric_and_segment
-- two targets on the same metric and segment would make share_within_target ambiguous
select metric_id, segment, count(*) as rows from int_metric_segments group by all having count(*) > 1

-- test: every_target_has_its_segment
select clause from dim_target
where clause not in (select target_clause from int_metric_segments where target_clause is not null)
