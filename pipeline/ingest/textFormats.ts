/**
 * The spellings of typed values that offices' exports really contain, as the loader (parseSql.ts, in DuckDB) and the
 * browser's file check (parseText.ts) both accept them: one list, so the two readers cannot drift. Pure data,
 * browser-safe.
 */
import type {ColumnType} from "./contractSchema.ts";

/** Timestamp formats (strptime) offices' exports use besides ISO, which a plain cast reads. */
export const TIMESTAMP_FORMATS: readonly string[] = [
  "%Y/%m/%d %H:%M:%S",
  "%Y/%m/%d %H:%M",
  "%Y-%m-%d %H:%M",
  "%Y-%m-%dT%H:%M",
  "%Y年%m月%d日 %H:%M:%S",
  "%Y年%m月%d日 %H:%M",
  "%Y年%m月%d日%H时%M分",
  "%Y年%m月%d日 %H时%M分",
  "%Y年%m月%d日%H时%M分%S秒",
  "%Y年%m月%d日 %H时%M分%S秒",
  "%Y年%m月%d日%H:%M",
  "%Y.%m.%d %H:%M",
];
/**
 * A date and a 12-hour time, its marker before the time (`2022/3/1 下午3:30`, `2022年3月1日 下午3时30分`, as Excel's
 * zh-CN formats 上午/下午h"时"mm"分" show it, also in a CSV) or after it (`2022-03-01 03:30 PM`, `… 03:30:00 下午`, as
 * Java's `hh:mm a` writes it, its space a narrow no-break one since Java 20): groups date, marker, hour, the rest of
 * the time (BEFORE) or date, hour, rest, marker
 * (AFTER). The hour (1–12: an hour of 0 or over 12 is no such time) becomes 0–23 and the text is read by
 * TWELVE_HOUR_FORMATS. RE2 and JS alike (no backslash: SQL literals refuse one).
 */
export const TWELVE_HOUR_BEFORE =
  "^(.*[0-9日])[ \u00a0\u202f]*(上午|下午|AM|PM|am|pm)[ \u00a0\u202f]*(1[0-2]|0?[1-9])([:时].*)$";
export const TWELVE_HOUR_AFTER =
  "^(.*[0-9日])[ \u00a0\u202f]+(1[0-2]|0?[1-9])([:时][0-9:时分秒]*)[ \u00a0\u202f]*(上午|下午|AM|PM|am|pm)$";
/** The markers of an afternoon hour. */
export const AFTERNOON_MARKERS: readonly string[] = ["下午", "PM", "pm"];
/** What a 12-hour time is read by once on the 24-hour clock: ISO's two forms, then TIMESTAMP_FORMATS. */
export const TWELVE_HOUR_FORMATS: readonly string[] = ["%Y-%m-%d %H:%M:%S", ...TIMESTAMP_FORMATS];
/** Date formats besides ISO; a timestamp column takes them too (midnight). */
export const DATE_FORMATS: readonly string[] = ["%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d", "%Y%m%d"];
/** Month formats; a whole date names its month too. */
export const MONTH_FORMATS: readonly string[] = ["%Y-%m", "%Y/%m", "%Y年%m月", "%Y.%m", "%Y%m"];

/**
 * A month written as a number with one decimal, `2023.1`: January, or October as a number cell shows 2023.10 unless
 * formatted with two decimals (0.00). Never guessed: rejected with that reason (a regular expression for RE2 and JS, without backslashes so it is a plain SQL literal).
 */
export const AMBIGUOUS_MONTH = "[0-9]{4}[.]1";

/**
 * An elapsed time `H:MM` or `H:MM:SS` (hours unbounded), as Excel shows a duration cell ([h]:mm, 130:30 for 5.4375
 * days): in a column whose unit is one of DURATION_UNIT_SECONDS it is read in that unit (130.5 hours, 7830 minutes).
 */
export const ELAPSED_TIME = "([0-9]+):([0-5][0-9])(?::([0-5][0-9](?:[.][0-9]+)?))?";
/** Seconds in each unit an elapsed time converts to; workdays are not here (hours to workdays needs a calendar). */
export const DURATION_UNIT_SECONDS: Readonly<Record<string, number>> = {hour: 3600, minute: 60, day: 86400};

/**
 * What a time-of-day cell may carry before its time when a program exported it with Excel's day 0 (1899-12-30 or
 * 1899-12-31, 1900-01-00, the 1904 system's 1904-01-01): dropped when the time completes a date column.
 */
export const TIME_DAY_ZERO = "^(1899-12-3[01]|1900-01-0[01]|1904-01-01)[ T]";

/**
 * The currency sign before a yuan amount as Excel's currency format shows it (`¥1,234.50`, `-￥3.5`: the sign of the
 * number, group 1, kept) and the 元 after one (`12元`): dropped in a column whose unit is yuan. For RE2 and JS alike.
 */
export const CURRENCY_SIGN = "^([+-]?)[¥￥] ?";
export const YUAN_SUFFIX = " ?元$";

