/**
 * What an XLSX cell's number format says its stored number means, and the text the office saw for it. A workbook
 * stores 1.50 % as 0.015, 130:30 (hours) as 5.4375 days, 09:30 as 0.395833 and 2023.10 as 2023.1: read as bare
 * numbers these are wrong values that pass every rule. The loader writes the office's text instead, and the
 * contract's column type reads it in the column's unit (parseSql.ts), or rejects it with what was found.
 * Pure and browser-safe.
 */

/** What a number format shows: its kind, and for plain numbers the decimals it always shows. */
export type FormatKind =
  | {kind: "general"}
  | {kind: "number"; decimals: number}
  /** Shown divided by 10^shift (`0!.0000"万元"`, `0.0,`), with `decimals` decimals and its literal text around. */
  | {kind: "scaled"; shift: number; decimals: number; before: string; after: string}
  /** A whole number shown with leading zeros to `width` digits and its literal text (`000000`, `"SU-"000000`). */
  | {kind: "padded"; width: number; before: string; after: string}
  | {kind: "percent"}
  | {kind: "permille"}
  | {kind: "elapsed"}
  | {kind: "time"}
  | {kind: "date"};

/**
 * The kind of a number format code (`0.00%`, `[h]:mm`, `yyyy"年"m"月"d"日"`, …). Only the first section counts
 * (the one for positive numbers); quoted text, escaped characters, colours and locales do not.
 *
 * @example formatKind("[h]:mm") // {kind: "elapsed"}
 */
