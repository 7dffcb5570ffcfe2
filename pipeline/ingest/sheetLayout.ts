import type {Readable} from "node:stream";
import type {MergedRange} from "./workbookSheets.ts";

/** What ExcelJS's streaming reader does not say about a worksheet: its hidden rows and its merged cells. */
export interface SheetLayout {
  hidden: Set<number>;
  merges: MergedRange[];
}

/**
 * A worksheet's hidden rows (`<row r="5" hidden="1">`) and merged cells (`<mergeCell ref="B4:B6"/>`, listed after
 * the rows), read from the sheet's XML as a stream. ExcelJS's streaming reader drops both: hidden rows are often last
 * month's data kept out of sight (loading them would count it twice), and a merged cell gives its value to its first
 * cell only. A `<row>` without `r` is the row after the previous one.
 */
export async function sheetLayout(xml: Readable): Promise<SheetLayout> {
  const hidden = new Set<number>();
  const merges: MergedRange[] = [];
  const tag = /<(?:[A-Za-z_][\w.-]*:)?(row|mergeCell)\b([^>]*)>/g;
  let carry = "";
  let previous = 0;
  for await (const chunk of xml) {
    const text = carry + String(chunk);
    tag.lastIndex = 0;
    let end = 0;
    for (let m = tag.exec(text); m; m = tag.exec(text)) {
      const attributes = m[2]!;
      if (m[1] === "mergeCell") {
        const range = mergedRange(/\bref=["']([^"']*)["']/.exec(attributes)?.[1] ?? "");
        if (range) merges.push(range);
      } else {
        const r = /\br="(\d+)"/.exec(attributes);
        previous = r ? Number(r[1]) : previous + 1;
        if (/\bhidden="(1|true)"/.test(attributes)) hidden.add(previous);
      }
      end = tag.lastIndex;
    }
    // Keep an unfinished tag for the next chunk (a tag is short: at most the last 4 KiB are kept).
    const open = text.lastIndexOf("<");
    carry = open >= end && text.length - open < 4096 ? text.slice(open) : "";
  }
  return {hidden, merges};
}

/** A merged range from its reference (`B4:B6`, `$B$4:$B$6`); undefined for anything else. */
export function mergedRange(ref: string): MergedRange | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return undefined;
  const column = (letters: string) => [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const [top, bottom] = [Number(m[2]), Number(m[4])].sort((a, b) => a - b) as [number, number];
  const [left, right] = [column(m[1]!), column(m[3]!)].sort((a, b) => a - b) as [number, number];
  return {ref: ref.trim().replaceAll("$", "").toUpperCase(), top, left, bottom, right};
}
