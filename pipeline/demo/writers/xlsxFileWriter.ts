import {createHash} from "node:crypto";
import {writeFileSync} from "node:fs";
import type {ExcelValue} from "../renderRow.ts";
import type {WrittenFile} from "./textFileWriter.ts";
import {fixZipTimestamps} from "../../zipTimestamps.ts";

/**
 * An XLSX workbook as an office saves one: a sheet with title rows above the header (merged across the columns),
 * a bold header, then the data. Rows are kept in memory until `close` (XLSX is used only for the small feeds:
 * at most a few thousand rows even at scale 30). The workbook's dates and the zip entries are stamped with
 * `stamp` (the as-of date), never the clock, so the bytes are reproducible.
 */
export class XlsxFileWriter {
  private readonly rows: ExcelValue[][] = [];

  constructor(
    private readonly path: string,
    private readonly options: {sheet: string; titles: string[]; headers: string[]; stamp: Date},
  ) {}

  add(values: ExcelValue[]): undefined {
    this.rows.push(values);
    return undefined;
  }

  async close(): Promise<WrittenFile> {
    const {sheet: sheetName, titles, headers, stamp} = this.options;
    // exceljs (0.5 s to import) is loaded only when a workbook is written: every command starts faster.
    const {default: ExcelJSModule} = await import("exceljs");
    const workbook = new ExcelJSModule.Workbook();
    workbook.creator = "bizenv demo (SYNTHETIC)";
    workbook.created = stamp;
    workbook.modified = stamp;
    const sheet = workbook.addWorksheet(sheetName);
    for (const title of titles) {
      const row = sheet.addRow([title]);
      sheet.mergeCells(row.number, 1, row.number, headers.length);
      row.font = {bold: row.number === 1, size: row.number === 1 ? 14 : 10};
    }
    sheet.addRow(headers).font = {bold: true};
    for (const values of this.rows) {
      const row = sheet.addRow(values);
      values.forEach((v, i) => {
        if (v instanceof Date) row.getCell(i + 1).numFmt = "yyyy-mm-dd";
      });
    }
    sheet.columns.forEach((column) => (column.width = 16));
    const buffer = fixZipTimestamps(Buffer.from(await workbook.xlsx.writeBuffer()), stamp);
    writeFileSync(this.path, buffer);
    return {bytes: buffer.length, sha256: createHash("sha256").update(buffer).digest("hex")};
  }
}