export function formatKind(code: string | undefined): FormatKind {
  if (!code || code.toLowerCase() === "general" || code === "@") return {kind: "general"};
  // ‰ is a literal in Excel's formats (the stored number is what is shown before it), quoted or not.
  const permille = code.includes("‰");
  const section = firstSection(code);
  // `\x` and `!x` both show x as it is (ExcelJS unescapes `\`; keepFormatEscapes keeps it for this).
  const first = section
    .replace(/"[^"]*"/g, "")
    .replace(/[\\!]./g, "")
    .replace(/[_*]./g, "");
  if (/\[(h+|m+|s+)\]/i.test(first)) return {kind: "elapsed"};
  const bare = first.replace(/\[[^\]]*\]/g, "").replace(/E[+-]/gi, "");
  // General with text around it (`G/通用格式"个"`, `[Blue]General`, `General"号"`) shows the number as General does.
  if (/general|G\/通用格式/i.test(bare)) return {kind: "general"};
  if (bare.includes("%")) return {kind: "percent"};
  if (permille) return {kind: "permille"};
  if (/[ydeg]/i.test(bare)) return {kind: "date"};
  if (/[hms]/i.test(bare)) return {kind: "time"};
  return shownAs(section) ?? {kind: "number", decimals: /\.([0#?]+)/.exec(bare)?.[1]?.replace(/[#?]/g, "").length ?? 0};
}

/**
 * The formats whose text is not the stored number with a unit beside it: a point written as a literal between
 * digits (`0!.0000`, `0\.0,`: the 万 display Chinese workbooks use, 123456 shown 12.3456), thousands scaling by
 * trailing commas (`0.0,`: 123456 shown 123.5), and whole numbers padded with zeros (`000000`, `"SU-"000000`: 123
 * shown 000123, as Excel writes it to CSV). Their text is what the office saw and what Excel's CSV holds; `null` for
 * every other format, or one this cannot split (digits on both sides of literal text, scientific).
 */
function shownAs(section: string): FormatKind | null {
  // A condition (`[>=10000]0!.0000"万"`) picks the section by the value: not read here, the number as stored.
  if (/\[[<>=]/.test(section)) return null;
  let before = "";
  let digits = "";
  let after = "";
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    let literal: string;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      literal = section.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? section.length : end;
    } else if (c === "\\" || c === "!") {
      // LibreOffice, which has no `!` escape, writes Excel's `0!.0000` as `0\!.0000` in the XLSX it converts to.
      if (c === "\\" && section[i + 1] === "!" && section[i + 2] === ".") i++;
      const next = section[++i] ?? "";
      // A literal point between digit placeholders: the 万 display.
      if (next === "." && /[0#?]$/.test(digits) && /^[0#?]/.test(section.slice(i + 1))) {
        digits += "L";
        continue;
      }
      literal = next;
    } else if (c === "[") {
      i = Math.max(i, section.indexOf("]", i));
      continue;
    } else if (c === "_") {
      i++;
      literal = " ";
    } else if (c === "*") {
      i++;
      continue;
    } else if ("0#?.,".includes(c)) {
      if (after !== "") return null;
      digits += c;
      continue;
    } else if (/[eE]/.test(c)) return null;
    else literal = c;
    if (digits === "") before += literal;
    else after += literal;
  }
  const dot = /^[#0?,]*[0#?]L([0#?]+)(,*)$/.exec(digits);
  if (dot) return {kind: "scaled", shift: dot[1]!.length + 3 * dot[2]!.length, decimals: dot[1]!.length, before, after};
  const commas = /^[#0?,]*[0#?](?:\.([0#?]+))?(,+)$/.exec(digits);
  if (commas) return {kind: "scaled", shift: 3 * commas[2]!.length, decimals: commas[1]?.length ?? 0, before, after};
  const padded = /^#*(0{2,})$/.exec(digits);
  if (padded) return {kind: "padded", width: padded[1]!.length, before, after};
  return null;
}

/**
 * styles.xml with every backslash of its number formats doubled: ExcelJS, the loader's reader and the browser's,
 * unescapes `\\x` to `x`, so `0.00\\%` (a literal %, as LibreOffice writes `0.00"%"`) reached formatKind as a
 * percent format and 0.5 shown "0.50%" was read as 50; and `0\\.0000` lost the literal point of the 万 display.
 * Doubled, ExcelJS gives each format back as written.
 *
 * @example keepFormatEscapes('<numFmt numFmtId="165" formatCode="0.00\\%"/>') // '<numFmt numFmtId="165" formatCode="0.00\\\\%"/>'
 */
export function keepFormatEscapes(stylesXml: string): string {
  if (!stylesXml.includes("\\")) return stylesXml;
  return stylesXml.replace(
    /(\bformatCode=)(?:"([^"]*)"|'([^']*)')/g,
    (_, start: string, double?: string, single?: string) =>
      double !== undefined
        ? `${start}"${double.replaceAll("\\", "\\\\")}"`
        : `${start}'${(single ?? "").replaceAll("\\", "\\\\")}'`,
  );
}

/** The part of a format code before its first unquoted `;`. */
function firstSection(code: string): string {
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '"') quoted = !quoted;
    else if (code[i] === "\\" || code[i] === "!") i++;
    else if (code[i] === ";" && !quoted) return code.slice(0, i);
  }
  return code;
}

/**
 * The text of a stored number: as JavaScript writes it (the shortest text that reads back the same number), except
 * a number beyond 2^53 that needs more than 15 significant digits: a spreadsheet's double does not hold it to the
 * unit (630104202203020123 is stored as 630104202203020160 and would be written 630104202203020200, digits the
 * office never typed). Such a number is written in scientific notation (6.301042022030202e+17), so that an
 * identifier column rejects it as an identifier turned into a number (rowMessages.ts SCIENTIFIC_ID) while a number
 * column reads the same number. One of 15 significant digits or fewer (Excel keeps no more: 630102199001011000) is
 * written in full, as Excel shows it, and an identifier column rejects it as cut (rowMessages.ts CUT_ID).
 *
 * @example numberText(630104202203020123) // "6.301042022030202e+17"
 * @example numberText(630102199001011000) // "630102199001011000"
 * @example numberText(1234567890123456) // "1234567890123456" (below 2^53: every digit kept)
 */
export function numberText(n: number): string {
  const text = String(n);
  if (!Number.isFinite(n) || Math.abs(n) <= Number.MAX_SAFE_INTEGER || /e/.test(text)) return text;
  return text.replace(/^-/, "").replace(/0+$/, "").length > 15 ? n.toExponential() : text;
}

/** Below this a percent or per-mille cell's number is a remainder of a sum in doubles, not a value (1e-8 %). */
const REMAINDER = 1e-10;

/**
 * A number as a spreadsheet holds it: Excel keeps 15 significant digits, so a fraction a program summed in doubles
 * (0.1 + 0.2 = 0.30000000000000004, as Java POI exports write sums) is the 0.3 the office sees. Whole numbers are
 * left whole: their digits are `numberText`'s to judge (an identifier beyond 2^53).
 *
 * @example spreadsheetNumber(88.80000000000001) // 88.8
 */
export function spreadsheetNumber(n: number): number {
  return Number.isFinite(n) && !Number.isInteger(n) ? Number(n.toPrecision(15)) : n;
}

/**
 * Whether a workbook's `xl/workbook.xml` counts dates from 1904 (Excel for Mac): `date1904="1"`, or `"true"` as
 * LibreOffice and POI write it (ExcelJS takes only `"1"`), in either quotes.
 */
export function declaresDate1904(workbookXml: string): boolean {
  return /<(?:\w+:)?workbookPr\b[^>]*\bdate1904=(["'])(1|true)\1/.test(workbookXml);
}

/** Days from Excel's day 0 (1899-12-30; 1904-01-01 in a 1904-date-system workbook) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;
const DATE1904_OFFSET = 1462;
const MS_PER_DAY = 86_400_000;

/**
 * The text of a number stored in a cell with format `code`, as the office saw it (in units a contract can read):
 * a percent as `1.5%`, a per-mille as `1.5‰`, an elapsed time ([h]:mm) as `130:30:00`, a time of day (serial below
 * 1) as `09:30:00`, a date as `2023-05-04` or `2023-05-04 09:30:00`, and a number with fixed decimals as shown when
 * the stored number has fewer (`2023.10` for 2023.1 in `0.00`, so a month column reads October), never fewer;
 * every number to the 15 significant digits a spreadsheet keeps (`spreadsheetNumber`).
 *
 * @param stored the stored number (for dates, days since day 0 of the workbook's date system)
 * @example formattedNumber(0.015, "0.00%", false) // "1.5%"
 */
export function formattedNumber(stored: number, code: string | undefined, date1904: boolean): string {
  const format = formatKind(code);
  const serial = spreadsheetNumber(stored);
  switch (format.kind) {
    case "general":
      return numberText(serial);
    case "number": {
      // A remainder of a sum in doubles (-2.7755575615628914e-17), shown 0.00: under a millionth of the last digit
      // the format shows, it is no value the office has. Not in a scientific format (0.00E+00), which shows it.
      if (Math.abs(serial) < 10 ** -(format.decimals + 6) && !/E[+-]/i.test(code ?? ""))
        return (0).toFixed(format.decimals);
      const text = numberText(serial);
      if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
      const decimals = text.split(".")[1]?.length ?? 0;
      return decimals >= format.decimals ? text : serial.toFixed(format.decimals);
    }
    case "scaled": {
      const shown = (serial / 10 ** format.shift).toFixed(format.decimals);
      return `${format.before}${shown}${format.after}`;
    }
    case "padded": {
      if (!Number.isInteger(serial)) return numberText(serial);
      const digits = String(Math.abs(serial)).padStart(format.width, "0");
      return `${format.before}${serial < 0 ? "-" : ""}${digits}${format.after}`;
    }
    // A remainder of a sum in doubles is 0 here too (a percent format shows no such digit).
    case "percent":
      return `${shiftDecimal(Math.abs(serial) < REMAINDER ? 0 : serial, 2)}%`;
    case "permille":
      return `${Math.abs(serial) < REMAINDER ? 0 : serial}‰`;
    case "elapsed":
      return clock(serial * 86_400, true);
    case "time":
      return serial >= 0 && serial < 1 ? clock(serial * 86_400, false) : dateText(serial, date1904);
    case "date":
      return dateText(serial, date1904);
  }
}

/** `serial` days after the workbook's day 0 as `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when it has a time. */
function dateText(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE1904_OFFSET : 0)) * MS_PER_DAY);
  return wallClockText(new Date(ms));
}

