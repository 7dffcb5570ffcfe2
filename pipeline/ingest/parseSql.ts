import type {ColumnType} from "./contractSchema.ts";
import {
  AMBIGUOUS_NUMBER,
  COMMA_NUMBER_GROUP_MARKS,
  COMMA_NUMBER_GROUPED,
  COMMA_NUMBER_PLAIN,
  type NumberMark,
} from "./decimalMark.ts";
import {lit, num} from "./sql.ts";
import {
  AFTERNOON_MARKERS,
  AMBIGUOUS_MONTH,
  CHINA_OFFSET_MINUTES,
  CURRENCY_SIGN,
  DATE_FORMATS,
  ELAPSED_TIME,
  EXCEL_SERIAL_DAYS,
  FALSE_WORDS,
  FULL_WIDTH,
  HALF_WIDTH,
  MONTH_FORMATS,
  TIMESTAMP_FORMATS,
  TRUE_WORDS,
  TWELVE_HOUR_AFTER,
  TWELVE_HOUR_BEFORE,
  TWELVE_HOUR_FORMATS,
  WHOLE_NUMBER,
  YUAN_SUFFIX,
  ZONED_TIMESTAMP,
  DATE_THEN_TIME,
  ZONE_OFFSET,
  ZONE_NAME,
} from "./textFormats.ts";

/**
 * Full-width digits, signs and spaces (as Chinese input methods type them) to ASCII, trimmed (`v` is trimmed
 * text already). `checkSql` computes it once per value and hands the result to `parseSql` with `halfWidth: true`.
 */
export function halfWidth(v: string): string {
  // Most values are plain ASCII (as many bytes as characters): those are left alone, already trimmed.
  return `(case when strlen(${v}) = length(${v}) then ${v} else trim(translate(${v}, ${lit(FULL_WIDTH)}, ${lit(HALF_WIDTH)})) end)`;
}

/**
 * A number as offices write it, ready for a cast: thousands separators dropped, but only where they group digits by
 * three after a first group of 1–3 digits (`1,234.5`); `12,34` and `0,500` (a decimal comma? two numbers?) and `1 200`
 * stay as they are and fail the cast, so the row is rejected rather than read as a number nobody wrote (and a file
 * that writes a decimal comma is found by its rejected rows: decimalMark.ts). The pattern is only tried on text with
 * a comma.
 */
function normalizedNumber(x: string, mark: NumberMark = "point"): string {
  if (mark === "comma")
    // A file written with a decimal comma (decimalMark.ts): `1.234,5` and `1 234,5` are 1234.5; a point not
    // grouping thousands is no number (NULL, rejected by the type rule).
    return `(case when regexp_full_match(${x}, ${lit(COMMA_NUMBER_GROUPED)}) then replace(regexp_replace(${x}, ${lit(COMMA_NUMBER_GROUP_MARKS)}, '', 'g'), ',', '.') when regexp_full_match(${x}, ${lit(COMMA_NUMBER_PLAIN)}) then replace(${x}, ',', '.') when contains(${x}, ',') or contains(${x}, '.') then null else ${x} end)`;
  const point = `(case when not contains(${x}, ',') then ${x} when regexp_full_match(${x}, '[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+(\\.[0-9]+)?%?') then replace(${x}, ',', '') else ${x} end)`;
  // A file whose mark cannot be told: read with a point, but `1,500` and `1.500` are no number (NULL, rejected).
  if (mark === "ambiguous")
    return `(case when (contains(${x}, ',') or contains(${x}, '.')) and regexp_full_match(${x}, ${lit(AMBIGUOUS_NUMBER)}) then null else ${point} end)`;
  return point;
}

/**
 * A yuan amount as Excel's currency format shows it, and so writes it to CSV (`¥1,234.50`, `-￥3.5`, `12元`): the
 * number alone, for a column in yuan (textFormats.ts CURRENCY_SIGN, YUAN_SUFFIX). Only text with a sign or 元 takes
 * the regular expressions.
 */
function yuanAmount(d: string): string {
  return `(case when contains(${d}, '¥') or contains(${d}, '￥') or ends_with(${d}, '元') then regexp_replace(regexp_replace(${d}, ${lit(CURRENCY_SIGN)}, '\\1'), ${lit(YUAN_SUFFIX)}, '') else ${d} end)`;
}

const list = (formats: readonly string[]) => `[${formats.map(lit).join(", ")}]`;

/** `when 'true' then true … when '否' then false`: the yes and no words of textFormats.ts. */
const BOOLEAN_WHEN = [
  ...TRUE_WORDS.map((w) => `when ${lit(w)} then true`),
  ...FALSE_WORDS.map((w) => `when ${lit(w)} then false`),
].join(" ");

