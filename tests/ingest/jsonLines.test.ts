// JSON lines as systems export them: every value is read as the text it is written with, never typed by DuckDB's
// reader (found 2026-12-08: read_json typed a column of zoned times as TIMESTAMP, in UTC, so 09:30+08:00 was stored
// as 01:30 and a midnight date as the day before; a column mixing "J2" and 20230003 kept the quotes of "J2").
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

let wh: TempWarehouse;
beforeAll(() => {
  wh = tempWarehouse();
});
afterAll(() => wh.remove());

function write(name: string, lines: string[]): string {
  const path = join(wh.dir, name);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

describe("JSON lines", () => {
  it("reads zoned times in China time and ids of either JSON type as their text", async () => {
    const path = write("cases.jsonl", [
      '{"case_id": "J1", "area": "城东区", "applied_at": "2023-03-01T09:30:00+08:00", "channel": "网办", "procedures": 3, "synthetic": true}',
      '{"case_id": 20230002, "area": "城东区", "applied_at": "2023-03-01T14:00:00+08:00", "channel": "窗口", "procedures": "4", "cost_yuan": "12.5", "synthetic": true}',
      '{"case_id": "J3", "area": "城西区", "applied_at": "2023-03-01T06:00:00Z", "channel": "网办", "procedures": 2, "cost_yuan": {"amount": 100}, "synthetic": true}',
      '["J4", "城西区"]',
      '{"case_id": "J5", "area": "城西区", "applied_at": "2023-03-02T09:00:00+08:00", "channel": "网办", "procedures": 2, "cost_yuan": null, "synthetic": true}',
    ]);
    const [result] = await wh.load([path], {feed: "startup_cases"});
    expect(result).toMatchObject({status: "loaded", rows_read: 5, rows_loaded: 3, rows_rejected: 2});
    const rows = await wh.query<{case_id: string; applied_at: string; procedures: number; cost_yuan: number | null}>(
      "select case_id, applied_at::varchar as applied_at, procedures, cost_yuan from feed_startup_cases order by _line",
    );
    expect(rows).toEqual([
      {case_id: "J1", applied_at: "2023-03-01 09:30:00", procedures: 3, cost_yuan: null},
      {case_id: "20230002", applied_at: "2023-03-01 14:00:00", procedures: 4, cost_yuan: 12.5},
      {case_id: "J5", applied_at: "2023-03-02 09:00:00", procedures: 2, cost_yuan: null},
    ]);
    const rejects = await wh.query<{line: number; rule: string; value: string; message: string}>(
      "select line, rule, value, message from load_rejects order by line",
    );
    expect(rejects.map((r) => [Number(r.line), r.rule, r.value])).toEqual([
      [3, "type", '{"amount":100}'],
      [4, "malformed", '["J4", "城西区"]'],
    ]);
    expect(rejects[1]!.message).toContain("expected a JSON object");
  });

  it("reads a date written as midnight with its zone as that day", async () => {
    const path = write("progress.jsonl", [
      '{"task_number": 1, "unit": "市发展改革委", "reported_on": "2023-03-01T00:00:00+08:00", "status": "in_progress", "percent_done": 50, "synthetic": true}',
      '{"task_number": 2, "unit": "市发展改革委", "reported_on": "2023-03-31T00:00:00+08:00", "status": "in_progress", "percent_done": "60", "synthetic": true}',
    ]);
    const [result] = await wh.load([path], {feed: "task_progress"});
    expect(result).toMatchObject({status: "loaded", rows_loaded: 2, rows_rejected: 0});
    const rows = await wh.query<{reported_on: string; percent_done: number}>(
      "select reported_on::varchar as reported_on, percent_done from feed_task_progress order by _line",
    );
    expect(rows).toEqual([
      {reported_on: "2023-03-01", percent_done: 50},
      {reported_on: "2023-03-31", percent_done: 60},
    ]);
  });

  it("refuses a file with a line that is no JSON, naming the line", async () => {
    const path = write("broken.jsonl", ['{"case_id": "B1"}', "not json"]);
    const [result] = await wh.load([path], {feed: "startup_cases"});
    expect(result!.status).toBe("refused");
    expect(result!.message).toMatch(/cannot read it as JSON lines: line 2 is not JSON \(.*\): "not json"$/);
  });
});
