import {BAD_ROW_RULES, type BadRule} from "./badRows.ts";
import type {DemoManifest} from "./manifest.ts";

/**
 * The `README.txt` written next to the demo files: that everything is SYNTHETIC, how to reproduce it, the list of
 * files that differ from plain CSV, and the bad rows by rule. Plain text, deterministic (no clock).
 */
export function readmeText(m: DemoManifest): string {
  const g = m.generator;
  const lines: string[] = [
    "SYNTHETIC DATA — 模拟数据 — NOT REAL CASES",
    "=".repeat(60),
    "",
    m.notice,
    "",
    `Reproduce: ${g.command}`,
    `Settings: seed ${g.seed}, scale ${g.scale}, months ${g.first_month} to ${g.as_of}, bad-row rate ${g.bad_row_rate}.`,
    `Plan catalog: ${m.catalog.plan} ${m.catalog.catalog_version} (${m.catalog.catalog_sha256.slice(0, 12)}).`,
    `Working calendar: ${m.calendar}. Office hours: ${m.office_hours}.`,
    "",
    `Totals: ${m.totals.files} files, ${m.totals.rows} rows, ${m.totals.bad_rows} deliberately bad rows, ${m.totals.bytes} bytes.`,
    "Every row carries the column `synthetic` (Chinese header 模拟数据) set to true (是).",
    "",
    "FEEDS",
    ...m.feeds.map(
      (f) =>
        `  ${f.feed.padEnd(28)} ${String(f.files).padStart(3)} files ${String(f.rows).padStart(9)} rows ` +
        `${String(f.bad_rows).padStart(6)} bad   ${f.model}`,
    ),
    "",
    "FILES THAT DIFFER FROM PLAIN UTF-8 CSV (deliberate, as offices send them)",
    ...m.files
      .filter((f) => f.variety !== null)
      .map((f) => `  ${f.file}\n      ${f.variety} (header on line ${f.header_line})`),
    "",
    "DELIBERATELY BAD ROWS (each breaks exactly one rule and must be rejected; counts per file in manifest.json)",
    ...(Object.keys(BAD_ROW_RULES) as BadRule[]).map((rule) => {
      const count = m.files.reduce((sum, f) => sum + (f.bad_rows_by_rule[rule] ?? 0), 0);
      return `  ${rule.padEnd(32)} ${String(count).padStart(6)}  ${BAD_ROW_RULES[rule]}`;
    }),
    "  Re-sent rows are rejected only when the earlier file is loaded first (files load in name order).",
    "",
    "WHAT THE SYNTHETIC CITY SHOWS",
    ...m.story.map((s) => `  - ${s}`),
    "",
  ];
  return lines.join("\n");
}
