/**
 * The loader's text-to-type rules (pipeline/ingest/parseSql.ts, which DuckDB evaluates) as plain TypeScript for the
 * browser's file check: the same accepted spellings (full-width digits, thousands separators, 2022/3/5 9:30,
 * 2022年3月5日, Excel serial dates, 是/否) and the same refusals. tests/ingest/parseText.test.ts runs both on a corpus
 * of values and requires identical results. Pure and dependency-free.
 *
 * Times are wall-clock values in China with no zone, represented as microseconds since 1970-01-01 00:00 of that
 * wall clock (so dates, timestamps and months compare as numbers).
 */

import type {ColumnType} from "./contractSchema.ts";
import {ambiguousNumber, commaNumber, type NumberMark} from "./decimalMark.ts";
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

export type {ColumnType};

/** A typed value: text, a number, a boolean, or a date/time/month as wall-clock microseconds. */
export type Typed = string | number | boolean;

const MICROS_PER_DAY = 86_400_000_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil), any year. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** Wall-clock microseconds of a date and time, or null when the date or time does not exist. */
function wallClock(y: number, m: number, d: number, hh = 0, mi = 0, ss = 0, micros = 0): number | null {
  if (!validDate(y, m, d) || hh < 0 || mi < 0 || mi > 59 || ss < 0 || ss > 59) return null;
  if (hh > 24 || (hh === 24 && (mi > 0 || ss > 0 || micros > 0))) return null;
  return daysFromCivil(y, m, d) * MICROS_PER_DAY + ((hh * 60 + mi) * 60 + ss) * 1_000_000 + micros;
}

/** `YYYY-MM-DD HH:MM:SS` (China wall clock) as wall-clock microseconds: the loader's "now". */
export function wallClockOf(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (!m) throw new Error(`expected YYYY-MM-DD HH:MM:SS, found ${JSON.stringify(text)}`);
  return wallClock(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!)!;
}

/** The first day of the month of a wall-clock time (date_trunc('month', …)). */
export function monthStart(micros: number): number {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const {y, m} = civilFromDays(days);
  return daysFromCivil(y, m, 1) * MICROS_PER_DAY;
}

function civilFromDays(z: number): {y: number; m: number; d: number} {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return {y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

/** A wall-clock time as DuckDB prints a date (`2022-03-05`) or a timestamp (`2022-03-05 09:30:00`). */
export function formatWallClock(micros: number, type: "date" | "timestamp"): string {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const {y, m, d} = civilFromDays(days);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const date = `${p(y, 4)}-${p(m)}-${p(d)}`;
  if (type === "date") return date;
  const rest = micros - days * MICROS_PER_DAY;
  const s = Math.floor(rest / 1_000_000);
  const frac = rest % 1_000_000;
  return `${date} ${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}${frac ? `.${p(frac, 6).replace(/0+$/, "")}` : ""}`;
}

/**
 * DuckDB's trim(): strips Unicode space separators (category Zs: the ASCII space, no-break space, ideographic space
 * U+3000, …) from both ends, but not tabs or line breaks.
 */
export function trimText(text: string): string {
  return text.replace(/^\p{Zs}+|\p{Zs}+$/gu, "");
}

/**
 * The text of a cell Excel or WPS exported as `="0123"` (the formula wrapper that keeps leading zeros and long
 * numbers as text), unwrapped and trimmed; any other text as it is. The loader does the same (checkSql.ts
 * `unwrapSql`).
 */
export function unwrapExcelText(text: string): string {
  return text.length >= 3 && text.startsWith('="') && text.endsWith('"') ? trimText(text.slice(2, -1)) : text;
}

/** parseSql's halfWidth: full-width digits, signs and spaces (as Chinese input methods type them) to ASCII, trimmed. */
export function halfWidth(v: string): string {
  let out = "";
  for (const ch of v) {
    const i = FULL_WIDTH.indexOf(ch);
    out += i === -1 ? ch : HALF_WIDTH[i];
  }
  return trimText(out);
}

/**
 * parseSql's normalizedNumber: half-width, and thousands separators dropped only where they group digits by three
 * (`1,234.5`); `12,34` and `1 200` stay as they are and fail the cast.
 */
function normalizedNumber(v: string, mark: NumberMark = "point"): string | null {
  const x = halfWidth(v);
  if (mark === "comma") return commaNumber(x);
  if (mark === "ambiguous" && ambiguousNumber(x)) return null;
  return /^[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]+)?%?$/.test(x) ? x.replaceAll(",", "") : x;
}

const DECIMAL = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/;

/** try_cast(text as double): decimals with an optional exponent and `_` digit separators, inf, infinity, nan. */
function castDouble(text: string): number | null {
  const t = text.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!DECIMAL.test(t)) return null;
  return Number(t.replaceAll("_", ""));
}