/** The stored serial of a date ExcelJS made from a cell (it reads day 0 per the workbook's date system, as UTC). */
export function serialOf(date: Date, date1904: boolean): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DATE1904_OFFSET : 0);
}

/** A cell element, whole (`<c …>…</c>`, any namespace prefix; a self-closing `<c …/>` has no value). */
const CELL = /<((?:\w+:)?)c\b([^>]*?)(?<!\/)>([\s\S]*?)<\/\1c>/g;
/** The `t="d"` attribute of an ISO 8601 date cell. */
const DATE_TYPE = /\st=(["'])d\1/;
/** A cell's stored value (`<v>…</v>`, any namespace prefix). */
const CELL_VALUE = /<((?:\w+:)?)v>([^<]*)<\/\1v>/;
/** An ISO 8601 date cell's value: a date with an optional time (a zone suffix is dropped), or a time of day. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;

/**
 * A worksheet's ISO 8601 date cells (`<c t="d"><v>2022-03-01T09:30:00</v></c>`, as openpyxl writes dates with
 * `iso_dates` and other programs may) rewritten as the serial numbers Excel stores (`<c><v>44621.395833333336</v>`):
 * ExcelJS, the loader's reader and the browser's, takes a `t="d"` value for a number, so 2022-03-01T09:30 was read as
 * 2022, day 2022 of 1900 (1905-07-14) in a date-formatted cell. The value is a wall-clock time, as Excel keeps it (a
 * zone suffix is dropped, as Excel drops it); a value that is no ISO date (2022-02-30) becomes a text cell
 * (`t="str"`), which the column's rules reject quoting it. `xml` must hold whole cells: the streaming caller cuts
 * its text before a cell or row tag.
 *
 * @example isoDateCellsAsSerials('<c r="C2" s="1" t="d"><v>2022-03-01T09:30:00</v></c>', false)
 * // '<c r="C2" s="1"><v>44621.39583333333</v></c>'
 */
export function isoDateCellsAsSerials(xml: string, date1904: boolean): string {
  if (!xml.includes('t="d"') && !xml.includes("t='d'")) return xml;
  return xml.replace(CELL, (cell: string, prefix: string, attributes: string, content: string) => {
    if (!DATE_TYPE.test(attributes)) return cell;
    const value = CELL_VALUE.exec(content);
    if (!value) return cell;
    const serial = isoSerial(value[2]!.trim(), date1904);
    // Not an ISO date: kept as its text (t="str"), which the column's rules reject saying what it is.
    if (serial === null) return `<${prefix}c${attributes.replace(DATE_TYPE, ' t="str"')}>${content}</${prefix}c>`;
    const stored = content.replace(value[0], `<${value[1]}v>${numberText(serial)}</${value[1]}v>`);
    return `<${prefix}c${attributes.replace(DATE_TYPE, "")}>${stored}</${prefix}c>`;
  });
}

/**
 * A phonetic run (`<rPh sb="0" eb="3"><t>…</t></rPh>`) or the phonetic properties beside one (`<phoneticPr
 * fontId="1"/>`), any namespace prefix.
 */
const PHONETIC = /<((?:\w+:)?)(rPh|phoneticPr)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1\2>)/g;
/** The `t="e"` attribute of an error cell. */
const ERROR_TYPE = /\st=(["'])e\1/;
/** A cell's formula element, `<f>` or `<f …>` (any namespace prefix). */
const FORMULA_START = /<(?:\w+:)?f[\s>/]/;

/**
 * Worksheet or shared-string XML as Excel shows its cells, for ExcelJS's readers:
 * - without phonetic runs (`<rPh>`: the reading guide, furigana or pinyin, an East Asian Excel keeps beside text
 *   typed through an IME) and their properties (`<phoneticPr>`). ExcelJS's streaming reader took the last run's text
 *   for the cell's (市税务局 read as "shuiwuju"), its in-memory reader lost the rest of the sheet after an inline
 *   string with either; Excel shows neither.
 * - an error cell saved with its formula (`<c t="e"><f>1/0</f><v>#DIV/0!</v></c>`) typed as a formula with a text
 *   result (`t="str"`), the error: the streaming reader read it as a formula with no result (quoted `=1/0`), the
 *   in-memory reader as its error, `#DIV/0!`, which the office saw and the row rules name (rowMessages.ts
 *   `SPREADSHEET_ERROR`). The formula stays: the first cell of a shared formula (a VLOOKUP filled down) defines the
 *   formula of the cells below it.
 * `xml` must hold whole cells and whole strings: the streaming caller cuts its text before a cell, row or string tag.
 *
 * @example cellsAsShown('<si><t>市</t><rPh sb="0" eb="1"><t>shi</t></rPh></si>') // '<si><t>市</t></si>'
 */
export function cellsAsShown(xml: string): string {
  const text = xml.includes("rPh") || xml.includes("phoneticPr") ? xml.replace(PHONETIC, "") : xml;
  if (!text.includes('t="e"') && !text.includes("t='e'")) return text;
  return text.replace(CELL, (cell: string, prefix: string, attributes: string, content: string) =>
    ERROR_TYPE.test(attributes) && FORMULA_START.test(content)
      ? `<${prefix}c${attributes.replace(ERROR_TYPE, ' t="str"')}>${content}</${prefix}c>`
      : cell,
  );
}

/** The serial of an ISO 8601 date, date-time or time of day (wall clock), or null for any other text. */
function isoSerial(text: string, date1904: boolean): number | null {
  const time = ISO_TIME.exec(text);
  if (time) return (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86_400;
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4] ?? 0, m[5] ?? 0, m[6] ?? 0].map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!) + sec! * 1000;
  const date = new Date(ms);
  // Not a calendar date (2022-02-30) or time (25:00): no serial.
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d! || h! > 23 || mi! > 59 || sec! >= 60) return null;
  return ms / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DATE1904_OFFSET : 0);
}

