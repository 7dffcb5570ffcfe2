import type {AssessmentInputs} from "./readAssessmentInputs.ts";
import type {Assessment, Lang} from "./types.ts";
import type {EditionFile} from "./editionStore.ts";

/** manifest.json of an assessment folder (docs/assessment.md): what it covers, what it was made from, what it holds. */
export interface AssessmentManifest {
  kind: "bizenv-assessment";
  scope: string;
  period_kind: "year" | "quarter";
  year: number;
  quarter: number | null;
  period_start: string;
  period_end: string;
  /** The edition number when frozen with --final, else null (a draft). */
  edition: number | null;
  final: boolean;
  lang: Lang;
  generated_at: string;
  as_of: string;
  evaluated_at: string;
  synthetic: boolean;
  code_version: string;
  catalog_version: string;
  catalog_sha256: string;
  /** The calendar the exports were scored with, and the one this code carries. */
  calendar: {exports: string; code: string};
  scorecard_sha256: string;
  inputs: {
    exports_dir: string;
    exports_generated_at: string;
    export_files: Array<{name: string; bytes: number; sha256: string}>;
    /** The feed files behind the exports (their manifest's `loads`), with their sha256. */
    source_files: Array<{load_id: number; feed: string; file_name: string; sha256: string}>;
  };
  /** sha256 of the figures JSON (what --final stores in the warehouse). */
  figures_sha256: string;
  /** Every other file of the folder. manifest.json is written last; its own hash is in the warehouse for editions. */
  outputs: EditionFile[];
}

export function assessmentManifest(args: {
  assessment: Assessment;
  inputs: Pick<AssessmentInputs, "exportsDir" | "exportFiles" | "manifest">;
  edition: number | null;
  lang: Lang;
  generatedAt: string;
  codeVersion: string;
  calendarCode: string;
  scorecardSha256: string;
  figuresSha256: string;
  outputs: EditionFile[];
}): AssessmentManifest {
  const a = args.assessment;
  return {
    kind: "bizenv-assessment",
    scope: a.period.id,
    period_kind: a.period.kind,
    year: a.period.year,
    quarter: a.period.quarter,
    period_start: a.period.start,
    period_end: a.period.end,
    edition: args.edition,
    final: args.edition !== null,
    lang: args.lang,
    generated_at: args.generatedAt,
    as_of: a.as_of,
    evaluated_at: a.evaluated_at,
    synthetic: a.synthetic,
    code_version: args.codeVersion,
    catalog_version: a.catalog_version,
    catalog_sha256: a.catalog_sha256,
    calendar: {exports: a.calendar, code: args.calendarCode},
    scorecard_sha256: args.scorecardSha256,
    inputs: {
      exports_dir: args.inputs.exportsDir,
      exports_generated_at: args.inputs.manifest.generated_at,
      export_files: args.inputs.exportFiles,
      source_files: args.inputs.manifest.loads.map((l) => ({
        load_id: l.load_id,
        feed: l.feed,
        file_name: l.file_name,
        sha256: l.sha256,
      })),
    },
    figures_sha256: args.figuresSha256,
    outputs: args.outputs,
  };
}
