import type {ExportRow} from "../../pipeline/export/exportsContract.ts";

/**
 * National references drawn as lines, most specific first: the national best (the national evaluation's 标杆值,
 * else the best peer city) and the advanced level (全国先进 / the excellent threshold, 先进值). Doing Business
 * values are not drawn: their units and case definitions differ from the metric's (national.csv keeps them).
 */
const REFERENCE_LINES = {
  best: ["national_best", "national_best_practice", "best_peer"],
  advanced: ["national_advanced", "excellent_threshold"],
} as const;

export interface ReferenceLine {
  kind: "best" | "advanced";
  reference: string;
  value: number;
  year: number;
  source: string;
}

/** For each kind, the first reference name of REFERENCE_LINES with a value, in the latest year that has one. */
export function referenceLines(national: ExportRow<"national.csv">[], metric: string): ReferenceLine[] {
  const lines: ReferenceLine[] = [];
  for (const kind of ["best", "advanced"] as const) {
    for (const name of REFERENCE_LINES[kind]) {
      const row = national
        .filter((n) => n.metric_id === metric && n.reference === name && n.reference_value !== null)
        .sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0];
      if (row) {
        lines.push({kind, reference: name, value: row.reference_value!, year: row.year ?? 0, source: row.source ?? ""});
        break;
      }
    }
  }
  return lines;
}
