/**
 * The named errors of bizenv. Every command throws one of these; the single top-level handler in
 * `pipeline/cli/main.ts` prints its message and exits with its code. Anything else is a bug (exit 1).
 *
 * Exit codes (stable, documented in the README):
 *   0 success · 1 unexpected internal error · 2 usage · 3 catalog or contract invalid ·
 *   4 input file refused · 5 warehouse error (busy, newer schema, unwritable) · 6 data missing ·
 *   7 a data test beside a model failed (pipeline/models/ModelTestError.ts)
 */
export class BizenvError extends Error {
  /** Process exit code for this kind of failure. */
  readonly exitCode: number;
  /** Stable machine-readable name, printed in `--json` error output. */
  readonly code: string;
  /** Optional next step for the person reading the message. */
  readonly hint: string | undefined;
  /** The command already told the user (e.g. per file in its JSON); the handler only sets the exit code. */
  readonly reported: boolean;

  constructor(
    message: string,
    options: {exitCode: number; code: string; hint?: string; cause?: unknown; reported?: boolean},
  ) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause});
    this.name = new.target.name;
    this.exitCode = options.exitCode;
    this.code = options.code;
    this.hint = options.hint;
    this.reported = options.reported ?? false;
  }
}

/** The command line itself is wrong: unknown option, missing argument, bad value. */
export class UsageError extends BizenvError {
  constructor(message: string, hint?: string) {
    super(message, {exitCode: 2, code: "usage", ...(hint === undefined ? {} : {hint})});
  }
}

/** One problem found in a catalog or contract file, located as precisely as we can. */
export interface Issue {
  /** File the problem is in, relative to the project root where possible. */
  file: string;
  /** Path inside the document, e.g. `tasks[12].units[0]`. */
  path: string;
  message: string;
}

/** The plan catalog (or a feed contract) does not validate. Carries every issue found, not just the first. */
export class CatalogError extends BizenvError {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    const lines = issues.slice(0, 50).map((i) => `  ${i.file}: ${i.path}: ${i.message}`);
    const more = issues.length > 50 ? [`  … and ${issues.length - 50} more`] : [];
    super(
      `the catalog is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${[...lines, ...more].join("\n")}`,
      {
        exitCode: 3,
        code: "catalog_invalid",
      },
    );
    this.issues = issues;
  }
}

/** An input file cannot be read as the feed it claims to be; it is refused whole. */
export class FeedError extends BizenvError {
  readonly file: string;
  constructor(file: string, message: string, hint?: string) {
    super(`${file}: ${message}`, {exitCode: 4, code: "file_refused", ...(hint === undefined ? {} : {hint})});
    this.file = file;
  }
}

/** One or more files of a load were refused (each is reported with its reason by the load itself). */
export class RefusedFilesError extends BizenvError {
  constructor(message: string, reported: boolean) {
    super(message, {exitCode: 4, code: "files_refused", reported});
  }
}

/** The warehouse cannot be opened or written: busy, made by a newer bizenv, unwritable, disk full. */
export class WarehouseError extends BizenvError {
  constructor(message: string, options: {code?: string; hint?: string; cause?: unknown} = {}) {
    super(message, {exitCode: 5, code: options.code ?? "warehouse", hint: options.hint, cause: options.cause});
  }
}

/** Something the command needs has not been produced yet (no warehouse, no scored marts). */
export class MissingDataError extends BizenvError {
  constructor(message: string, hint?: string) {
    super(message, {exitCode: 6, code: "missing_data", ...(hint === undefined ? {} : {hint})});
  }
}
