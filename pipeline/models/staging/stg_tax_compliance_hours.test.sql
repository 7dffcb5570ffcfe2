-- test: one_row_per_year_and_type
select year, taxpayer_type, count(*) as rows from stg_tax_compliance_hours group by all having count(*) > 1
