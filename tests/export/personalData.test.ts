import {writeFileSync} from "node:fs";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {Warehouse} from "../../pipeline/db.ts";
import {collectFeeds, type FeedExports} from "../../pipeline/export/collectFeeds.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import type {LoadResult} from "../../pipeline/ingest/loadFile.ts";
import {scrubPersonalNumbers} from "../../pipeline/ingest/personalData.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * Personal data offices put in their files (sign-off lines below the table: 填报人：张三 联系电话：139…; a phone
 * number typed where an area belongs) reaches neither the warehouse's rejected rows nor the exports (feed health,
 * load log, rejects.csv): footer lines are skipped and counted, rejected text is scrubbed of phone and ID numbers.
 */
const PHONE = "13912345678";
const ID_NUMBER = "630102199001011234";
const NAME = "张三";
const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const row = (id: string, area = "城东区") => `${id},${area},2022-03-01 09:30,2022-03-01 15:00,online,2,0`;

let tw: TempWarehouse;
let results: LoadResult[];
let exports: FeedExports;

beforeAll(async () => {
  tw = tempWarehouse();
  const csv = join(tw.dir, "startup.csv");
  writeFileSync(
    csv,
    [
      HEADER,
      row("PD-1"),
      row("PD-2", `联系${PHONE}`),
      row("PD-3"),
      `填报人：${NAME},,,,,,`, // padded to the header's width, as Excel saves it
      `联系电话：${PHONE}`, // one field: a line the reader could not split
      `,审核人：李四 身份证 ${ID_NUMBER},,,,,`,
    ].join("\n") + "\n",
  );
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("开办企业");
  sheet.addRow(HEADER.split(","));
  sheet.addRow(row("PD-4").split(","));
  sheet.addRow([]);
  sheet.addRow([`制表人：${NAME}`, null, `联系人：${NAME} ${PHONE}`]);
  const xlsx = join(tw.dir, "startup.xlsx");
  await workbook.xlsx.writeFile(xlsx);
  results = await tw.load([csv, xlsx]);
  const warehouse = await Warehouse.open(tw.env.BIZENV_DB!, {readOnly: true});
  try {
    exports = await collectFeeds(warehouse, loadContracts(loadCatalog()), "2023-06-30");
  } finally {
    warehouse.close();
  }
});
afterAll(() => tw.remove());

describe("personal data in feed files", () => {
  it("skips footer lines, counted apart from the data rows, and never rejects them", async () => {
    expect(results[0]).toMatchObject({status: "loaded", rows_read: 3, rows_loaded: 2, rows_rejected: 1});
    expect(results[0]!.footer_lines).toEqual([5, 6, 7]);
    expect(results[0]!.message).toContain("3 footer lines skipped (lines 5, 6, 7)");
    expect(results[1]).toMatchObject({status: "loaded", rows_read: 1, rows_loaded: 1, rows_rejected: 0});
    expect(results[1]!.footer_lines).toEqual([4]);
    const rejects = await tw.query<{line: number; rule: string}>("select line, rule from load_rejects order by line");
    expect(rejects).toEqual([{line: 3, rule: "unknown_area"}]);
  });

  it("stores rejected text with phone and ID numbers scrubbed", async () => {
    const [reject] = await tw.query<{value: string; message: string}>("select value, message from load_rejects");
    expect(reject!.value).toBe("联系[removed]");
    expect(reject!.message).toContain('unknown area "联系[removed]"');
  });

  it("exports no name, phone or ID number: feed health, load log and rejects.csv", () => {
    const text = JSON.stringify(exports);
    for (const secret of [PHONE, ID_NUMBER, NAME, "李四"]) expect(text).not.toContain(secret);
    const area = exports.rejects.find((r) => r.rule === "unknown_area")!;
    expect(area).toMatchObject({example_line: 3, example_value: "联系[removed]"});
  });

  it("scrubs mobile, landline and identity numbers, and leaves case numbers and dates alone", () => {
    expect(scrubPersonalNumbers("电话 139 1234 5678，座机 0971-8123456，身份证 63010219900101123X")).toBe(
      "电话 [removed]，座机 [removed]，身份证 [removed]",
    );
    expect(scrubPersonalNumbers("SU-2022-000123 2022-03-01 09:30 cost 1200")).toBe(
      "SU-2022-000123 2022-03-01 09:30 cost 1200",
    );
    // An identity number a workbook stored as a number, in the scientific notation the loader writes it in; Excel's
    // six digits (6.30102E+17) and an ordinary large number keep theirs.
    expect(scrubPersonalNumbers('id "6.301021990010112e+17" or 6.30102199001011e+17, 6.30102E+17, 1.5e+20')).toBe(
      'id "[removed]" or [removed], 6.30102E+17, 1.5e+20',
    );
  });
});