/**
 * A SQL expression turning the trimmed text `v` (a varchar expression, NULL when empty) into `type`, or NULL
 * when it cannot. Accepts what Excel and WPS exports really contain: full-width digits, thousands separators
 * grouping by three, `2022/3/5 9:30`, `2022年3月5日 9时30分`, Excel serial dates (days since 1899-12-30), 是/否.
 * Never guesses: `12,34`, `1 200`, `12小时`, `2.5` for a whole number and `2022年13月5日` give NULL, and the
 * contract's type rule rejects them. A timestamp with a zone (`Z`, `+08:00`) is converted to China time.
 *
 * @example parseSql("date", "v") // coalesce(try_cast(v as date), …)
 */
export function parseSql(
  type: ColumnType,
  v: string,
  options: {
    percent?: boolean;
    currency?: boolean;
    halfWidth?: boolean;
    durationSeconds?: number;
    /** How the file's numbers are read (decimalMark.ts): `comma` for `1.234,5`; default `point`. */
    mark?: NumberMark;
  } = {},
): string {
  // `v` already half-width (checkSql does it once per value), or made so here.
  const d = options.halfWidth ? v : halfWidth(v);
  switch (type) {
    case "varchar":
      return v;
    case "integer": {
      // try_cast rounds 2.5 to 3: only whole numbers reach it.
      const n = normalizedNumber(d, options.mark);
      return `(case when regexp_full_match(${n}, ${lit(WHOLE_NUMBER)}) then try_cast(${n} as bigint) end)`;
    }
    case "double": {
      const n = normalizedNumber(options.currency ? yuanAmount(d) : d, options.mark);
      // A per-mille value (1.5‰, as a ‰-formatted cell shows it) is a tenth of its percent.
      const number = options.percent
        ? `(case when ends_with(${n}, '‰') then try_cast(rtrim(${n}, '‰') as double) / 10 else try_cast(rtrim(${n}, '%') as double) end)`
        : `try_cast(${n} as double)`;
      const read = options.durationSeconds ? `coalesce(${number}, ${elapsed(d, options.durationSeconds)})` : number;
      // The cast reads nan, inf and 1e400 (Java's Double.toString of 0.0/0 and x/0, a Parquet NaN): no value to store.
      return `(case when isfinite(${read}) then ${read} end)`;
    }
    case "boolean":
      return `(case lower(${v}) ${BOOLEAN_WHEN} end)`;
    case "date":
      return `coalesce(${isoFast(d, "date")}, ${zoned(d)}::date, ${castDate(d)}, try_strptime(${d}, ${list(DATE_FORMATS)})::date, ${excelSerial(d)}::date)`;
    case "timestamp":
      return `coalesce(${isoFast(d, "timestamp")}, ${zoned(d)}, try_cast(${d} as timestamp), try_strptime(${d}, ${list([...TIMESTAMP_FORMATS, ...DATE_FORMATS])}), ${excelSerial(d)}, ${twelveHour(d)})`;
    case "month":
      return `case when regexp_full_match(${d}, ${lit(AMBIGUOUS_MONTH)}) then null::date else coalesce(try_strptime(${d}, ${list(MONTH_FORMATS)})::date, date_trunc('month', coalesce(${zoned(d)}::date, ${castDate(d)}))::date) end`;
  }
}

/**
 * A date with a 12-hour time (TWELVE_HOUR_BEFORE, TWELVE_HOUR_AFTER: `2022/3/1 下午3:30`, `2022-03-01 03:30 PM`) read
 * with its hour on the 24-hour clock; NULL for any other text. Last in the timestamp's COALESCE, which evaluates it
 * only for the values nothing before it read (parseText.ts `twelveHour`). The rewritten text is parsed once: DuckDB
 * computes a subexpression repeated in two arguments of the COALESCE for every row, ahead of it (a try_cast and a
 * try_strptime of the text cost 0.5 s at 1 M rows that way); one repeated inside a CASE branch it does not.
 */
function twelveHour(d: string): string {
  const rewritten = (pattern: string, groups: {date: number; marker: number; hour: number; rest: number}) => {
    const group = (n: number) => `regexp_extract(${d}, ${lit(pattern)}, ${n})`;
    const afternoon = `(case when list_contains(${list(AFTERNOON_MARKERS)}, ${group(groups.marker)}) then 12 else 0 end)`;
    const hour24 = `lpad((cast(${group(groups.hour)} as integer) % 12 + ${afternoon})::varchar, 2, '0')`;
    return `${group(groups.date)} || ' ' || ${hour24} || ${group(groups.rest)}`;
  };
  const text = `(case when regexp_full_match(${d}, ${lit(TWELVE_HOUR_BEFORE)}) then ${rewritten(TWELVE_HOUR_BEFORE, {date: 1, marker: 2, hour: 3, rest: 4})} when regexp_full_match(${d}, ${lit(TWELVE_HOUR_AFTER)}) then ${rewritten(TWELVE_HOUR_AFTER, {date: 1, hour: 2, rest: 3, marker: 4})} end)`;
  return `try_strptime(${text}, ${list(TWELVE_HOUR_FORMATS)})`;
}

