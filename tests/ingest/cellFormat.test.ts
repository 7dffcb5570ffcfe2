// What a number format says a stored number means (pipeline/ingest/cellFormat.ts), and how a column reads the text
// the loader writes for it: the loader's parseSql and the browser's parseText must agree on every one.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  formatKind,
  formattedNumber,
  isoDateCellsAsSerials,
  keepFormatEscapes,
  numberText,
  shiftDecimal,
} from "../../pipeline/ingest/cellFormat.ts";
import {parseSql} from "../../pipeline/ingest/parseSql.ts";
import {columnText} from "../../pipeline/ingest/stageFile.ts";
import {parseText, formatWallClock} from "../../pipeline/ingest/parseText.ts";

describe("formatKind", () => {
  it.each([
    ["General", "general"],
    ["@", "general"],
    ["0.00%", "percent"],
    ['0.0"%"', "number"],
    ["0.0‰", "permille"],
    ["[h]:mm", "elapsed"],
    ["[mm]:ss", "elapsed"],
    ["h:mm", "time"],
    ['上午/下午h"时"mm"分"', "time"],
    ["h:mm AM/PM", "time"],
    ['yyyy"年"m"月"d"日"', "date"],
    ["[$-804]yyyy-mm-dd;@", "date"],
    ["0.00E+00", "number"],
    ["#,##0.00;[Red]-#,##0.00", "number"],
    // General with text or a colour around it shows the number (its letters e and g are no date's).
    ["G/通用格式", "general"],
    ['G/通用格式"个"', "general"],
    ['General"号"', "general"],
    ["[Blue]General", "general"],
    ['General;General;"-"', "general"],
    ["[DBNum2][$RMB]General", "general"],
    // An escaped % or h is literal text (`\\` as written, `!` too).
    ["0.00\\%", "number"],
    ["0!%", "number"],
    ["0.0\\h", "number"],
    ['0.00"元"', "number"],
    ["¥#,##0.00", "number"],
    ["#,##0.00_);(#,##0.00)", "number"],
    // Shown otherwise than stored: the 万 display, thousands scaling, zero padding.
    ['0!.0000"万元"', "scaled"],
    ["0\\.0,", "scaled"],
    ["#,##0,", "scaled"],
    ["000000", "padded"],
    // A conditional 亿/万 display picks its section by the value: read as the stored number (review, 2026-12-08).
    ['[>=100000000]0!.00,,"亿";[>=10000]0!.0000"万";0', "number"],
    ['"SU-"000000', "padded"],
  ])("%s is %s", (code, kind) => {
    expect(formatKind(code).kind).toBe(kind);
  });
});

describe("formats shown otherwise than stored read as shown (as Excel's CSV holds them)", () => {
  it.each([
    [123456, '0!.0000"万元"', "12.3456万元"],
    [123456, "0!.0000", "12.3456"],
    [123456, '0!.0,"万"', "12.3万"],
    // As LibreOffice writes Excel's 万 display when it converts an .xls (it has no `!` escape).
    [123456, "0\\!.0000", "12.3456"],
    [98765, '0\\!.0,"万"', "9.9万"],
    [-123456, "0\\.0000", "-12.3456"],
    [123456, "#,##0,", "123"],
    [1234567, '0.0,,"百万"', "1.2百万"],
    [123, "000000", "000123"],
    [124, '"SU-"000000', "SU-000124"],
    [3, "00", "03"],
    [3.5, "000", "3.5"], // not a whole number: no padding is shown to the unit
    [12345, "G/通用格式", "12345"],
    [0.5, "0.00\\%", "0.50"],
  ])("%s in %s reads %s", (stored, code, text) => {
    expect(formattedNumber(stored, code, false)).toBe(text);
  });

  it("keeps the backslashes of styles.xml's formats through ExcelJS, which unescapes them", () => {
    const xml = `<numFmts><numFmt numFmtId="165" formatCode="0.00\\%"/><numFmt numFmtId='166' formatCode='0\\.0000'/></numFmts>`;
    expect(keepFormatEscapes(xml)).toBe(
      `<numFmts><numFmt numFmtId="165" formatCode="0.00\\\\%"/><numFmt numFmtId='166' formatCode='0\\\\.0000'/></numFmts>`,
    );
    // ExcelJS's own unescaping (numfmt-xform.js) then gives the code back as written.
    expect("0.00\\\\%".replace(/[\\](.)/g, "$1")).toBe("0.00\\%");
    expect(keepFormatEscapes('<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>')).toBe(
      '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>',
    );
  });
});

