-- Share targets (clauses 13 and 19, targets.yaml `case_limit`): the plan's per-case number, which the models read
-- to decide whether each case keeps the rule (`{"value": 30, "unit": "day"}`); null for the other targets.
alter table dim_target add column case_limit json;
