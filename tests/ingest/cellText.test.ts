// The loader's fast paths (docs/performance.md, 2026-12-07) against the full expressions they stand in front of,
// evaluated by DuckDB: a cell taken as it is (checkSql.ts `cellText`) and an ISO timestamp or date cast directly
// (parseSql.ts `isoFast`) must give exactly what trimming, unwrapping and the zone's regular expression give, on
// hand-picked values and on thousands of random ones of the same shapes.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cellText} from "../../pipeline/ingest/checkSql.ts";
import {parseSql} from "../../pipeline/ingest/parseSql.ts";

/** The text every rule reads, by the full path: trimmed, `="…"` unwrapped, empty as NULL. */
const FULL_CELL_TEXT =
  "nullif((case when starts_with(trim(x), '=\"') and ends_with(trim(x), '\"') and length(trim(x)) >= 3 then trim(trim(x)[3:-2]) else trim(x) end), '')";

/** parseSql's expression without its fast path (the first operand of its coalesce). */
function withoutFastPath(sql: string): string {
  const fast = /^coalesce\(\(case when \(.*? then try_cast\(x as (timestamp|date)\) end\), /;
  expect(sql).toMatch(fast);
  return sql.replace(fast, "coalesce(");
}

let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  db = await instance.connect();
});
afterAll(() => {
  db.closeSync();
  instance.closeSync();
});

/** Values where `fast` and `full` (SQL over column `x`) differ; [] when they agree on every value. */
async function disagreements(values: Array<string | null>, fast: string, full: string) {
  await db.run("create or replace temp table v (x varchar)");
  const appender = await db.createAppender("v");
  for (const value of values) {
    if (value === null) appender.appendNull();
    else appender.appendVarchar(value);
    appender.endRow();
  }
  appender.closeSync();
  const reader = await db.runAndReadAll(
    `select x, (${fast})::varchar as fast, (${full})::varchar as full from v where (${fast}) is distinct from (${full})`,
  );
  return reader.getRowObjectsJson();
}

/** Seeded, so a failure can be run again. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function fill(shape: string, alphabet: string[], next: () => number): string {
  return [...shape].map((ch) => (ch === "_" ? alphabet[Math.floor(next() * alphabet.length)]! : ch)).join("");
}

describe("a cell taken as it is", () => {
  const SPACES = [" ", "\u3000", "\u00a0", "\u2003", "\u202f", "\u205f", "\u1680", "\t", "\u200b", "\ufeff"];
  const CELLS = [
    "abc",
    "SU-0",
    "12",
    "2023-06-05 09:30",
    "",
    "=",
    "=x",
    '="0123"',
    '="',
    '=""',
    '= "12"',
    "城东区",
    "网上办理",
    "a b",
    "~",
    "!",
    '"quoted"',
    "é",
    "\u0001a",
    "a\u007f",
  ];
  it("gives the full path's text for every cell, with every kind of space around it", async () => {
    const values: Array<string | null> = [null];
    for (const cell of CELLS)
      for (const space of ["", ...SPACES]) values.push(space + cell, cell + space, space + cell + space);
    expect(await disagreements(values, cellText("x"), FULL_CELL_TEXT)).toEqual([]);
  });

  it("gives the full path's text for random ASCII and Chinese cells", async () => {
    const next = random(7);
    const alphabet = [...' ="\t!~0123456789-.:aZ', "城", "\u3000", "\u00a0"];
    const values = Array.from({length: 5000}, () => fill("_".repeat(1 + Math.floor(next() * 6)), alphabet, next));
    expect(await disagreements(values, cellText("x"), FULL_CELL_TEXT)).toEqual([]);
  });
});

describe("an ISO timestamp or date cast directly", () => {
  const timestamp = parseSql("timestamp", "x", {halfWidth: true});
  const date = parseSql("date", "x", {halfWidth: true});
  const HAND_PICKED = [
    "2023-06-05 09:30",
    "2023-06-05 09:30:15",
    "2023-06-05T09:30",
    "2023-06-05T09:30:15",
    "2023-06-05 09:30Z",
    "2023-06-05 09:3Z",
    "2023-06-05T09:30:15Z",
    "2023-06-05 09:30+08",
    "2023-06-05 09:30-05",
    "2023-06-05 9:30+0800",
    "2023-06-05 09:30:15.5",
    "2023-02-30 09:30",
    "2023-06-05 24:00",
    "2023-06-05 09:30:60",
    "2023-6-5 09:30",
    "2023-06-05",
    "2023-02-30",
    "2023-06-0Z",
    "2023/06/05 09:30",
    "44620.375",
    "abcd-ef-gh ij:kl",
  ];
  it("gives the full expression's value on hand-picked text", async () => {
    expect(await disagreements(HAND_PICKED, timestamp, withoutFastPath(timestamp))).toEqual([]);
    expect(await disagreements(HAND_PICKED, date, withoutFastPath(date))).toEqual([]);
  });

  it("gives the full expression's value on random text of the shapes it takes", async () => {
    const next = random(11);
    const alphabet = [..."0123456789012345678901234567890123456789 :-+ZT.z"];
    const shapes = ["____-__-__ __:__", "____-__-__ __:__:__", "____-__-__T__:__", "____-__-__T__:__:__", "____-__-__"];
    const values = Array.from({length: 20000}, (_, i) => {
      const text = fill(shapes[i % shapes.length]!, alphabet, next);
      // Half of them with a real date and time, so that the cast succeeds often.
      return i % 2 ? text : fill(shapes[i % shapes.length]!.replace(/^____-__-__/, "2023-06-05"), alphabet, next);
    });
    expect(await disagreements(values, timestamp, withoutFastPath(timestamp))).toEqual([]);
    expect(await disagreements(values, date, withoutFastPath(date))).toEqual([]);
  });
});
