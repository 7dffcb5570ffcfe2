-- test: published_results_have_a_delay
select load_id, source_line, inspected_on, result_published_on from stg_random_inspections
where result_published_on is not null and publication_workdays is null

-- test: joint_means_several_departments
-- a joint inspection of one department would count towards the joint share (clause 29) without being one
select load_id, source_line, is_joint, departments from stg_random_inspections
where is_joint and departments < 2
