-- Frozen editions of `bizenv assess --final`: the figures an appraisal was signed on and the sha256 of every file
-- it wrote. Rows are only ever inserted (pipeline/assess/editionStore.ts has no update or delete): running --final
-- again makes the next edition. `figures` is the assessment as JSON text, byte for byte, and `figures_sha256` its
-- hash, checked whenever an edition is read back (`bizenv assess diff`), so an edited row is refused.

create table assessment_editions (
    edition integer primary key,
    -- `2022` (year) or `2023Q2` (quarter)
    scope varchar not null,
    period_kind varchar not null,
    year integer not null,
    quarter integer,
    lang varchar not null,
    created_at timestamptz not null,
    as_of date not null,
    evaluated_at date not null,
    is_synthetic boolean not null,
    code_version varchar not null,
    catalog_version varchar not null,
    catalog_sha256 varchar not null,
    calendar varchar not null,
    exports_generated_at varchar not null,
    out_dir varchar not null,
    figures varchar not null,
    figures_sha256 varchar not null,
    manifest varchar not null
);

-- Every file an edition wrote, manifest.json included.
create table assessment_edition_files (
    edition integer not null,
    name varchar not null,
    kind varchar not null,
    bytes bigint not null,
    sha256 varchar not null,
    primary key (edition, name)
);
