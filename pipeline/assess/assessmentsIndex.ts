import {isAbsolute, relative} from "node:path";
import type {EditionRow} from "./editionStore.ts";

/** `assessments.json` in the exports folder: the frozen editions the dashboards list with their downloads. */
export interface AssessmentsIndex {
  generated_at: string;
  editions: Array<{
    edition: number;
    scope: string;
    period_kind: "year" | "quarter";
    year: number;
    quarter: number | null;
    lang: string;
    created_at: string;
    as_of: string;
    synthetic: boolean;
    code_version: string;
    /** The edition's folder: relative to the project root when inside it, else absolute. */
    dir: string;
    files: Array<{name: string; kind: string; path: string; bytes: number; sha256: string}>;
  }>;
}

/**
 * The index of editions, newest first. Paths are relative to `root` (the project, where the dashboards build)
 * when the edition's folder is inside it, so the site can copy the files into its downloads.
 */
export function assessmentsIndex(editions: EditionRow[], root: string, generatedAt: string): AssessmentsIndex {
  const shown = (dir: string) => {
    const rel = relative(root, dir);
    return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : dir;
  };
  return {
    generated_at: generatedAt,
    editions: [...editions]
      .sort((a, b) => b.edition - a.edition)
      .map((e) => ({
        edition: e.edition,
        scope: e.scope,
        period_kind: e.period_kind,
        year: e.year,
        quarter: e.quarter,
        lang: e.lang,
        created_at: e.created_at,
        as_of: e.as_of,
        synthetic: e.is_synthetic,
        code_version: e.code_version,
        dir: shown(e.out_dir),
        files: e.files.map((f) => ({...f, path: `${shown(e.out_dir)}/${f.name}`})),
      })),
  };
}
