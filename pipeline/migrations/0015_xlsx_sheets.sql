-- Which sheets of a workbook a load read (one sheet per county is common) and what it left out.
--   load_log.sheets        JSON {read: [{name, header_row, rows, hidden_rows}], skipped: [{name, reason}]}, XLSX only
--   load_log.rows_hidden   rows of the sheets read that were hidden in the workbook, not loaded (not in rows_read)
--   load_rejects.sheet     the sheet of a rejected row, and sheet_row its row there (line encodes both: the n-th sheet
--                          read has lines n × 10,000,000 + row, the first sheet's lines are its rows)
alter table load_log add column sheets varchar;
alter table load_log add column rows_hidden bigint;
alter table load_rejects add column sheet varchar;
alter table load_rejects add column sheet_row bigint;
