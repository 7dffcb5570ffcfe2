-- Names that two or more areas or units share (高新区: the high-tech park, or the district it lies in). They are
-- not in dim_area_alias / dim_unit_alias, so they resolve to nothing; the loader rejects a row using one and names
-- the candidates (`registry` is area or unit; `candidates` as shown to people, e.g. "城北区 (chengbei) or …").
create table dim_ambiguous_alias (
    registry varchar not null,
    alias varchar not null,
    candidates varchar not null,
    primary key (registry, alias)
);
