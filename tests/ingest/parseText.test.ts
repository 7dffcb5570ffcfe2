// The browser's text-to-type rules (pipeline/ingest/parseText.ts) against the loader's own (pipeline/ingest/parseSql.ts)
// evaluated by DuckDB, on a corpus of what office exports really contain and of what breaks: the two must agree
// on every value, or the File check page would promise something the loader does not do.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {parseSql} from "../../pipeline/ingest/parseSql.ts";
import {formatWallClock, parseText, trimText, type ColumnType} from "../../pipeline/ingest/parseText.ts";

/** 12-hour times and what they are on the 24-hour clock. */
const TWELVE_HOUR: Array<[text: string, wallClock: string]> = [
  ["2022/3/5 下午3:30", "2022-03-05 15:30:00"],
  ["2022/3/5 下午 3:30:15", "2022-03-05 15:30:15"],
  ["2022/3/5 上午9:30", "2022-03-05 09:30:00"],
  ["2022/3/5 上午12:05", "2022-03-05 00:05:00"],
  ["2022/3/5 下午12:05", "2022-03-05 12:05:00"],
  ["2022年3月5日 下午3时30分", "2022-03-05 15:30:00"],
  ["2022年3月5日下午3时30分15秒", "2022-03-05 15:30:15"],
  ["2022-03-05 03:30 PM", "2022-03-05 15:30:00"],
  ["2022-03-05 03:30:15 下午", "2022-03-05 15:30:15"],
  ["2022-03-05 12:00 AM", "2022-03-05 00:00:00"],
  ["2022-03-05 11:59 pm", "2022-03-05 23:59:00"],
  // Java 20 and later put a narrow no-break space before the marker (CLDR 42).
  ["2022-03-05 3:30\u202fPM", "2022-03-05 15:30:00"],
  ["2022-03-05\u00a0下午3:30", "2022-03-05 15:30:00"],
];

