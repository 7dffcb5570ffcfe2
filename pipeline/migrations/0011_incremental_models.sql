-- Incremental models (pipeline/models/README.md): what a model was last built from besides its upstream data, so
-- the runner can tell "only new loads arrived" (refresh the partitions they touch) from "the model itself, the
-- calendar, the catalog or the as-of date changed" (rebuild it whole).
--   base_fingerprint  sha256 of the model's SQL and tests, the calendar, the catalog and the as-of date it reads
--   loads             for a model refreshed by load: the load ids in force it holds, comma-separated
alter table model_state add column base_fingerprint varchar;
alter table model_state add column loads varchar;
