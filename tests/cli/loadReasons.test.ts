import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {formatLoadProgress, loadProgress} from "../../pipeline/cli/loadProgress.ts";
import {captureIo} from "../helpers/captureIo.ts";

/** `bizenv load`: per file the top reasons rows were rejected, counted, with their first lines; the progress bar. */
const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const row = (id: string, area = "城东区", channel = "online") =>
  [id, area, "2022-03-01 09:30", "2022-03-01 15:00", channel, "2", "0"].join(",");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-load-cli-"));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function run(...argv: string[]) {
  const io = captureIo({env: {BIZENV_DB: join(dir, "warehouse.duckdb")}, cwd: dir});
  const code = await main(["load", ...argv], io);
  return {code, out: io.out, err: io.err};
}

describe("bizenv load", () => {
  it("prints each file's top reject reasons with counts and first lines, and --json carries them", async () => {
    const rows = [HEADER, row("A-1"), row("A-2", "火星区"), row("A-3", "火星区", "fax"), row("A-4", "月球区")];
    rows.push(row("A-5", "金星区"), row("A-6", "木星区"), row("A-1"));
    writeFileSync(join(dir, "a.csv"), rows.join("\n") + "\n");
    const text = await run("a.csv");
    expect(text.code).toBe(0);
    expect(text.out).toContain("  5 × area: unknown area (lines 3, 4, 5, …)\n");
    expect(text.out).toContain("  1 × channel: allowed (line 4)\n");
    expect(text.out).toContain("  1 × case_id: duplicate key (line 8)\n");
    expect(text.err).toBe("");

    writeFileSync(join(dir, "b.csv"), [HEADER, row("B-1"), row("B-2", "火星区")].join("\n") + "\n");
    const json = await run("b.csv", "--json");
    expect(json.code).toBe(0);
    expect(json.err).toBe("");
    expect(JSON.parse(json.out).files[0].reject_reasons).toEqual([
      {column: "area", rule: "unknown_area", rows: 1, first_lines: [3]},
    ]);
  });

  it("shows a progress bar only on a terminal, never with --json, and only past a second", () => {
    const written: string[] = [];
    const io = {...captureIo(), stderr: (t: string) => void written.push(t), isTTY: true, stderrIsTTY: true};
    expect(loadProgress(io, true)).toBeUndefined();
    expect(loadProgress({...io, stderrIsTTY: false}, false)).toBeUndefined();
    expect(loadProgress({...io, isTTY: false}, false)).toBeUndefined();
    let now = 0;
    const bar = loadProgress(io, false, () => now)!;
    bar.update({file: "a.csv", index: 0, total: 2, phase: "hashing"});
    expect(written).toEqual([]);
    now = 1500;
    bar.update({file: "a.csv", index: 0, total: 2, phase: "validating", rows: 1200});
    bar.done();
    expect(written).toEqual([
      `\r\x1b[K${formatLoadProgress({file: "a.csv", index: 0, total: 2, phase: "validating", rows: 1200})}`,
      "\r\x1b[K",
    ]);
    expect(written[0]).toContain("50 % validating 1,200 rows");
  });
});
