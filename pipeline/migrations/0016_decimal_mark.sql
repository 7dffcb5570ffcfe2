-- The mark a delimited text file's numbers were read with (pipeline/ingest/decimalMark.ts):
--   load_log.decimal_mark   'point' (1,234.5) or 'comma' (1.234,5, as Excel and LibreOffice write a CSV where a comma
--                           marks decimals); stated by `bizenv load --decimal` or decided from the file's own numbers.
--                           NULL for workbooks, Parquet, Arrow and JSON (their numbers are typed) and refused files.
alter table load_log add column decimal_mark varchar;
