import {Command} from "commander";
import {RefusedFilesError, UsageError} from "../../errors.ts";
import {loadPaths} from "../../ingest/loadFiles.ts";
import type {LoadResult} from "../../ingest/loadFile.ts";
import {formatRejectReason} from "../../ingest/rejectReasons.ts";
import {describeSheets} from "../../ingest/workbookSheets.ts";
import {colors, printJson, type Io} from "../io.ts";
import {loadProgress} from "../loadProgress.ts";

interface LoadOptions {
  feed?: string;
  replace?: boolean;
  json?: boolean;
  wait?: string;
  decimal?: string;
}

/** `bizenv load <file|dir>...`: load feed files into the warehouse, every row accounted for. */
export function loadCommand(io: Io): Command {
  return new Command("load")
    .description(
      "load feed files (CSV in UTF-8 or GBK, XLSX, Parquet, Arrow, JSON lines) or folders such as data/inbox",
    )
    .argument("<paths...>", "files or folders to load")
    .option("--feed <feed>", "name the feed instead of recognising it from the headers")
    .option(
      "--replace",
      "load a corrected version of a file: supersede the last load of the same file name or of the version it corrects",
    )
    .option(
      "--decimal <mark>",
      "the decimal mark of CSV/TSV numbers: point (1,234.5) or comma (1.234,5); default: decided from each file (where it cannot be told, numbers such as 1,500 are rejected); with --replace, a file already loaded is read again with it",
    )
    .option("--wait <seconds>", "when another bizenv process is writing the warehouse, wait up to this long for it")
    .option("--json", "print the result of every file as JSON")
    .addHelpText(
      "after",
      "\nA folder's files of other kinds are named as skipped; legacy .xls/.et workbooks are converted with LibreOffice\n" +
        "(soffice on PATH or $BIZENV_SOFFICE) or refused. A corrected file (same name, or with 修订版, 更正, v2, (1) …)\n" +
        "whose keys are already loaded is refused unless --replace names it the correction.\n" +
        "\nExit codes: 0 every file loaded or was skipped (rejected rows do not fail a load), 4 a file was refused,\n" +
        "5 the warehouse is busy (another load or score is writing it) or cannot be written (nothing of the file kept).\n" +
        "Rejected rows are in the warehouse (table load_rejects) with file, line, column, value, rule and message.",
    )
    .action(async (paths: string[], options: LoadOptions) => {
      const c = colors(io);
      if (options.decimal !== undefined && options.decimal !== "point" && options.decimal !== "comma")
        throw new UsageError(`--decimal takes point or comma, found ${JSON.stringify(options.decimal)}`);
      const waitSeconds = options.wait === undefined ? 0 : Number(options.wait);
      if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > 86_400)
        throw new UsageError(`--wait takes a number of seconds from 0 to 86400, found ${JSON.stringify(options.wait)}`);
      const progress = loadProgress(io, options.json);
      const results = await loadPaths(paths, {
        env: io.env,
        cwd: io.cwd,
        waitSeconds,
        onWait: (message) => io.stderr(`${c.yellow("waiting")} ${message}\n`),
        ...(options.feed === undefined ? {} : {feed: options.feed}),
        ...(options.replace === undefined ? {} : {replace: options.replace}),
        ...(options.decimal === undefined ? {} : {decimal: options.decimal}),
        ...(progress ? {progress: progress.update} : {}),
      }).finally(() => progress?.done());
      if (options.json) {
        printJson(io, {
          files: results.map(
            ({
              file,
              feed,
              sha256,
              status,
              rows_read,
              rows_loaded,
              rows_rejected,
              message,
              replaces,
              reject_reasons,
              footer_lines,
              columns,
              unmatched_headers,
              sheets,
              decimal_mark,
            }) => ({
              file,
              feed,
              sha256,
              status,
              rows_read,
              rows_loaded,
              rows_rejected,
              message,
              ...(replaces === undefined ? {} : {replaces}),
              reject_reasons: reject_reasons ?? [],
              footer_lines: footer_lines ?? [],
              ...(columns ? {columns, unmatched_headers} : {}),
              ...(sheets ? {sheets} : {}),
              ...(decimal_mark ? {decimal_mark} : {}),
            }),
          ),
        });
      } else {
        for (const r of results) {
          io.stdout(formatResult(r, c) + "\n");
          for (const reason of r.reject_reasons ?? []) io.stdout(c.yellow(`  ${formatRejectReason(reason)}`) + "\n");
        }
        const sum = (k: "rows_read" | "rows_loaded" | "rows_rejected") => results.reduce((a, r) => a + r[k], 0);
        const count = (s: LoadResult["status"]) => results.filter((r) => r.status === s).length;
        io.stdout(
          c.dim(
            `${results.length} file${results.length === 1 ? "" : "s"}: ${count("loaded")} loaded, ${count("skipped")} skipped, ${count("refused")} refused · ` +
              `${sum("rows_read").toLocaleString("en")} rows read = ${sum("rows_loaded").toLocaleString("en")} loaded + ${sum("rows_rejected").toLocaleString("en")} rejected\n`,
          ),
        );
      }
      const refused = results.filter((r) => r.status === "refused");
      if (refused.length > 0) {
        throw new RefusedFilesError(
          `${refused.length} file${refused.length === 1 ? " was" : "s were"} refused (${refused.map((r) => r.file).join(", ")}); nothing of ${refused.length === 1 ? "it" : "them"} was loaded`,
          options.json === true,
        );
      }
    });
}

function formatResult(r: LoadResult, c: ReturnType<typeof colors>): string {
  switch (r.status) {
    case "loaded":
      return (
        `${c.green("loaded ")} ${r.file} → ${r.feed}: ${r.rows_read} read = ${r.rows_loaded} loaded + ${r.rows_rejected} rejected${r.rows_rejected ? c.yellow(` (${r.message})`) : ""}` +
        (r.replaces ? `; replaces load ${r.replaces.load_id} (${r.replaces.file})` : "") +
        // Which header fed which column, and the headers not loaded: never a silent choice or a silent drop.
        (r.columns
          ? `\n${c.dim(
              `  columns: ${Object.entries(r.columns)
                .map(([column, header]) => (column === header ? column : `${column} ← ${header}`))
                .join(", ")}`,
            )}`
          : "") +
        (r.unmatched_headers?.length
          ? `\n${c.yellow(`  not loaded (no column of ${r.feed}): ${r.unmatched_headers.join(", ")}`)}`
          : "") +
        // The sheets read and those skipped, the hidden rows left out (XLSX): never a silent drop either.
        (r.sheets && describeSheets(r.sheets) ? `\n${c.dim(`  ${describeSheets(r.sheets)}`)}` : "") +
        // Numbers read with a decimal comma, or not read where the mark cannot be told: said, never silent.
        (r.decimal_mark?.mark === "comma"
          ? `\n${c.yellow(`  numbers read with a decimal comma (1.234,5 = 1234.5), as ${"stated" in r.decimal_mark ? "--decimal comma states" : "the file writes them"}`)}`
          : r.decimal_mark?.mark === "ambiguous"
            ? `\n${c.yellow(`  the decimal mark cannot be told: ${r.decimal_mark.why}; numbers either mark could write (1,500) are rejected; load the file again with --decimal point or --decimal comma and --replace`)}`
            : "")
      );
    case "skipped":
      return `${c.dim("skipped")} ${r.file}: ${r.message}`;
    case "refused":
      return `${c.red("refused")} ${r.message}`;
  }
}
