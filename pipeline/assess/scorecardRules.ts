import {fileURLToPath} from "node:url";
import {z} from "zod";
import {CatalogError} from "../errors.ts";
import {readYamlFile} from "../catalog/readYamlFile.ts";
import type {ScorecardRules} from "./types.ts";

/** The scorecard bizenv ships (pipeline/assess/scorecard.yaml). */
export const DEFAULT_SCORECARD_FILE = fileURLToPath(new URL("./scorecard.yaml", import.meta.url));

const weight = z.number().min(0).max(1);
const credit = z.number().min(0).max(100);

const scorecardFile = z
  .strictObject({
    weights: z.strictObject({tasks: weight, targets: weight, satisfaction: weight, hotline: weight}),
    task_credit: z.strictObject({done_on_time: credit, done_late: credit, overdue: credit}),
    list_size: z.int().positive(),
    reject_rate_warn_pct: z.number().min(0).max(100),
  })
  .refine(
    (s) => Math.abs(s.weights.tasks + s.weights.targets + s.weights.satisfaction + s.weights.hotline - 1) < 1e-9,
    {
      message: "the four weights must add up to 1",
      path: ["weights"],
    },
  );

/**
 * Read and check the unit scorecard's weights and credits. Throws a `CatalogError` (exit 3) naming the file and
 * line of every problem, like the plan catalog does.
 */
export function readScorecardRules(file: string = DEFAULT_SCORECARD_FILE): ScorecardRules {
  const read = readYamlFile(file, scorecardFile);
  if (read.issues.length > 0 || read.data === undefined) throw new CatalogError(read.issues);
  return read.data;
}
