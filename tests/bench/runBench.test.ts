import {describe, expect, it} from "vitest";
import {runBench} from "../../pipeline/bench/runBench.ts";
import {PEERS_SKIPPED} from "../../pipeline/bench/peers.ts";

// The harness itself, on a tiny file, so it cannot rot. Its figures are not judged here: speed and memory goals
// are checked by running `bizenv bench` (docs/performance.md), never by timed tests. The page-bytes step (a full site
// build) is skipped here; its measurement is tested on a hand-made site in pageBytes.test.ts.
describe("bizenv bench harness", () => {
  it("measures every figure on a tiny generated file", async () => {
    // No Python here: the peers are reported as skipped, as on a machine without pandas.
    const report = await runBench({
      rows: 300,
      memoryLimit: "512MB",
      pages: false,
      peers: true,
      python: "/nonexistent/python3",
    });
    expect(report.rows).toBe(300);
    expect(report.machine.cores).toBeGreaterThan(0);
    for (const key of [
      "duckdb_read_csv_s",
      "load_s",
      "gbk_load_s",
      "load_vs_duckdb_read_csv",
      "gbk_vs_duckdb_read_csv",
    ] as const) {
      expect(report[key], key).toBeGreaterThan(0);
    }
    // Three alternating runs by default, the figures their medians.
    expect(report.runs).toBe(3);
    for (const [key, values] of Object.entries(report.samples)) {
      expect(values, key).toHaveLength(3);
      const sorted = [...values].sort((a, b) => a - b);
      expect(report[key as keyof typeof report.samples], key).toBeCloseTo(sorted[1]!, 3);
    }
    expect(report.load_peak_rss_mib).toBeGreaterThan(50);
    expect(report.incremental).toMatchObject({months: 30, rows_per_month: 10});
    expect(report.incremental!.full_rebuild_s).toBeGreaterThan(report.incremental!.one_more_month_s);
    expect(report.page_bytes).toBeNull();
    expect(report.site_build_s).toBeNull();
    expect(report.peers).toEqual({skipped: PEERS_SKIPPED});
  }, 180_000);
});
