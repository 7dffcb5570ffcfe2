import {mkdirSync} from "node:fs";
import {dirname} from "node:path";
import {DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue} from "@duckdb/node-api";
import {WarehouseError} from "./errors.ts";

const WIDE_INTEGERS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

/** Values bound to `$1`, `$2`, … placeholders. Always bind: never splice values into SQL text. */
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

/**
 * An open DuckDB warehouse: one instance, one connection, and helpers that always bind their values.
 * Close it in a `finally`; DuckDB holds a file lock while it is open, so a second writer is told the
 * warehouse is busy instead of corrupting it.
 */
export class Warehouse {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Open (creating if needed) the warehouse at `path`, or `:memory:`. */
  static async open(path: string, options: {readOnly?: boolean; memoryLimit?: string} = {}): Promise<Warehouse> {
    if (path !== ":memory:" && !options.readOnly) {
      try {
        mkdirSync(dirname(path), {recursive: true});
      } catch (error) {
        throw new WarehouseError(`cannot create the folder for the warehouse ${path}: ${(error as Error).message}`, {
          code: "warehouse_unwritable",
          cause: error,
        });
      }
    }
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = "READ_ONLY";
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (error) {
      throw translateOpenError(path, error);
    }
    const connection = await instance.connect();
    return new Warehouse(path, instance, connection);
  }

  /** Run a statement, binding `params`. */
  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Run a query and return its rows as JSON-safe objects (dates as ISO text, big integers as numbers when safe). */
  async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    const rows = reader.getRowObjectsJson() as Array<Record<string, unknown>>;
    // Counts and sums come back as BIGINT/HUGEINT, which the JSON form spells as text: make them numbers
    // again when they fit exactly in a double (they always do for row counts).
    const wide = reader.columnNames().filter((_, i) => WIDE_INTEGERS.has(reader.columnTypes()[i]!.typeId));
    if (wide.length > 0) {
      for (const row of rows) {
        for (const name of wide) {
          const value = row[name];
          if (typeof value === "string" && Number.isSafeInteger(Number(value))) row[name] = Number(value);
        }
      }
    }
    return rows as T[];
  }

  /** Run `work` inside one transaction: all of it lands, or none of it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run("begin transaction");
    try {
      const result = await work();
      await this.run("commit");
      return result;
    } catch (error) {
      await this.run("rollback").catch(() => {});
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Turn DuckDB's open failures into errors a person can act on. */
function translateOpenError(path: string, error: unknown): WarehouseError {
  const message = error instanceof Error ? error.message : String(error);
  if (/Could not set lock on file/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return new WarehouseError(
      `the warehouse ${path} is busy: another bizenv process${pid ? ` (PID ${pid})` : ""} is writing it`,
      {
        code: "warehouse_busy",
        hint: "wait for that load or score to finish, then run the command again",
        cause: error,
      },
    );
  }
  if (/Permission denied|Read-only file system/i.test(message)) {
    return new WarehouseError(`cannot write the warehouse ${path}: ${message}`, {
      code: "warehouse_unwritable",
      cause: error,
    });
  }
  return new WarehouseError(`cannot open the warehouse ${path}: ${message}`, {cause: error});
}