const CORPUS: Record<Exclude<ColumnType, "varchar">, string[]> = {
  integer: [
    "5",
    "+5",
    "-5",
    "05",
    "5.0",
    "5.5",
    "5.4",
    "-2.5",
    ".5",
    "1.",
    "1e3",
    "1,200",
    "12,34",
    "１２",
    "１，２００",
    "12 000",
    "１２\u3000",
    "-1,234",
    "0x1F",
    "1_000",
    "9223372036854775808",
    "-9223372036854775809",
    "abc",
    "5%",
    "-",
    "٣",
    "1.2.3",
    "3个",
    "2.50",
    "3.000",
    "1,234.0",
    "1,234.5",
    "１２．５",
  ],
  double: [
    "5",
    "5.25",
    "-0.5",
    "+.5",
    "1e-3",
    "1.5E2",
    "1,234.5",
    "１２３．４",
    "12%",
    "12%%",
    "inf",
    "-Infinity",
    "nan",
    "1_000.5",
    "abc",
    "1..2",
    "5 元",
    "0x10",
    ".",
  ],
  boolean: [
    "true",
    "TRUE",
    "t",
    "1",
    "yes",
    "Y",
    "是",
    "√",
    "false",
    "F",
    "0",
    "no",
    "n",
    "否",
    "×",
    "maybe",
    "2",
    "对",
    "yes!",
  ],
  date: [
    "2022-03-05",
    "2022-3-5",
    "2022/03/05",
    "2022/3/5",
    "2022.03.05",
    "2022.3.5",
    "２０２２－０３－０５",
    "20220305",
    "2022年3月5日",
    "2022年03月05日",
    "2022-03-05 09:30",
    "2022-03-05T09:30:00",
    "2022-03-05x",
    "2022-02-29",
    "2024-02-29",
    "2022-13-01",
    "22-03-05",
    "2022/03-05",
    "44620",
    "44620.375",
    // Whole serials, which a backtracking %Y%m%d would read as 0446-02-01; DuckDB gives no digit back.
    "44621",
    "45000",
    "2022035",
    "202235",
    "12345/3/5",
    "30000",
    "80000",
    "2022031",
    "03/05/2022",
    "2022-03",
    "garbage",
    "2022年3月5日 9:30",
    "2023-06-05T20:00:00Z",
    "2023-06-05 23:30+08:00",
    "2023-06-05 18:00:00-0500",
    "23/6/5",
    "6/5/23",
    // Text after the date is no date (DuckDB's cast dropped it): an estimate, a range, an hour 25, an era.
    "2022-07-20 预计",
    "2022-07-01至2022-07-03",
    "2022/07/20 预计",
    "2022-07-01 25:00",
    "2022-07-01 xyz",
    "2022-07-01 (BC)",
    "2022-07-01 00:00:00.000",
    "2022-07-01 23:30 UTC",
    // A time on the 12-hour clock, a weekday, two spaces, a comma before the milliseconds: still the date (review).
    "2022/3/1 下午3:30",
    "2022/3/1 上午12:00:00",
    "2022-03-01 12:00 AM",
    "2022-03-01 星期二",
    "2022-03-01  00:00",
    "2022-03-01 00:00:00,000",
  ],
  timestamp: [
    "2022-03-05 09:30",
    "2022-03-05 09:30:00",
    "2022-03-05T09:30:00",
    "2022-03-05 9:3",
    "2022-3-5 9:30:5",
    "2022/3/5 9:30",
    "2022/03/05 09:30:00",
    "2022/3/5 9:30:00",
    "2022年3月5日 9:30",
    "2022年3月5日 09:30:15",
    "2022年3月5日9时30分",
    "2022.3.5 9:30",
    "2022年3月5日 9时30分",
    "2022年3月5日9时30分15秒",
    "2022年3月5日9:30",
    "２０２２－０３－０５　０９：３０",
    "2022-03-05",
    "2022/3/5",
    "2022年3月5日",
    "20220305",
    "44620.375",
    "44620",
    // 09:30 and 16:45 as a double holds them and as a General cell shows them: both on the second.
    "44621.39583333334",
    "44621.39583",
    "44622.69792",
    "2022-03-05 24:00:00",
    "2022-03-05 24:30:00",
    "2022-03-05 09:30:60",
    "2022-03-05 09:30:00.123456",
    "2022-03-05 09:30:00.1234567",
    "2022-03-05 09:30:00Z",
    "2022-03-05T09:30:00+08:00",
    "2022-03-05T09:30Z",
    "2022-03-05 09",
    "2022-03-05 9:30 am",
    // 12-hour times: Excel's zh-CN 上午/下午 formats, Java's `hh:mm a` (and what is no such time).
    ...TWELVE_HOUR.map(([text]) => text),
    "2022-03-05 下午 13:30",
    "2022-03-05 0:30 PM",
    "2022-03-05 PM",
    "下午3:30",
    "2022-03-05 下午3",
    "2022-03-05 3:30 PM PM",
    "2022-02-30 10:00",
    "garbage",
    "2022-03-05T09:30",
    "2023-06-05T01:00:00Z",
    "2023-06-05T01:00:00.5Z",
    "2023-06-05 09:30:00+08:00",
    "2023-06-05 09:30:00 +08:00",
    "2023-06-05T01:00:00+0000",
    "2023-06-05T01:00:00+00",
    "2023-06-05 01:00-05:30",
    "2023/6/5 1:00Z",
    // Java's SimpleDateFormat("… z") on a UTC server, and GMT with an offset; CST is no zone read.
    "2022-03-01 01:05:00 UTC",
    "2022-03-01 01:05:00 utc",
    "2022-03-01 01:05:00UTC",
    "2022-03-01T01:05:00 GMT",
    "2022-03-01 01:05 GMT+08:00",
    "2022-03-01 01:05 UTC+8",
    "2022-03-01 01:05 UTC-0530",
    "2022-03-01 01:05:00 CST",
    "2022-03-01 01:05:00 UTC+800",
    "2022-03-05-05",
    "23/6/5 9:30",
  ],
  month: [
    // Zoned: in China time, as a date column reads them (review, 2026-12-08).
    "2022-03-01T00:00:00+08:00",
    "2022-03-31T20:00:00Z",
    "2022-03-01 00:00:00 UTC",
    "2022-03-05 预计",
    "2022-03",
    "2022-3",
    "2022/03",
    "2022/3",
    "2022年3月",
    "2022年03月",
    "２０２２／０３",
    "2022.3",
    "202203",
    "20223",
    "2023",
    "2022-03-05",
    "2022/3/5",
    "2022-13",
    "2022年13月",
    "03/2022",
    "garbage",
    "2022-03-05 09:30",
  ],
};

