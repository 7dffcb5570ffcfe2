/** A column of a downloadable table: the header in the page's language and the cell's raw value (not formatted). */
export interface DownloadColumn<T> {
  label: string;
  value: (row: T) => unknown;
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). Text that Excel would run as a formula
 * (starting with = + - @, from an office's file or a typed note) gets a leading apostrophe; numbers stay numbers.
 */
function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV file's text: UTF-8 with a byte-order mark (without it, Excel on Chinese Windows reads UTF-8 as GBK and shows
 * mojibake), CRLF line ends, raw values (dates ISO, numbers with a dot).
 */
export function csvText<T>(rows: T[], columns: DownloadColumn<T>[]): string {
  const lines = [columns.map((c) => csvField(c.label)), ...rows.map((r) => columns.map((c) => csvField(c.value(r))))];
  return "\uFEFF" + lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}
