import {Command} from "commander";
import {openWarehouse} from "../../openWarehouse.ts";
import {colors, printJson, type Io} from "../io.ts";

/** `bizenv init`: create or upgrade the warehouse and load the plan catalog into it. */
export function initCommand(io: Io): Command {
  return new Command("init")
    .description("create or upgrade the warehouse ($BIZENV_DB or data/warehouse.duckdb) and load the plan catalog")
    .option("--json", "print what was done as JSON")
    .action(async (options: {json?: boolean}) => {
      const {warehouse, catalog, report} = await openWarehouse({env: io.env, cwd: io.cwd});
      warehouse.close();
      if (options.json) {
        printJson(io, {
          warehouse: report.path,
          schema_version: report.schemaVersion,
          migrations_applied: report.migrationsApplied,
          catalog: {plan: catalog.plan.id, version: catalog.plan.catalog_version, sha256: catalog.sha256},
          catalog_synced: report.catalogSynced,
        });
        return;
      }
      const c = colors(io);
      io.stdout(
        `${c.green("ok")} warehouse ${report.path} at schema ${report.schemaVersion}` +
          (report.migrationsApplied.length ? ` (applied ${report.migrationsApplied.join(", ")})` : " (up to date)") +
          `\n   catalog ${catalog.plan.id} ${catalog.plan.catalog_version} ${report.catalogSynced ? "loaded" : "already loaded"}\n`,
      );
    });
}
