import {Command} from "commander";
import {resolveAsOf} from "../../asOf.ts";
import {feedStatuses} from "../../ingest/feedStatus.ts";
import {loadContracts} from "../../ingest/loadContracts.ts";
import {refusedFiles, type RefusedFile} from "../../ingest/refusedFiles.ts";
import {openWarehouse} from "../../openWarehouse.ts";
import {colors, printJson, type Io} from "../io.ts";

/** `bizenv status`: what the warehouse holds per feed and how fresh it is. */
export function statusCommand(io: Io): Command {
  return new Command("status")
    .description(
      "per feed: rows, rejected rows, files, last load, the latest data date and its freshness; files still refused",
    )
    .option("--as-of <date>", "judge freshness as of this date (default: the warehouse's as-of, else today)")
    .option("--json", "print the status as JSON")
    .action(async (options: {asOf?: string; json?: boolean}) => {
      const {warehouse, catalog} = await openWarehouse({env: io.env, cwd: io.cwd});
      try {
        const asOf = await resolveAsOf(warehouse, options.asOf, io.env);
        const feeds = await feedStatuses(warehouse, loadContracts(catalog), asOf);
        // Files still refused, by the feed they were recognised as; those of no feed go on an "unrecognised" line.
        const refused = await refusedFiles(warehouse);
        const refusedOf = (feed: string | null) => refused.filter((r) => r.feed === feed);
        const unrecognised = refused.filter((r) => !feeds.some((f) => f.feed === r.feed));
        const asJson = (r: RefusedFile) => ({file: r.file_name, message: r.message, refused_at: r.refused_at});
        if (options.json) {
          printJson(io, {
            as_of: asOf,
            feeds: feeds.map((f) => ({
              feed: f.feed,
              rows: f.rows,
              rejected: f.rejected,
              files: f.files,
              last_loaded_at: f.last_loaded_at,
              data_as_of: f.data_as_of,
              freshness: f.freshness,
              refused_files: f.refused_files,
              synthetic_rows: f.synthetic_rows,
              refused: refusedOf(f.feed).map(asJson),
            })),
            unrecognised: unrecognised.map(asJson),
          });
          return;
        }
        const c = colors(io);
        const paint = {ok: c.green, warn: c.yellow, error: c.red, no_data: c.dim};
        io.stdout(c.bold(`feeds as of ${asOf}`) + "\n");
        for (const f of feeds) {
          io.stdout(
            `  ${f.feed.padEnd(28)} ${paint[f.freshness](f.freshness.padEnd(7))} ${String(f.rows).padStart(10)} rows ${String(f.rejected).padStart(7)} rejected ${String(f.files).padStart(4)} files` +
              `  data to ${f.data_as_of ?? "—"}${f.synthetic_rows ? c.magenta(" SYNTHETIC") : ""}\n`,
          );
          for (const r of refusedOf(f.feed)) io.stdout(`    ${c.red("refused")} ${r.message}\n`);
        }
        if (unrecognised.length > 0) {
          io.stdout(
            `  ${"unrecognised".padEnd(28)} ${c.red(`${unrecognised.length} refused file${unrecognised.length === 1 ? "" : "s"}`)} (refused before a feed was recognised)\n`,
          );
          for (const r of unrecognised) io.stdout(`    ${c.red("refused")} ${r.message}\n`);
        }
      } finally {
        warehouse.close();
      }
    });
}