describe("formattedNumber: the text the office saw", () => {
  it.each([
    [0.015, "0.00%", "1.5%"],
    [0.7, "0%", "70%"],
    [-0.0525, "0.00%", "-5.25%"],
    [1.5, "0.0‰", "1.5‰"],
    [5.4375, "[h]:mm", "130:30:00"],
    [1.5 / 86400, "[h]:mm:ss", "0:00:01.5"],
    [0.3958333333333333, "h:mm", "09:30:00"],
    [44621.5, "h:mm", "2022-03-01 12:00:00"],
    [44621, 'yyyy"年"m"月"d"日"', "2022-03-01"],
    [2023.1, "0.00", "2023.10"],
    [1.005, "0.00", "1.005"],
    [2023.1, "General", "2023.1"],
  ])("%s in %s is %s", (value, code, text) => {
    expect(formattedNumber(value, code, false)).toBe(text);
  });

  it("counts dates from 1904-01-01 in a 1904-date-system workbook", () => {
    expect(formattedNumber(44621 - 1462, "yyyy-mm-dd", true)).toBe("2022-03-01");
  });

  it.each([
    [0.015, 2, "1.5"],
    [0.155, 2, "15.5"],
    [1e-7, 2, "0.00001"],
    [123.456, 2, "12345.6"],
    [0, 2, "0"],
  ])("shiftDecimal(%s, %s) is %s, not floating point's rounding", (n, places, text) => {
    expect(shiftDecimal(n, places)).toBe(text);
  });
});

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

async function loader(type: "double" | "month", value: string, options: Parameters<typeof parseSql>[2]) {
  const reader = await con.runAndReadAll(
    `select (${parseSql(type, "v", options)})::varchar as out from (values ($1)) t(v)`,
    [value],
  );
  const out = reader.getRowObjectsJson()[0]!.out;
  return out === null ? null : type === "double" ? Number(out) : String(out);
}

describe("a remainder of a sum in doubles, and what is not one", () => {
  it("reads 15 significant digits, a fixed-format remainder as 0, and keeps what a format shows or holds", () => {
    expect(formattedNumber(0.1 + 0.2, "0.00", false)).toBe("0.30");
    expect(formattedNumber(1 - 0.9 - 0.1, "0.00", false)).toBe("0.00");
    expect(formattedNumber(0.001, "0.00", false)).toBe("0.001");
    // A scientific format shows a small number: it is a value.
    expect(formattedNumber(1.5e-11, "0.00E+00", false)).toBe("1.5e-11");
    expect(formattedNumber(1 - 0.9 - 0.1, "0.00%", false)).toBe("0%");
    expect(formattedNumber(0.015, "0.00%", false)).toBe("1.5%");
  });
});

describe("a date cell reads to the nearest second, as a date-time format shows it", () => {
  it("reads 09:30 stored a hair early (44621.3958333, 09:29:59.997) as 09:30:00, never 09:29:59", () => {
    expect(formattedNumber(44621.3958333, "yyyy-mm-dd hh:mm:ss", false)).toBe("2022-03-01 09:30:00");
    expect(formattedNumber(44621.3958333, "yyyy-mm-dd hh:mm", false)).toBe("2022-03-01 09:30:00");
    expect(formattedNumber(44621.99999999, "yyyy-mm-dd", false)).toBe("2022-03-02");
  });
});

describe("numberText: no digit a double does not hold", () => {
  it("writes a number beyond 2^53 with more than 15 significant digits in scientific notation, any other as is", () => {
    expect(numberText(Number("630104202203020123"))).toBe("6.301042022030202e+17");
    expect(numberText(-Number("630104202203020123"))).toBe("-6.301042022030202e+17");
    expect(numberText(Number("9007199254740993"))).toBe("9.007199254740992e+15");
    expect(numberText(630102199001011000)).toBe("630102199001011000");
    expect(numberText(Number.MAX_SAFE_INTEGER)).toBe("9007199254740991");
    expect(numberText(1234567890123456)).toBe("1234567890123456");
    expect(numberText(44621.39583333334)).toBe("44621.39583333334");
    expect(numberText(1e21)).toBe("1e+21");
    // The same in a formatted cell: 0 decimals would show the invented digits.
    expect(formattedNumber(Number("630104202203020123"), "0", false)).toBe("6.301042022030202e+17");
    expect(formattedNumber(Number("630104202203020123"), undefined, false)).toBe("6.301042022030202e+17");
  });
});

