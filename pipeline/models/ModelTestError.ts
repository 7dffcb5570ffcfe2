import {BizenvError} from "../errors.ts";

/** One data test that found offending rows: which model, which test, how many rows, and a few of them. */
export interface FailedTest {
  model: string;
  test: string;
  rows: number;
  sample: Array<Record<string, unknown>>;
}

/**
 * A data test beside a model returned rows: the build is rolled back (the previous marts stay) and `bizenv score`
 * exits 7 naming the model, the test and a sample of the offending rows.
 */
export class ModelTestError extends BizenvError {
  readonly failures: FailedTest[];
  constructor(failures: FailedTest[]) {
    const lines = failures.map(
      (f) =>
        `  ${f.model} › ${f.test}: ${f.rows} offending row${f.rows === 1 ? "" : "s"}, e.g. ${f.sample
          .slice(0, 3)
          .map((r) => JSON.stringify(r))
          .join(" ")}`,
    );
    super(`${failures.length} data test${failures.length === 1 ? "" : "s"} failed:\n${lines.join("\n")}`, {
      exitCode: 7,
      code: "data_test_failed",
      hint: "fix the feed rows shown (or the model), load again, then run bizenv score",
    });
    this.failures = failures;
  }
}

/** A model's SQL failed to run: names the model so the error leads to the file. */
export class ModelBuildError extends BizenvError {
  constructor(model: string, cause: unknown) {
    super(`model ${model} failed to build: ${cause instanceof Error ? cause.message : String(cause)}`, {
      exitCode: 1,
      code: "model_failed",
      cause,
    });
  }
}
