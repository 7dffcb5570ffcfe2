-- Yuan per US dollar, one row per year (sources/benchmarks/cny-usd-rates.yaml, written with the catalog by
-- pipeline/catalog/syncCatalog.ts): the models put a customs declaration's fees in yuan into US dollars, the unit of
-- DB2020's trading-across-borders cost bounds, at the average of its year (or the latest year listed before it).
create table dim_cny_usd_rate (
    year integer primary key,
    cny_per_usd double not null check (cny_per_usd > 0),
    source varchar not null
);
