-- test: shares_are_percentages
-- a share sent as a fraction (0.85 for 85 %) would score as almost nothing against its 0–100 bounds
select load_id, source_line, metric_id, value from stg_city_statistics
where metric_id like '%\_pct' escape '\' and value > 100

-- test: published_after_the_year_began
select load_id, source_line, year, published_on from stg_city_statistics
where published_on < make_date(year, 1, 1)
