import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import {expect} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {Warehouse} from "../../pipeline/db.ts";
import {captureIo} from "../helpers/captureIo.ts";
import {csvRows} from "./fixture.ts";

/**
 * Run `bizenv assess --year 2022` on a scored warehouse and check that the workbook read back holds the
 * warehouse's own figures: each judged value is the statistic of mart_metric_periods for the target's clause and
 * period (to the exports' 6 decimals), every task × unit of mart_task_reports is listed, and every evidence file is
 * a loaded file of load_log.
 */
export async function assessAgainstWarehouse(db: string, exportsDir: string, minimumCompared = 15): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "bizenv-assess-demo-"));
  try {
    const io = captureIo({env: {BIZENV_DB: db, BIZENV_EXPORTS: exportsDir}, cwd: out});
    const code = await main(["assess", "--year", "2022", "--no-pdf", "--out", out], io);
    expect(code, io.err).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, "assessment-2022.xlsx"));
    const sheet = workbook.getWorksheet("量化目标")!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const statistic = new Map(csvRows("attainment.csv", exportsDir).map((r) => [r.clause, r.statistic]));
    const warehouse = await Warehouse.open(db, {readOnly: true});
    try {
      let compared = 0;
      for (let n = 2; n <= sheet.rowCount; n++) {
        const row = sheet.getRow(n);
        const clause = String(row.getCell(col("条款")).value);
        const period = row.getCell(col("评定期间")).value;
        const actual = row.getCell(col("实际值")).value as number | null;
        if (period === null || actual === null) continue;
        const stat = statistic.get(clause)!;
        expect(["median", "mean", "p90", "p10", "max", "min"]).toContain(stat);
        const column = stat === "max" ? "max_value" : stat === "min" ? "min_value" : stat;
        const [mart] = await warehouse.all<{value: number; n: number}>(
          `select "${column}" as value, n from mart_metric_periods
           where target_clause = $1 and area_id = 'xining' and period = $2`,
          [clause, String(period)],
        );
        expect(mart, `${clause} ${period}`).toBeDefined();
        expect(Math.abs(actual - mart!.value), `${clause} ${period}`).toBeLessThan(5e-7);
        expect(row.getCell(col("案例数")).value, clause).toBe(mart!.n);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(minimumCompared);
      const [tasks] = await warehouse.all<{n: number}>("select count(*) as n from mart_task_reports");
      expect(workbook.getWorksheet("任务完成情况")!.rowCount - 1).toBe(tasks!.n);
      const evidence = workbook.getWorksheet("证据文件")!;
      expect(evidence.rowCount).toBeGreaterThan(1);
      for (let n = 2; n <= evidence.rowCount; n++) {
        const file = String(evidence.getRow(n).getCell(3).value);
        const sha = String(evidence.getRow(n).getCell(7).value);
        const rows = await warehouse.all(
          "select 1 from load_log where file_name = $1 and sha256 = $2 and status = 'loaded'",
          [file, sha],
        );
        expect(rows.length, file).toBeGreaterThan(0);
      }
    } finally {
      warehouse.close();
    }
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
}
