/**
 * The values a demo generator puts in a row, before a writer renders them for one file (English or Chinese values,
 * ISO or `2022/3/5 9:30` timestamps, text or Excel cells). Keeping rows in this neutral form is what lets one
 * generated row be written into files of different styles, and a GBK file be compared with its UTF-8 twin.
 *
 * Conventions: a `varchar` column holds the contract's canonical value (an allowed value, a catalog area or unit id
 * for `references` columns, or free text); `month` columns hold `YYYY-MM`; `null` is an empty cell.
 */

/** A calendar date, as days since 1970-01-01 (see `epochDay` in `pipeline/calendar/localTime.ts`). */
export interface DateCell {
  readonly kind: "date";
  readonly day: number;
}

/** A China-local date-time: days since 1970-01-01 and whole seconds after local midnight. */
export interface TimeCell {
  readonly kind: "time";
  readonly day: number;
  readonly second: number;
}

/** Text written verbatim whatever the file style: how deliberately bad values (`2022-02-30`, `城南新区`) are kept. */
export interface RawCell {
  readonly kind: "raw";
  readonly text: string;
}

export type Cell = string | number | boolean | null | DateCell | TimeCell | RawCell;

/** One generated row: contract column name → value. Columns a generator leaves out are filled from the contract. */
export type Row = Record<string, Cell>;

export const dateCell = (day: number): DateCell => ({kind: "date", day});
export const timeCell = (day: number, second: number): TimeCell => ({kind: "time", day, second});
export const rawCell = (text: string): RawCell => ({kind: "raw", text});

export function isDateCell(cell: Cell | undefined): cell is DateCell {
  return typeof cell === "object" && cell !== null && cell.kind === "date";
}

export function isTimeCell(cell: Cell | undefined): cell is TimeCell {
  return typeof cell === "object" && cell !== null && cell.kind === "time";
}

/** Seconds since 1970-01-01 00:00 local time of a date or date-time cell (a date counts as its midnight). */
export function cellSeconds(cell: DateCell | TimeCell): number {
  return cell.day * 86_400 + (cell.kind === "time" ? cell.second : 0);
}
