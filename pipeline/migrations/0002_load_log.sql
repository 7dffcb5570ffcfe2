-- What every load did: one row per file offered to `bizenv load`, loaded, skipped or refused, with its row
-- accounting (rows_read = rows_loaded + rows_rejected) and provenance (sha256, contract version).
create sequence load_id_seq start 1;

create table load_log (
    load_id integer primary key default nextval('load_id_seq'),
    feed varchar,
    file_name varchar not null,
    file_path varchar not null,
    archived_path varchar,
    sha256 varchar not null,
    bytes bigint not null,
    format varchar,
    encoding varchar,
    delimiter varchar,
    header_line integer,
    contract_version integer,
    contract_sha256 varchar,
    rows_read bigint not null default 0,
    rows_loaded bigint not null default 0,
    rows_rejected bigint not null default 0,
    -- loaded | superseded (a later --replace took its place) | refused (nothing of it was kept)
    status varchar not null,
    message varchar,
    replaces_load_id integer,
    is_synthetic boolean not null default false,
    data_from date,
    data_to date,
    started_at timestamptz not null,
    finished_at timestamptz not null
);

-- Every rejected row, once per rule it broke: where it is, what was found, what was expected.
create table load_rejects (
    load_id integer not null,
    line bigint,
    column_name varchar,
    value varchar,
    rule varchar not null,
    message varchar not null
);

-- Warehouse-wide settings, e.g. `as_of`: the date the pipeline evaluates against (the demo city is as of
-- 2023-06-30); commands fall back to today when it is absent.
create table settings (
    key varchar primary key,
    value varchar not null
);
