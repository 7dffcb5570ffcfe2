-- test: two_step_only_for_imports
select load_id, source_line, direction, is_two_step from stg_customs_declarations
where direction = 'export' and is_two_step is not null

-- test: customs_costs_have_an_exchange_rate
-- a fee needs a yearly rate at or before its declaration's year to be put into US dollars (cny-usd-rates.yaml)
select load_id, source_line, declared_on from stg_customs_declarations
where (border_cost_yuan is not null or documentary_cost_yuan is not null)
    and year(declared_on) < (select min(year) from dim_cny_usd_rate)