describe("a Parquet double's text (stageFile.ts columnText) is numberText's", () => {
  it("writes every whole double as a workbook's number is written, digit for digit", async () => {
    const values = [
      "0",
      "-0.0",
      "12",
      "-12",
      "123456789012345",
      "9007199254740991",
      "9007199254740992",
      "9123456789012345",
      "630104202203020123",
      "-630104202203020123",
      "630102199001011000",
      "110101199003070000",
      "4.5e15",
      "1e16",
      "1e20",
      "1e21",
      "1.5e22",
      "1e300",
      "12.5",
      "0.1",
    ];
    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    const rows = (
      await connection.runAndReadAll(
        `select v, ${columnText("x", "DOUBLE")} as t from (values ${values.map((v) => `('${v}', ${v}::double)`).join(", ")}) t(v, x)`,
      )
    ).getRows() as Array<[string, string]>;
    connection.closeSync();
    duck.closeSync();
    expect(rows.map(([, t]) => t)).toEqual(values.map((v) => numberText(Number(v))));
  });
});

describe("isoDateCellsAsSerials: ISO 8601 date cells as the serials ExcelJS reads", () => {
  const serialIn = (xml: string) => Number(/<(?:\w+:)?v>([^<]*)</.exec(xml)![1]);
  it("turns a t=\"d\" cell's date, date-time or time of day into Excel's serial, and leaves every other cell alone", () => {
    const out = isoDateCellsAsSerials('<c r="C2" s="1" t="d"><v>2022-03-01T09:30:00</v></c>', false);
    expect(out).toMatch(/^<c r="C2" s="1"><v>[0-9.]+<\/v><\/c>$/);
    // 09:30 on 2022-03-01 is 44621.395833…; to the millisecond, as the reader rounds it.
    expect(Math.round(serialIn(out) * 86_400_000)).toBe(Math.round((44621 + 9.5 / 24) * 86_400_000));
    expect(serialIn(isoDateCellsAsSerials('<c r="C2" t="d"><v>2022-03-01</v></c>', false))).toBe(44621);
    expect(serialIn(isoDateCellsAsSerials('<c r="C2" t="d"><v>2022-03-01</v></c>', true))).toBe(44621 - 1462);
    // A zone is dropped, as Excel drops it; seconds and their fraction are kept; a prefix and single quotes are read.
    expect(serialIn(isoDateCellsAsSerials('<c r="C2" t="d"><v>2022-03-01T09:30:00.5Z</v></c>', false))).toBeCloseTo(
      44621 + (9.5 * 3600 + 0.5) / 86_400,
      9,
    );
    const prefixed = isoDateCellsAsSerials("<x:c r='C2' t='d' s='3'><x:v>09:30:00</x:v></x:c>", false);
    expect(prefixed).toBe("<x:c r='C2' s='3'><x:v>0.3958333333333333</x:v></x:c>");
    const others = '<c r="A2" t="inlineStr"><is><t>t="d"</t></is></c><c r="B2"/><c r="D2" s="1"><v>44621.5</v></c>';
    expect(isoDateCellsAsSerials(others, false)).toBe(others);
  });

  it('keeps a t="d" value that is no date as text, to be rejected quoting it', () => {
    for (const bad of ["2022-02-30", "2022-03-01T25:00:00", "yesterday"])
      expect(isoDateCellsAsSerials(`<c r="C2" s="1" t="d"><v>${bad}</v></c>`, false)).toBe(
        `<c r="C2" s="1" t="str"><v>${bad}</v></c>`,
      );
  });
});

describe("a column reads the cell's text in its unit, the loader and the browser alike", () => {
  it.each([
    ["130:30:00", 3600, 130.5],
    ["130:30", 60, 7830],
    ["130:30:00", 86400, 5.4375],
    ["0:00:01.5", 3600, 1.5 / 3600],
    ["12:75", 3600, null],
    ["130.5", 3600, 130.5],
  ])("an elapsed time reads in the column's unit: %s with %s s per unit is %s", async (text, seconds, expected) => {
    expect(await loader("double", text, {durationSeconds: seconds})).toBe(expected);
    expect(parseText("double", text, {durationSeconds: seconds})).toBe(expected);
  });

  it("an elapsed time is no number in a column without a duration unit", async () => {
    expect(await loader("double", "130:30", {})).toBeNull();
    expect(parseText("double", "130:30")).toBeNull();
  });

  it.each([
    ["1.5%", 1.5],
    ["1.5‰", 0.15],
    ["70", 70],
  ])("a percent column reads %s as %s", async (text, expected) => {
    expect(await loader("double", text, {percent: true})).toBe(expected);
    expect(parseText("double", text, {percent: true})).toBe(expected);
  });

  it.each([
    ["2022.10", "2022-10-01"],
    ["2022.1", null],
    ["2022.01", "2022-01-01"],
    ["2022.11", "2022-11-01"],
  ])("a month column reads %s as %s", async (text, expected) => {
    expect(await loader("month", text, {})).toBe(expected);
    const typed = parseText("month", text);
    expect(typed === null ? null : formatWallClock(typed as number, "date")).toBe(expected);
  });
});