/**
 * The common ISO form (`2023-06-05 09:30`, `…T09:30:00`, a date `2023-06-05`) by a bare cast, before the zone's
 * regular expression (which costs more than the cast: docs/performance.md, 2026-12-07) is tried on it. Only text of
 * those exact shapes takes it, and such text cannot carry a zone (ZONED_TIMESTAMP needs `Z` or a sign and two digits
 * after the time, where these shapes have the time's own colon or end): for it the full expression would give the
 * cast's value too. Text the cast refuses falls through to the full expression (`coalesce`).
 */
function isoFast(d: string, type: "date" | "timestamp"): string {
  const shapes = type === "date" ? ISO_DATE_SHAPES : ISO_TIMESTAMP_SHAPES;
  const zoneFree = type === "date" ? `not contains(${d}, ':')` : `not ends_with(${d}, 'Z')`;
  // A date's cast takes text after the date (4562-12-7+ is a date of 4562): castDate's guard keeps it out here too.
  const guard = type === "date" ? ` and regexp_full_match(${d}, ${lit(DATE_THEN_TIME)})` : "";
  return `(case when (${shapes.map((shape) => `${d} like ${lit(shape)}`).join(" or ")}) and ${zoneFree}${guard} then try_cast(${d} as ${type}) end)`;
}

/** LIKE patterns of the ISO forms `isoFast` casts directly (`_`: any one character). */
const ISO_TIMESTAMP_SHAPES = ["____-__-__ __:__", "____-__-__ __:__:__", "____-__-__T__:__", "____-__-__T__:__:__"];
const ISO_DATE_SHAPES = ["____-__-__"];

/** DuckDB's cast to DATE of a date alone or followed by a time of day (DATE_THEN_TIME), never of other text. */
function castDate(d: string): string {
  return `(case when regexp_full_match(${d}, ${lit(DATE_THEN_TIME)}) then try_cast(${d} as date) end)`;
}

/**
 * A timestamp with a zone (ZONED_TIMESTAMP: `Z`, `+08:00`, `+0000`) in China time; NULL for any other text. DuckDB's
 * cast to timestamp drops the zone, which would keep 01:00Z as 01:00 instead of 09:00 in China.
 */
function zoned(v: string): string {
  const z = `regexp_extract(${v}, ${lit(ZONED_TIMESTAMP)}, 2)`;
  // The offset after `UTC` / `GMT`, if any (`+8`, `+08:00`), as ZONE_OFFSET splits it.
  const o = `regexp_replace(${z}, ${lit(ZONE_NAME)}, '')`;
  const hours = `regexp_extract(${o}, ${lit(ZONE_OFFSET)}, 2)`;
  const mins = `regexp_extract(${o}, ${lit(ZONE_OFFSET)}, 3)`;
  const minutes = `(case when ${o} = '' then 0 else (case when starts_with(${o}, '-') then -1 else 1 end) * (cast(${hours} as integer) * 60 + coalesce(try_cast(nullif(${mins}, '') as integer), 0)) end)`;
  return `(case when regexp_full_match(${v}, ${lit(ZONED_TIMESTAMP)}) then try_cast(regexp_extract(${v}, ${lit(ZONED_TIMESTAMP)}, 1) as timestamp) + to_minutes(${num(CHINA_OFFSET_MINUTES)} - ${minutes}) end)`;
}

/**
 * Excel stores dates as days since 1899-12-30 (a number like 44620.375); only EXCEL_SERIAL_DAYS is believed. The
 * time is rounded to the second, as the office shows it in a date-time format (parseText.ts `excelSerial`): a
 * fraction of a day is rarely a whole number of seconds in binary (09:30 is 44621.39583333334, which reads as
 * 09:29:59.999999 to the microsecond), and a serial exported as a General cell shows (44621.39583) is 0.29 s off.
 */
function excelSerial(v: string): string {
  return `(case when regexp_full_match(${v}, '\\d{5}(\\.\\d+)?') and try_cast(${v} as double) between ${num(EXCEL_SERIAL_DAYS.min)} and ${num(EXCEL_SERIAL_DAYS.max)} then timestamp '1899-12-30' + to_seconds(cast(round(try_cast(${v} as double) * 86400) as bigint)) end)`;
}

/** An elapsed time `H:MM[:SS]` (ELAPSED_TIME) in units of `seconds` seconds, or NULL. */
function elapsed(v: string, seconds: number): string {
  const part = (n: number) => `try_cast(nullif(regexp_extract(${v}, ${lit(ELAPSED_TIME)}, ${n}), '') as double)`;
  return `(case when regexp_full_match(${v}, ${lit(ELAPSED_TIME)}) then (${part(1)} * 3600 + ${part(2)} * 60 + coalesce(${part(3)}, 0)) / ${num(seconds)} end)`;
}