/**
 * A date ExcelJS read (Excel keeps wall-clock times without a zone; ExcelJS reads them as UTC) as text, to the
 * nearest second as a date-time format shows it: 09:30 stored as 44621.3958333 (09:29:59.997) reads 09:30:00, as a
 * serial in a General cell does (parseSql.ts `excelSerial`).
 */
export function wallClockText(value: Date): string {
  const iso = new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Seconds as `H:MM:SS` (hours unbounded, `elapsed`) or `HH:MM:SS`, to the millisecond when not whole. */
function clock(seconds: number, elapsed: boolean): string {
  const ms = Math.round(Math.abs(seconds) * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const two = (n: number) => String(n).padStart(2, "0");
  const sec = Number.isInteger(s) ? two(s) : `${two(Math.floor(s))}${String(s % 1).slice(1, 5)}`;
  return `${seconds < 0 ? "-" : ""}${elapsed ? h : two(h)}:${two(m)}:${sec}`;
}

/**
 * `n` × 10^places, by moving the decimal point in its shortest text: 0.015 × 100 is 1.5, where floating point
 * gives 1.5000000000000002.
 */
export function shiftDecimal(n: number, places: number): string {
  const [mantissa, exp] = n.toExponential().split("e") as [string, string];
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  const point = 1 + Number(exp) + places; // where the point falls after the first digit
  let text: string;
  if (point <= 0) text = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + "0".repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  text = text.replace(/^0+(?=\d)/, "");
  if (text.includes(".")) text = text.replace(/\.?0+$/, "");
  return `${negative && text !== "0" ? "-" : ""}${text}`;
}

/**
 * The built-in number formats (ids without a `numFmt` in styles.xml) that Excel and WPS show by the Chinese locale
 * (zh-CN): dates and times as 年月日 and 时分秒. Without them a date cell of a Chinese workbook is a bare serial.
 */
export const ZH_CN_BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};
