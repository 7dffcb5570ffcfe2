import {readFileSync} from "node:fs";
import {FeedError} from "../errors.ts";
import {numberText} from "./cellFormat.ts";
import {CsvWriter} from "./csvWriter.ts";

type Arrow = typeof import("apache-arrow");

/**
 * How a column of an Arrow type is written as text, as the tool that wrote the file showed it. apache-arrow hands
 * every date, time and timestamp over as milliseconds (of the epoch or of the day) and a decimal as its unscaled
 * integer: written as numbers, a timestamp is rejected and a decimal(12,2) of 123.45 reads as 12345. So:
 * - a timestamp as `YYYY-MM-DD HH:MM:SS[.ffffff]` (to the microsecond, as DuckDB keeps it): without a time zone
 *   the wall clock it holds, with one the instant in UTC followed by `Z`, which the loader converts to China time
 *   like any zoned timestamp;
 * - a date as `YYYY-MM-DD`, a time of day as `HH:MM:SS[.ffffff]`;
 * - a decimal with its point where its scale puts it, digit for digit;
 * - floating-point numbers as a spreadsheet's are (cellFormat.ts `numberText`: beyond 2^53 in scientific
 *   notation), 32- and 16-bit floats by their own shortest digits (`float32Text`, `float16Text`);
 * - 64-bit integers exactly, anything else as JavaScript writes it.
 */
function fieldText(type: import("apache-arrow").DataType, arrow: Arrow): (value: unknown) => string {
  const {DataType, Precision, util} = arrow;
  const text = (f: (value: never) => string) => (value: unknown) =>
    value === null || value === undefined ? "" : f(value as never);
  if (DataType.isTimestamp(type)) {
    const zone = type.timezone ? "Z" : "";
    return text((ms: number) => microsText(Math.round(ms * 1000)) + zone);
  }
  if (DataType.isDate(type)) return text((ms: number) => microsText(ms * 1000).slice(0, 10));
  if (DataType.isTime(type)) {
    // Time32 comes as seconds or milliseconds, Time64 as a bigint of micro- or nanoseconds: its unit's number.
    const perUnit = [1e6, 1e3, 1, 1e-3][type.unit]!;
    return text((value: number | bigint) => microsText(Math.floor(Number(value) * perUnit)).slice(11));
  }
  if (DataType.isDecimal(type)) {
    const scale = type.scale;
    return text((value: Parameters<typeof util.bigNumToBigInt>[0]) => decimalText(util.bigNumToBigInt(value), scale));
  }
  if (DataType.isFloat(type) && type.precision === Precision.SINGLE) return text(float32Text);
  if (DataType.isFloat(type) && type.precision === Precision.HALF)
    return text((value: number) => float16Text(value, util.float64ToUint16));
  return text((value: unknown) => (typeof value === "number" ? numberText(value) : String(value)));
}

/** Microseconds of the epoch as `YYYY-MM-DD HH:MM:SS`, with the fraction of a second only when there is one. */
function microsText(micros: number): string {
  const seconds = Math.floor(micros / 1e6);
  const fraction = String(micros - seconds * 1e6)
    .padStart(6, "0")
    .replace(/0+$/, "");
  const clock = new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
  return fraction ? `${clock}.${fraction}` : clock;
}

/** An unscaled decimal integer with its point `scale` digits from the right (`12345`, 2 → `123.45`). */
export function decimalText(unscaled: bigint, scale: number): string {
  const sign = unscaled < 0n ? "-" : "";
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString();
  if (scale <= 0) return sign + digits + "0".repeat(-scale);
  const whole = digits.length > scale ? digits.slice(0, -scale) : "0";
  return `${sign}${whole}.${digits.padStart(scale, "0").slice(-scale)}`;
}

/** A 16-bit float's shortest digits that read back the same half float (0.1, not 0.0999755859375). */
function float16Text(value: number, toHalf: (x: number) => number): string {
  if (!Number.isFinite(value)) return numberText(value);
  for (let digits = 1; digits <= 5; digits++) {
    const shortest = Number(value.toExponential(digits - 1));
    if (toHalf(shortest) === toHalf(value)) return numberText(shortest);
  }
  return numberText(value);
}

/** The largest integer a 32-bit float holds to the unit (2^24 − 1), and the significant digits it keeps. */
const FLOAT32_EXACT = 16777215;
const FLOAT32_DIGITS = 7;

/**
 * The text of a 32-bit float (Arrow `Float32`, which JavaScript reads widened to a double): its shortest digits
 * that read back the same float, as DuckDB writes a Parquet FLOAT (0.1, not the double 0.10000000149011612).
 * A whole number beyond 2^24 with more than 7 significant digits is written in scientific notation, so that an
 * identifier column rejects it as stageFile.ts `columnText` does for FLOAT.
 *
 * @example float32Text(Math.fround(0.1)) // "0.1"
 * @example float32Text(Math.fround(16777217)) // "1.6777216e+7"
 */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) return numberText(value);
  let shortest = value.toExponential(8);
  for (let digits = 1; digits <= 9; digits++) {
    const text = value.toExponential(digits - 1);
    if (Math.fround(Number(text)) === value) {
      shortest = text;
      break;
    }
  }
  if (value !== Math.trunc(value) || Math.abs(value) <= FLOAT32_EXACT) return String(Number(shortest));
  const [mantissa, exponentText] = shortest.replace("-", "").split("e") as [string, string];
  const significant = mantissa.replace(".", "").replace(/0+$/, "");
  const exponent = Number(exponentText);
  const sign = value < 0 ? "-" : "";
  if (significant.length > FLOAT32_DIGITS || exponent >= 21)
    return `${sign}${significant[0]}${significant.length > 1 ? `.${significant.slice(1)}` : ""}e+${exponent}`;
  return sign + significant + "0".repeat(exponent + 1 - significant.length);
}

/**
 * Write an Arrow IPC file (file or stream format) as a CSV whose first column is the row number; returns the
 * column names.
 * This DuckDB build has no Arrow IPC reader, so the rows pass through JavaScript once; Arrow files come from
 * other tools, not from offices, and are small.
 */
export async function readArrowToCsv(path: string, shown: string, csvPath: string): Promise<string[]> {
  // Imported here: Arrow files are rare, and the package costs every other load 0.3 s of start-up.
  const arrow = await import("apache-arrow");
  let table;
  try {
    table = arrow.tableFromIPC(readFileSync(path));
  } catch (error) {
    throw new FeedError(shown, `cannot read it as Arrow IPC: ${(error as Error).message}`);
  }
  const names = table.schema.fields.map((f) => f.name);
  const texts = table.schema.fields.map((f) => fieldText(f.type, arrow));
  const writer = new CsvWriter(csvPath);
  await writer.row(["__row", ...names]);
  let n = 0;
  for (const row of table) {
    n++;
    const record = row as unknown as Record<string, unknown>;
    await writer.row([String(n), ...names.map((name, i) => texts[i]!(record[name]))]);
  }
  await writer.close();
  return names;
}
