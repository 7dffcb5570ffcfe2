-- The plan catalog as dimension tables. Rebuilt from sources/plans/<plan>/ whenever the catalog's sha256 changes
-- (pipeline/catalog/syncCatalog.ts); never edited by hand.

create table dim_plan (
    plan_id varchar primary key,
    title_zh varchar not null,
    title_en varchar not null,
    city_zh varchar not null,
    issued_on date not null,
    catalog_version varchar not null,
    catalog_sha256 varchar not null,
    synced_at timestamptz not null
);

create table dim_tier (
    tier_id varchar primary key,
    tier_rank integer not null,
    name_zh varchar not null,
    name_en varchar not null
);

create table dim_action (
    action_id varchar primary key,
    action_number integer not null unique,
    name_zh varchar not null,
    name_en varchar not null
);

create table dim_indicator (
    indicator_id varchar primary key,
    indicator_number integer not null unique,
    action_id varchar not null,
    name_zh varchar not null,
    name_en varchar not null,
    tier_goal varchar not null,
    tier_goal_deadline date not null
);

create table dim_area (
    area_id varchar primary key,
    area_code varchar not null unique,
    name_zh varchar not null,
    name_en varchar not null,
    area_kind varchar not null,
    parent_area_id varchar
);

-- Every name a feed may use for an area (official name, short name, code, id), for validating area columns.
create table dim_area_alias (
    alias varchar primary key,
    area_id varchar not null
);

create table dim_unit (
    unit_id varchar primary key,
    name_zh varchar not null,
    name_en varchar not null,
    unit_kind varchar not null,
    area_id varchar
);

create table dim_unit_alias (
    alias varchar primary key,
    unit_id varchar not null
);

create table dim_task (
    task_number integer primary key,
    indicator_id varchar not null,
    -- null when the task has no end date (持续推进); is_ongoing then says so.
    deadline date,
    is_ongoing boolean not null,
    is_continuing boolean not null,
    deadline_text_zh varchar not null,
    units_text_zh varchar not null,
    text_zh varchar not null,
    summary_en varchar not null
);

create table dim_task_unit (
    task_number integer not null,
    unit_id varchar not null,
    unit_position integer not null,
    primary key (task_number, unit_id)
);

create table dim_metric (
    metric_id varchar primary key,
    indicator_id varchar not null,
    name_zh varchar not null,
    name_en varchar not null,
    unit varchar not null,
    polarity varchar not null,
    derived_from_metric_id varchar,
    description_en varchar not null
);

create table dim_target (
    clause varchar primary key,
    task_number integer not null,
    indicator_id varchar not null,
    metric_id varchar not null,
    comparator varchar not null,
    target_value double not null,
    unit varchar not null,
    -- {"applicant_type": "individual"} or null when the target applies to all cases.
    segment json,
    deadline date not null,
    baseline json,
    text_zh varchar not null,
    summary_en varchar not null
);

create table dim_safeguard (
    safeguard_number integer primary key,
    safeguard_id varchar not null,
    name_zh varchar not null,
    name_en varchar not null,
    text_zh varchar not null
);