/** try_cast(text as bigint): like a double, then rounded half away from zero; hex 0x…; null outside int64. */
function castBigint(text: string): number | null {
  const t = text.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t.slice(2), 16);
  if (!DECIMAL.test(t)) return null;
  const digits = t.replaceAll("_", "");
  // Whole numbers are range-checked exactly (JS numbers are exact only up to 2^53; feeds' bounds stay far below).
  if (/^[+-]?\d+$/.test(digits)) {
    const big = BigInt(digits);
    return big > 9223372036854775807n || big < -9223372036854775808n ? null : Number(big);
  }
  const n = Number(digits);
  const rounded = Math.sign(n) * Math.round(Math.abs(n));
  if (!Number.isFinite(rounded) || Math.abs(rounded) > 2 ** 63) return null; // past BIGINT, as DuckDB's cast
  return rounded === 0 ? 0 : rounded;
}

/** try_cast(text as integer), used to look up task numbers: int32 only. */
export function castInteger(text: string): number | null {
  const n = castBigint(text);
  return n === null || n > 2147483647 || n < -2147483648 ? null : n;
}

/**
 * try_cast(text as date): `Y-M-D` or `Y/M/D` (one separator, any number of year digits, one or two month and day
 * digits), anything may follow the day once a non-digit ends it (`2022-03-05 09:30` is that day).
 */
function castDate(text: string): number | null {
  if (!DATE_THEN_TIME_RE.test(text)) return null;
  const m = /^(\d+)([-/])(\d{1,2})\2(\d{1,2})/.exec(text);
  return m ? wallClock(+m[1]!, +m[3]!, +m[4]!) : null;
}
const DATE_THEN_TIME_RE = new RegExp(`^(?:${DATE_THEN_TIME})$`);

/**
 * try_cast(text as timestamp): a date as `castDate` reads it (nothing after it), or followed by a space or T and a
 * time `H:M[:S[.f]]` (one or two digits each), the seconds optionally followed by a zone (Z, +08, +08:00) that
 * is ignored. 24:00:00 is the next midnight.
 */
function castTimestamp(text: string): number | null {
  const m =
    /^\s*(\d+)([-/])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?$/.exec(
      text,
    );
  if (!m) return null;
  const micros = m[8] ? Number(m[8].slice(0, 6).padEnd(6, "0")) : 0;
  return wallClock(+m[1]!, +m[3]!, +m[4]!, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, m[7] ? +m[7] : 0, micros);
}

/**
 * try_strptime(text, formats): the first format that reads the whole text (trailing spaces allowed). %Y takes up
 * to four digits, %m %d %H %M %S one or two, each as many as there are and none given back (DuckDB's reading); a
 * space in the format matches any run of white space.
 */
