-- test: score_on_the_five_levels
select load_id, source_line, score from stg_satisfaction_ratings where score not between 1 and 5
