import type {Readable} from "node:stream";

/**
 * The numbers of a worksheet's hidden rows (`<row r="5" hidden="1">`), read from the sheet's XML as a stream.
 * ExcelJS's streaming reader drops the attribute, and hidden rows are often last month's data kept out of sight:
 * loading them would count it twice. A `<row>` without `r` is the row after the previous one.
 */
export async function hiddenRows(xml: Readable): Promise<Set<number>> {
  const hidden = new Set<number>();
  const tag = /<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>/g;
  let carry = "";
  let previous = 0;
  for await (const chunk of xml) {
    const text = carry + String(chunk);
    tag.lastIndex = 0;
    let end = 0;
    for (let m = tag.exec(text); m; m = tag.exec(text)) {
      const attributes = m[1]!;
      const r = /\br="(\d+)"/.exec(attributes);
      previous = r ? Number(r[1]) : previous + 1;
      if (/\bhidden="(1|true)"/.test(attributes)) hidden.add(previous);
      end = tag.lastIndex;
    }
    // Keep an unfinished tag for the next chunk (a tag is short: at most the last 4 KiB are kept).
    const open = text.lastIndexOf("<");
    carry = open >= end && text.length - open < 4096 ? text.slice(open) : "";
  }
  return hidden;
}
