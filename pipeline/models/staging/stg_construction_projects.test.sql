-- test: one_row_per_project
select project_code, count(*) as rows from stg_construction_projects group by all having count(*) > 1

-- test: a_project_entered_is_in_the_system
select load_id, source_line, project_code from stg_construction_projects
where entered_system_on is not null and not is_in_approval_system
