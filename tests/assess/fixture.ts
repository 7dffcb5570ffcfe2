// The assessment tests' shared fixture: the frozen copy of the synthetic exports in tests/fixtures/assess/exports
// (see snapshot.ts there), assessed without a warehouse, with "now" and the code version pinned.
import {createHash} from "node:crypto";
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import Papa from "papaparse";
import {assessPeriod} from "../../pipeline/assess/assessPeriod.ts";
import {buildAssessment} from "../../pipeline/assess/buildAssessment.ts";
import {readAssessmentInputs, type AssessmentInputs} from "../../pipeline/assess/readAssessmentInputs.ts";
import type {ReportMeta} from "../../pipeline/assess/reportTables.ts";
import type {Assessment} from "../../pipeline/assess/types.ts";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {readBenchmarks} from "../../pipeline/scoring/readBenchmarks.ts";
import type {ExportManifest} from "../../pipeline/export/exportsContract.ts";

export const FIXTURE_EXPORTS = fileURLToPath(new URL("../fixtures/assess/exports/", import.meta.url));
export const GOLDEN_DIR = fileURLToPath(new URL("../fixtures/assess/golden/", import.meta.url));

export const catalog = loadCatalog();
const contracts = loadContracts(catalog);
export const benchmarks = readBenchmarks(catalog);

/** The report's volatile facts, pinned: the fixture's export time, a fixed code version and calendar line. */
export const PINNED_META: ReportMeta = {
  edition: null,
  generated_at: "2023-07-01T02:00:00Z",
  code_version: "0.0.0-test",
  calendar: "chinese-days (pinned for tests)",
};

function fixtureInputs(dir: string = FIXTURE_EXPORTS): AssessmentInputs {
  return {...readAssessmentInputs(dir), warehouseLoads: null, warehouseNote: "not read in this test"};
}

export function fixtureAssessment(
  period: {year?: string; quarter?: string},
  dir: string = FIXTURE_EXPORTS,
): Assessment {
  return buildAssessment({catalog, contracts, inputs: fixtureInputs(dir), period: assessPeriod(period), benchmarks});
}

/** CSV rows of an export file as objects of text (for comparing with what the assessment shows). */
export function csvRows(name: string, dir: string = FIXTURE_EXPORTS): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(join(dir, name), "utf8"), {header: true, skipEmptyLines: true})
    .data;
}

/**
 * A writable copy of the fixture exports, with `edit(name, text)` to change a file and keep its manifest entry's
 * sha256 in step (as `bizenv score` would have written it).
 */
export function exportsCopy(): {dir: string; edit: (name: string, change: (text: string) => string) => void} {
  const dir = mkdtempSync(join(tmpdir(), "bizenv-assess-exports-"));
  cpSync(FIXTURE_EXPORTS, dir, {recursive: true});
  return {
    dir,
    edit(name, change) {
      const text = change(readFileSync(join(dir, name), "utf8"));
      writeFileSync(join(dir, name), text);
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as ExportManifest;
      const entry = manifest.files.find((f) => f.name === name)!;
      entry.sha256 = createHash("sha256").update(text).digest("hex");
      entry.bytes = Buffer.byteLength(text);
      writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 1));
    },
  };
}
