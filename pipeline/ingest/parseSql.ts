import type {ColumnType} from "./contractSchema.ts";
import {lit} from "./sql.ts";

/** Full-width digits and signs (as Chinese input methods type them) to ASCII, thousands separators dropped. */
function normalizedNumber(v: string): string {
  return `replace(replace(translate(${v}, '０１２３４５６７８９．－＋，', '0123456789.-+,'), ',', ''), ' ', '')`;
}

/** Timestamp formats offices' exports use besides ISO (which a plain cast reads). */
const TIMESTAMP_FORMATS = [
  "%Y/%m/%d %H:%M:%S",
  "%Y/%m/%d %H:%M",
  "%Y-%m-%d %H:%M",
  "%Y-%m-%dT%H:%M",
  "%Y年%m月%d日 %H:%M:%S",
  "%Y年%m月%d日 %H:%M",
  "%Y年%m月%d日%H时%M分",
  "%Y.%m.%d %H:%M",
];
const DATE_FORMATS = ["%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d", "%Y%m%d"];
const MONTH_FORMATS = ["%Y-%m", "%Y/%m", "%Y年%m月", "%Y.%m", "%Y%m"];

const list = (formats: string[]) => `[${formats.map(lit).join(", ")}]`;

/**
 * A SQL expression turning the trimmed text `v` (a varchar expression, NULL when empty) into `type`, or NULL
 * when it cannot. Accepts what Excel and WPS exports really contain: full-width digits, thousands separators,
 * `2022/3/5 9:30`, `2022年3月5日`, Excel serial dates (days since 1899-12-30), 是/否.
 *
 * @example parseSql("date", "v") // coalesce(try_cast(v as date), …)
 */
export function parseSql(type: ColumnType, v: string, options: {percent?: boolean} = {}): string {
  switch (type) {
    case "varchar":
      return v;
    case "integer":
      return `try_cast(${normalizedNumber(v)} as bigint)`;
    case "double": {
      const n = normalizedNumber(v);
      return `try_cast(${options.percent ? `rtrim(${n}, '%')` : n} as double)`;
    }
    case "boolean":
      return `(case lower(${v}) when 'true' then true when 't' then true when '1' then true when 'yes' then true when 'y' then true when '是' then true when '√' then true when 'false' then false when 'f' then false when '0' then false when 'no' then false when 'n' then false when '否' then false when '×' then false end)`;
    case "date":
      return `coalesce(try_cast(${v} as date), try_strptime(${v}, ${list(DATE_FORMATS)})::date, ${excelSerial(v)}::date)`;
    case "timestamp":
      return `coalesce(try_cast(${v} as timestamp), try_strptime(${v}, ${list([...TIMESTAMP_FORMATS, ...DATE_FORMATS])}), ${excelSerial(v)})`;
    case "month":
      return `coalesce(try_strptime(${v}, ${list(MONTH_FORMATS)})::date, date_trunc('month', try_cast(${v} as date))::date)`;
  }
}

/** Excel stores dates as days since 1899-12-30 (a number like 44620.375); only 1990–2100 is believed. */
function excelSerial(v: string): string {
  return `(case when regexp_full_match(${v}, '\\d{5}(\\.\\d+)?') and try_cast(${v} as double) between 32874 and 73051 then timestamp '1899-12-30' + to_microseconds(cast(round(try_cast(${v} as double) * 86400000000) as bigint)) end)`;
}

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
