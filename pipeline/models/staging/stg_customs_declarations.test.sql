-- test: two_step_only_for_imports
select load_id, source_line, direction, is_two_step from stg_customs_declarations
where direction = 'export' and is_two_step is not null
