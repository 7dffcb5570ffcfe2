import {Command} from "commander";
import {resolveAsOf} from "../../asOf.ts";
import {feedStatuses} from "../../ingest/feedStatus.ts";
import {loadContracts} from "../../ingest/loadContracts.ts";
import {openWarehouse} from "../../openWarehouse.ts";
import {colors, printJson, type Io} from "../io.ts";

/** `bizenv status`: what the warehouse holds per feed and how fresh it is. */
export function statusCommand(io: Io): Command {
  return new Command("status")
    .description("per feed: rows, rejected rows, files, last load, the latest data date and its freshness")
    .option("--as-of <date>", "judge freshness as of this date (default: the warehouse's as-of, else today)")
    .option("--json", "print the status as JSON")
    .action(async (options: {asOf?: string; json?: boolean}) => {
      const {warehouse, catalog} = await openWarehouse({env: io.env, cwd: io.cwd});
      try {
        const asOf = await resolveAsOf(warehouse, options.asOf, io.env);
        const feeds = await feedStatuses(warehouse, loadContracts(catalog), asOf);
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
            })),
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
        }
      } finally {
        warehouse.close();
      }
    });
}
