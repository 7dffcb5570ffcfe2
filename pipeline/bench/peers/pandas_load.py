"""The peer `bizenv bench --peers` times bizenv's load against: what an analyst would write in pandas.

Usage: python3 pandas_load.py CASES.csv RULES.json REJECTS.csv

RULES.json is written by pipeline/bench/peers.ts from the feed contract (sources/feeds/startup_cases.yaml) and the
catalog's area names, so this script checks the same rules as the loader, from the same source: required values,
area names, allowed values (after the contract's value aliases), types, ranges, date order, dates in the future or
before the contract's earliest date, and duplicate keys among the rows that broke no other rule (the first line keeps
the key). Every broken rule of every row is written to REJECTS.csv with its line, column, rule and reason; a summary
(rows read, rows rejected, rejected rows per rule) is printed as JSON on stdout.

What it does not do, which bizenv does: read office formats (2022年3月5日, full-width digits, Excel serials), other
encodings, quoted or irregular files, and store the good rows anywhere (bizenv inserts them into the warehouse in one
transaction). Typing here is pandas' own: a value pandas cannot type is a `type` reject.
"""

import json
import sys

import pandas as pd

TRUE_FALSE = {"true", "false", "yes", "no", "1", "0", "是", "否", "t", "f", "y", "n"}


def main(cases_path: str, rules_path: str, rejects_path: str) -> None:
    with open(rules_path, encoding="utf-8") as f:
        rules = json.load(f)
    raw = pd.read_csv(cases_path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    names = {}
    for column in rules["columns"]:
        for alias in [column["name"], *column["aliases"]]:
            names[alias.strip().lower()] = column["name"]
    raw.columns = [names.get(h.strip().lower(), h) for h in raw.columns]
    line = pd.Series(range(2, len(raw) + 2), index=raw.index)  # the header is line 1

    text = {}
    for column in rules["columns"]:
        name = column["name"]
        if name not in raw.columns:
            text[name] = pd.Series(pd.NA, index=raw.index, dtype="string")
            continue
        s = raw[name].astype("string").str.strip()
        s = s.mask(s == "")
        if column.get("value_aliases"):
            s = s.replace(column["value_aliases"])
        text[name] = s

    typed = {}
    for column in rules["columns"]:
        name, kind, s = column["name"], column["type"], text[column["name"]]
        if column.get("references") == "area":
            typed[name] = s.map(rules["areas"])
        elif kind == "integer":
            n = pd.to_numeric(s, errors="coerce")
            typed[name] = n.where(n == n.round())
        elif kind == "double":
            typed[name] = pd.to_numeric(s, errors="coerce")
        elif kind in ("timestamp", "date"):
            t = pd.to_datetime(s, format="%Y-%m-%d %H:%M", errors="coerce")
            rest = t.isna() & s.notna()
            if rest.any():  # other spellings pandas can read (seconds, a date alone)
                t[rest] = pd.to_datetime(s[rest], errors="coerce")
            typed[name] = t
        else:
            typed[name] = s

    now = pd.Timestamp(rules["now"])
    earliest = pd.Timestamp(rules["earliest_date"]) if rules.get("earliest_date") else None
    errors = []

    def fail(mask, name, rule, message):
        mask = mask.fillna(False).astype(bool)
        if mask.any():
            hit = mask[mask].index
            errors.append(
                pd.DataFrame(
                    {
                        "line": line[hit],
                        "column_name": name,
                        "rule": rule,
                        "value": text[name][hit] if name in text else raw[name][hit],
                        "message": message(hit),
                    }
                )
            )

    for column in rules["columns"]:
        name, kind = column["name"], column["type"]
        v, t = text[name], typed[name]
        unit = f" {column['unit']}" if column.get("unit") else ""
        if column["required"]:
            fail(v.isna(), name, "required", lambda hit: f"{name} is required but empty")
        if column.get("references") == "area":
            fail(v.notna() & t.isna(), name, "unknown_area", lambda hit: "unknown area " + v[hit])
            continue
        if kind != "varchar":
            fail(v.notna() & t.isna(), name, "type", lambda hit: f"expected {kind} in {name}, found " + v[hit])
        if column.get("allowed"):
            allowed = column["allowed"]
            fail(t.notna() & ~t.isin(allowed), name, "allowed", lambda hit: f"expected one of {allowed}, found " + v[hit])
        if "min" in column:
            fail(t < column["min"], name, "range", lambda hit: f"{name} must be at least {column['min']}{unit}, found " + v[hit])
        if "max" in column:
            fail(t > column["max"], name, "range", lambda hit: f"{name} must be at most {column['max']}{unit}, found " + v[hit])
        if column.get("at_least"):
            other = column["at_least"]
            fail(t < typed[other], name, "order", lambda hit: f"{name} ({v[hit]}) is before {other}")
        if column.get("at_most"):
            other = column["at_most"]
            fail(t > typed[other], name, "order", lambda hit: f"{name} ({v[hit]}) is larger than {other}")
        if kind in ("timestamp", "date"):
            fail(t > now, name, "future", lambda hit: f"{name} is in the future (after {rules['now'][:16]}), found " + v[hit])
            if earliest is not None:
                fail(t < earliest, name, "too_early", lambda hit: f"{name} is before {rules['earliest_date']}, found " + v[hit])
    if "synthetic" in raw.columns:
        s = raw["synthetic"].str.strip()
        fail((s != "") & ~s.str.lower().isin(TRUE_FALSE), "synthetic", "type", lambda hit: "expected yes or no, found " + s[hit])

    bad = pd.Series(False, index=raw.index)
    for e in errors:
        bad[e.index] = True
    # Duplicate keys among the rows that broke no other rule: the first line keeps the key.
    key = rules["key"]
    good = pd.DataFrame({k: typed[k] for k in key})[~bad]
    dup = good.duplicated(keep="first")
    if dup.any():
        hit = dup[dup].index
        shown = pd.Series("", index=hit)
        for k in key:
            shown = shown + f"{k}=" + good.loc[hit, k].astype(str)
        errors.append(
            pd.DataFrame(
                {
                    "line": line[hit],
                    "column_name": ",".join(key),
                    "rule": "duplicate_key",
                    "value": shown,
                    "message": "duplicate key (" + shown + ")",
                }
            )
        )
        bad[hit] = True

    rejects = pd.concat(errors) if errors else pd.DataFrame(columns=["line", "column_name", "rule", "value", "message"])
    rejects.sort_values(["line", "column_name"]).to_csv(rejects_path, index=False)
    by_rule = rejects.groupby("rule")["line"].nunique().to_dict() if len(rejects) else {}
    print(
        json.dumps(
            {
                "rows_read": int(len(raw)),
                "rows_loaded": int((~bad).sum()),
                "rows_rejected": int(bad.sum()),
                "rejected_by_rule": {k: int(n) for k, n in sorted(by_rule.items())},
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