/** Words for yes and no, compared in lower case. */
export const TRUE_WORDS: readonly string[] = ["true", "t", "1", "yes", "y", "是", "√"];
export const FALSE_WORDS: readonly string[] = ["false", "f", "0", "no", "n", "否", "×"];

/**
 * Full-width digits, signs and the ideographic space (as Chinese input methods type them) and the ASCII each
 * stands for, position by position.
 */
export const FULL_WIDTH = "０１２３４５６７８９．－＋，％／：\u3000";
export const HALF_WIDTH = "0123456789.-+,%/: ";

/**
 * Excel serial dates (days since 1899-12-30, five digits with an optional fraction) are believed only from
 * 1990-01-01 (32874) to 2100-01-01 (73051): any other number is a number, not a date.
 */
export const EXCEL_SERIAL_DAYS = {min: 32874, max: 73051} as const;

/**
 * A whole number as the loader accepts it after thousands separators are dropped: digits, an optional sign, and at
 * most a fraction of zeros (`5.0`, as spreadsheets print whole numbers). `2.5` is not a whole number and is never
 * rounded into one.
 */
export const WHOLE_NUMBER = "[+-]?[0-9]+([.]0*)?";

/**
 * A timestamp carrying its zone (`2023-06-05T01:00:00Z`, `… 09:30+08:00`, `…+0000`, and the `UTC` / `GMT` Java's
 * `SimpleDateFormat("… z")` writes on a server set to UTC, or `GMT+08:00`): group 1 is the wall clock of that zone,
 * group 2 the zone. A time must stand before the zone, so `2022-03-05` is never read as 2022-03 at offset -05. Such a
 * time is converted to China time (UTC+8, no daylight saving since 1991). DuckDB's own cast takes ` UTC` and drops
 * it, which read 01:05 UTC as 01:05 in China, 8 hours early. A zone named otherwise (`CST`: China, or US Central?)
 * is no zone this reads: the text is rejected.
 */
export const ZONED_TIMESTAMP =
  "^(.*[0-9][ T][0-9]{1,2}:[0-9]{1,2}(?::[0-9]{1,2}(?:[.][0-9]+)?)?) ?(Z|(?:[Uu][Tt][Cc]|[Gg][Mm][Tt])(?:[+-][0-9]{1,2}(?::?[0-9]{2})?)?|[+-][0-9]{2}(?::?[0-9]{2})?)$";

/** The name a zone may start with (`Z`, `UTC`, `GMT`), taken off before its offset is read (ZONE_OFFSET). */
export const ZONE_NAME = "^(?:[Uu][Tt][Cc]|[Gg][Mm][Tt]|Z)";

/** A zone's offset from UTC once `UTC` / `GMT` is taken off (`+8`, `+08:00`, `-0500`): sign, hours, minutes. */
export const ZONE_OFFSET = "^([+-])([0-9]{1,2}):?([0-9]{2})?$";

/**
 * What a date column's cast may read (`2022-07-20`, `2022/7/20`, with a time of day after it, on the 12-hour clock
 * too (`下午3:30`), or its weekday (`星期二`)): DuckDB's cast to
 * DATE takes the date at the start and drops whatever follows, so `2022-07-20 预计` (expected) or
 * `2022-07-01至2022-07-03` (a range) loaded as a plain date. Text beyond a time of day is rejected instead.
 */
export const DATE_THEN_TIME =
  "[0-9]+(?:-[0-9]{1,2}-[0-9]{1,2}|/[0-9]{1,2}/[0-9]{1,2})(?:[ T]+(?:(?:上午|下午|AM|PM|am|pm) *)?[0-9]{1,2}:[0-9]{1,2}(?::[0-9]{1,2}(?:[.,][0-9]+)?)?(?: *(?:AM|PM|am|pm|上午|下午))?)?(?: *(?:星期|周)[一二三四五六日天])?";

/** China's offset from UTC, in minutes: a zoned timestamp is shifted to it. */
export const CHINA_OFFSET_MINUTES = 480;

/**
 * The words offices put in brackets after a header to give its unit (办理时长（工作日）, 费用(元)), by the contract
 * unit they mean. A header's unit must be its column's: `count` words fit whole-number columns with no unit.
 */
export const UNIT_WORDS: Readonly<Record<string, readonly string[]>> = {
  workday: ["工作日", "个工作日"],
  day: ["天", "日", "自然日", "days"],
  hour: ["小时", "时", "h", "hour", "hours"],
  minute: ["分钟", "分", "min", "minutes"],
  yuan: ["元", "yuan", "rmb"],
  usd: ["美元", "usd", "us$"],
  "10k yuan": ["万元"],
  percent: ["%", "百分比", "percent"],
  kW: ["千瓦", "kw"],
  "10k people": ["万人"],
  count: ["个", "件", "次", "项", "家", "户", "人", "笔", "宗"],
};

/** How a type is described to a person in a rejection message. */
export const TYPE_DESCRIPTION: Record<ColumnType, string> = {
  varchar: "text",
  integer: "a whole number",
  double: "a number",
  boolean: "yes or no (是/否, true/false, 1/0)",
  date: "a date such as 2022-03-05",
  timestamp: "a date and time such as 2022-03-05 09:30",
  month: "a month such as 2022-03",
};
