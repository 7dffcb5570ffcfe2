import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {findPandasPython, PEERS_SKIPPED} from "../../pipeline/bench/peers.ts";
import {runPeers} from "../../pipeline/bench/runBench.ts";

// `bizenv bench --peers` on a tiny file with planted faults: the pandas script (pipeline/bench/peers/pandas_load.py)
// must reject the same rows for the same rules as the loader. CI does not install pandas, so without it the peers
// must say "skipped", and the comparison is skipped here with a message saying so. No figure is judged.
const pandasPython = findPandasPython();
if (pandasPython === null)
  console.warn("tests/bench/peers.test.ts: python3 with pandas not found, the pandas comparison is skipped");
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "bizenv-peers-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

describe("bizenv bench --peers", () => {
  it("reports the peers as skipped when no python3 with pandas is found", async () => {
    const report = await runPeers(tempDir(), 300, {python: "/nonexistent/python3", runs: 1, log: () => {}});
    expect(report).toEqual({skipped: PEERS_SKIPPED});
  });

  it.skipIf(pandasPython === null)(
    "rejects the same rows for the same rules in pandas as in bizenv (needs python3 with pandas, skipped without)",
    async () => {
      const report = await runPeers(tempDir(), 300, {python: pandasPython!, runs: 1, log: () => {}});
      if ("skipped" in report) throw new Error(`peers skipped: ${report.skipped}`);
      // One row in 10 broken, cycling through the ten planted faults: 30 rejected rows, 3 per rule.
      expect(report.bizenv_rows_rejected).toBe(30);
      expect(report.pandas_rows_rejected).toBe(report.bizenv_rows_rejected);
      expect(report.pandas_rejected_by_rule).toEqual(report.bizenv_rejected_by_rule);
      expect(report.rejects_match).toBe(true);
      expect(report.bizenv_vs_pandas).toBeGreaterThan(0);
    },
    120_000,
  );
});