function strptime(text: string, formats: readonly string[]): number | null {
  for (const format of formats) {
    let pattern = "^";
    const fields: string[] = [];
    for (let i = 0; i < format.length; i++) {
      const ch = format[i]!;
      if (ch === "%") {
        const f = format[++i]!;
        fields.push(f);
        // Greedy and never given back, as DuckDB reads a field: "44621" is no %Y%m%d (4462, 1, then nothing), where
        // a backtracking match would read 0446-02-01. (?=(…))\n is an atomic group in JavaScript.
        pattern += `(?=(\\d{1,${f === "Y" ? 4 : 2}}))\\${fields.length}`;
      } else if (ch === " ") pattern += "\\s*";
      else pattern += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
    const m = new RegExp(pattern + "\\s*$").exec(text);
    if (!m) continue;
    const get = (f: string, fallback: number) => {
      const i = fields.indexOf(f);
      return i === -1 ? fallback : Number(m[i + 1]);
    };
    const value = wallClock(get("Y", 1900), get("m", 1), get("d", 1), get("H", 0), get("M", 0), get("S", 0));
    if (value !== null) return value;
  }
  return null;
}

/**
 * Excel serial dates: days since 1899-12-30 (44620.375), believed only between 1990 and 2100, the time rounded to
 * the second as the office shows it (parseSql.ts `excelSerial`).
 */
function excelSerial(text: string): number | null {
  if (!/^\d{5}(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  if (n < EXCEL_SERIAL_DAYS.min || n > EXCEL_SERIAL_DAYS.max) return null;
  return daysFromCivil(1899, 12, 30) * MICROS_PER_DAY + Math.round(n * 86_400) * 1_000_000;
}

const TWELVE_BEFORE = new RegExp(TWELVE_HOUR_BEFORE);
const TWELVE_AFTER = new RegExp(TWELVE_HOUR_AFTER);

/**
 * parseSql's twelveHour: a date with a 12-hour time (`2022/3/1 下午3:30`, `2022-03-01 03:30 PM`) as the same text
 * with its hour on the 24-hour clock (`2022/3/1 15:30`), or null.
 */
function twelveHour(text: string): string | null {
  const before = TWELVE_BEFORE.exec(text);
  const after = before ? null : TWELVE_AFTER.exec(text);
  if (!before && !after) return null;
  const [date, marker, hour, rest] = before
    ? [before[1]!, before[2]!, before[3]!, before[4]!]
    : [after![1]!, after![4]!, after![2]!, after![3]!];
  const h24 = (Number(hour) % 12) + (AFTERNOON_MARKERS.includes(marker) ? 12 : 0);
  return `${date} ${String(h24).padStart(2, "0")}${rest}`;
}

const WHOLE = new RegExp(`^(?:${WHOLE_NUMBER})$`);
const ZONED = new RegExp(ZONED_TIMESTAMP);
const ZONE_OFFSET_RE = new RegExp(ZONE_OFFSET);
const ZONE_NAME_RE = new RegExp(ZONE_NAME);

/** parseSql's zoned: a timestamp with a zone (Z, +08:00, +0000) in China time, or null. */
function zoned(text: string): number | null {
  const m = ZONED.exec(text);
  if (!m) return null;
  const local = castTimestamp(m[1]!);
  if (local === null) return null;
  // The offset after `UTC` / `GMT`, if any (`+8`, `+08:00`), as parseSql.ts reads it.
  const o = m[2]!.replace(ZONE_NAME_RE, "");
  const parts = ZONE_OFFSET_RE.exec(o);
  const offset = parts ? (parts[1] === "-" ? -1 : 1) * (Number(parts[2]) * 60 + Number(parts[3] ?? 0)) : 0;
  return local + (CHINA_OFFSET_MINUTES - offset) * 60_000_000;
}

const TRUE = new Set(TRUE_WORDS);
const FALSE = new Set(FALSE_WORDS);
const CURRENCY_RE = new RegExp(CURRENCY_SIGN);
const YUAN_RE = new RegExp(YUAN_SUFFIX);

const dayOf = (micros: number | null) =>
  micros === null ? null : Math.floor(micros / MICROS_PER_DAY) * MICROS_PER_DAY;

/**
 * The typed value of a trimmed, non-empty cell text as the loader reads it, or null when the text is not of `type`
 * (the loader's `type` rule). `percent` columns accept a trailing %, `currency` (yuan) ones a ¥ before and 元 after.
 *
 * @example parseText("timestamp", "2022年3月5日 9:30") // wall-clock µs of 2022-03-05 09:30:00
 */
export function parseText(
  type: ColumnType,
  v: string,
  options: {percent?: boolean; currency?: boolean; durationSeconds?: number; mark?: NumberMark} = {},
): Typed | null {
  switch (type) {
    case "varchar":
      return v;
    case "integer": {
      const n = normalizedNumber(v, options.mark);
      return n !== null && WHOLE.test(n) ? castBigint(n) : null;
    }
    case "double": {
      // Half-width first, as the loader does: a full-width sign before ¥ (－￥12) is a sign.
      const n = normalizedNumber(
        options.currency ? halfWidth(v).replace(CURRENCY_RE, "$1").replace(YUAN_RE, "") : v,
        options.mark,
      );
      const number =
        n === null
          ? null
          : !options.percent
            ? castDouble(n)
            : /‰$/.test(n)
              ? divide(castDouble(n.replace(/‰+$/, "")), 10)
              : castDouble(n.replace(/%+$/, ""));
      const read = number ?? (options.durationSeconds ? elapsed(halfWidth(v), options.durationSeconds) : null);
      // parseSql's isfinite: nan, inf and 1e400 are no value to store.
      return read !== null && Number.isFinite(read) ? read : null;
    }
    case "boolean": {
      const l = v.toLowerCase();
      return TRUE.has(l) ? true : FALSE.has(l) ? false : null;
    }
    case "date": {
      const d = halfWidth(v);
      return dayOf(zoned(d)) ?? castDate(d) ?? dayOf(strptime(d, DATE_FORMATS)) ?? dayOf(excelSerial(d));
    }
    case "timestamp": {
      const d = halfWidth(v);
      const read =
        zoned(d) ?? castTimestamp(d) ?? strptime(d, [...TIMESTAMP_FORMATS, ...DATE_FORMATS]) ?? excelSerial(d);
      if (read !== null) return read;
      const h24 = twelveHour(d);
      return h24 === null ? null : strptime(h24, TWELVE_HOUR_FORMATS);
    }
    case "month": {
      const d = halfWidth(v);
      if (AMBIGUOUS_MONTH_RE.test(d)) return null;
      const parsed = strptime(d, MONTH_FORMATS);
      if (parsed !== null) return dayOf(parsed);
      const date = dayOf(zoned(d)) ?? castDate(d);
      return date === null ? null : monthStart(date);
    }
  }
}

const AMBIGUOUS_MONTH_RE = new RegExp(`^(?:${AMBIGUOUS_MONTH})$`);
const ELAPSED_TIME_RE = new RegExp(`^(?:${ELAPSED_TIME})$`);

function divide(n: number | null, by: number): number | null {
  return n === null ? null : n / by;
}

/** parseSql's elapsed: `H:MM[:SS]` in units of `seconds` seconds, or null. */
function elapsed(v: string, seconds: number): number | null {
  const m = ELAPSED_TIME_RE.exec(v);
  if (!m) return null;
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] === undefined ? 0 : Number(m[3]))) / seconds;
}