let instance: DuckDBInstance;
let con: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
});
afterAll(() => {
  con.closeSync();
  instance.closeSync();
});

/** The loader's typed value as text: DuckDB's own varchar of the parsed value, or null. */
async function loaderValues(type: ColumnType, values: string[], percent: boolean): Promise<Array<string | null>> {
  const rows = values.map((v) => `(${values.indexOf(v)}, '${v.replaceAll("'", "''")}')`).join(", ");
  const expr = parseSql(type, "v", {percent});
  const reader = await con.runAndReadAll(
    `select i, (${expr})::varchar as out from (values ${rows}) t(i, v) order by i`,
  );
  return reader.getRowObjectsJson().map((r) => (r.out === null ? null : String(r.out)));
}

/** The same value printed as DuckDB prints it. */
function browserValue(type: ColumnType, value: string, percent: boolean): string | null {
  const typed = parseText(type, value, {percent});
  if (typed === null) return null;
  if (type === "date" || type === "month") return formatWallClock(typed as number, "date");
  if (type === "timestamp") return formatWallClock(typed as number, "timestamp");
  if (type === "double") {
    const n = typed as number;
    if (Number.isNaN(n)) return "nan";
    if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
    return String(n);
  }
  return String(typed);
}

describe("parseText agrees with the loader's parseSql", () => {
  for (const [type, values] of Object.entries(CORPUS) as Array<[ColumnType, string[]]>) {
    for (const percent of type === "double" ? [false, true] : [false]) {
      it(`${type}${percent ? " (percent column)" : ""}: ${values.length} values`, async () => {
        const expected = await loaderValues(type, values, percent);
        const got = values.map((v) => browserValue(type, v, percent));
        // Doubles print differently (5.0 vs 5): compare them as numbers.
        const norm = (x: string | null) =>
          type === "double" && x !== null && /^[-+\d.e]+$/i.test(x) ? String(Number(x)) : x;
        const table = values.map((v, i) => ({value: v, loader: norm(expected[i]!), browser: norm(got[i]!)}));
        expect(table.filter((r) => r.loader !== r.browser)).toEqual([]);
      });
    }
  }

  it("reads a 12-hour time (上午/下午, AM/PM) on the 24-hour clock, and no hour 0 or over 12 so", async () => {
    const values = [...TWELVE_HOUR.map(([text]) => text), "2022-03-05 下午 13:30", "2022-03-05 0:30 PM"];
    const expected = [...TWELVE_HOUR.map(([, wall]) => wall), null, null];
    expect(await loaderValues("timestamp", values, false)).toEqual(expected);
    expect(values.map((v) => browserValue("timestamp", v, false))).toEqual(expected);
  });

  it("reads UTC and GMT as zones, in China time, and no date with text after it (office files, 2026-12-08)", async () => {
    const times = [
      "2022-03-01 01:05:00 UTC",
      "2022-03-03 16:15:00 UTC",
      "2022-03-01 09:05 GMT+08:00",
      "2022-03-01 01:05 CST",
    ];
    const wall = ["2022-03-01 09:05:00", "2022-03-04 00:15:00", "2022-03-01 09:05:00", null];
    expect(await loaderValues("timestamp", times, false)).toEqual(wall);
    expect(times.map((v) => browserValue("timestamp", v, false))).toEqual(wall);
    const dates = ["2022-07-20 预计", "2022-07-01至2022-07-03", "2022-07-01 09:30", "2022-07-01", "2022/7/1 下午3:30"];
    const day = [null, null, "2022-07-01", "2022-07-01", "2022-07-01"];
    expect(await loaderValues("date", dates, false)).toEqual(day);
    expect(dates.map((v) => browserValue("date", v, false))).toEqual(day);
  });

  it("trims like DuckDB's trim(): space separators, not tabs or line breaks", async () => {
    const values = [" a ", "\u3000a\u3000", "\u00a0a", "\ta\t", "a\n", "\u2003a", " "];
    const reader = await con.runAndReadAll(
      `select i, trim(v) as out from (values ${values.map((v, i) => `(${i}, '${v}')`).join(", ")}) t(i, v) order by i`,
    );
    expect(values.map(trimText)).toEqual(reader.getRowObjectsJson().map((r) => r.out));
  });
});
