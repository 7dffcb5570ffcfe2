-- What `bizenv score` did: one row per run, and the state of every model it built, so a run can skip the models
-- whose inputs (feed loads in force, catalog, calendar, as-of date, model SQL) did not change since they were built.

create sequence score_run_id_seq start 1;

create table score_runs (
    run_id integer primary key default nextval('score_run_id_seq'),
    started_at timestamptz not null,
    finished_at timestamptz,
    as_of date not null,
    -- sha256 over every model's fingerprint: equal fingerprints mean the marts were rebuilt from the same inputs.
    inputs_sha256 varchar,
    models_built integer not null default 0,
    models_skipped integer not null default 0,
    tests_run integer not null default 0,
    exports_dir varchar,
    -- running | ok | failed
    status varchar not null,
    message varchar
);

-- One row per model table: the fingerprint of the inputs it was built from and how many rows it holds.
create table model_state (
    model varchar primary key,
    layer varchar not null,
    fingerprint varchar not null,
    row_count bigint not null,
    built_at timestamptz not null,
    run_id integer
);

-- The evaluation context the models read (one row, rewritten by the model runner before each build).
create table score_context (
    as_of date not null,
    as_of_month date not null
);
