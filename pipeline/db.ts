import {accessSync, constants, existsSync, mkdirSync, statSync} from "node:fs";
import {dirname} from "node:path";
import {DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue} from "@duckdb/node-api";
import {WarehouseError} from "./errors.ts";

/**
 * `BIZENV_TRACE_SQL=1` prints every statement's wall time to stderr (statements over 10 ms), for profiling a
 * load or a score: `docs/performance.md` says where the time goes from this. `BIZENV_TRACE_SQL=full` prints each
 * statement whole, to run it again by hand (in the DuckDB shell or `EXPLAIN ANALYZE`). Each line ends with when the
 * statement ended, in ms since the process started (`@ 1234`), so the gaps between statements (JavaScript's own
 * work) show too. `BIZENV_TRACE_MIN=0` lowers the 10 ms threshold, to see every statement.
 */
const TRACE = process.env.BIZENV_TRACE_SQL === "1" || process.env.BIZENV_TRACE_SQL === "full";
const TRACE_WIDTH = process.env.BIZENV_TRACE_SQL === "full" ? Infinity : 110;
function trace(sql: string, start: number): void {
  const ms = performance.now() - start;
  if (ms >= Number(process.env.BIZENV_TRACE_MIN ?? 10))
    process.stderr.write(
      `sql ${ms.toFixed(0).padStart(7)} ms @${performance.now().toFixed(0).padStart(6)}  ${sql.replace(/\s+/g, " ").slice(0, TRACE_WIDTH)}\n`,
    );
}

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

  /**
   * Open (creating if needed) the warehouse at `path`, or `:memory:`. For writing, the folder and the files DuckDB
   * writes (the database and its write-ahead log) must be writable first: a read-only folder would otherwise open
   * fine and fail only at the first COMMIT. Throws `WarehouseError` (`warehouse_busy`, `warehouse_unwritable`).
   */
  static async open(path: string, options: {readOnly?: boolean; memoryLimit?: string} = {}): Promise<Warehouse> {
    if (path !== ":memory:" && !options.readOnly) assertWritable(path);
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
    const start = TRACE ? performance.now() : 0;
    try {
      await this.connection.run(sql, params);
    } catch (error) {
      throw this.translate(error);
    } finally {
      if (TRACE) trace(sql, start);
    }
  }

  /** Run a query and return its rows as JSON-safe objects (dates as ISO text, big integers as numbers when safe). */
  async all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    let reader;
    const start = TRACE ? performance.now() : 0;
    try {
      reader = await this.connection.runAndReadAll(sql, params);
    } catch (error) {
      throw this.translate(error);
    } finally {
      if (TRACE) trace(sql, start);
    }
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

  /**
   * A failure to write this warehouse's own files (disk full, file too large, permission lost, a database DuckDB
   * invalidated after such a failure) becomes a `WarehouseError`; anything else, e.g. an input file DuckDB could not
   * read, passes through unchanged.
   */
  private translate(error: unknown): unknown {
    const message = error instanceof Error ? error.message : String(error);
    const ours = this.path !== ":memory:" && message.includes(this.path);
    const storage =
      (ours || /^TransactionContext Error: Failed to commit/.test(message)) && STORAGE_FAILURE.test(message);
    if (!storage) {
      if (!/database has been invalidated|FATAL Error/i.test(message)) return error;
      return new WarehouseError(
        `the warehouse ${this.path} stopped after an earlier failure: ${message.split("\n")[0]}`,
        {
          code: "warehouse_invalidated",
          hint: "run the command again; nothing of the interrupted work was kept",
          cause: error,
        },
      );
    }
    const full = /No space left|File too large|disk is full|quota/i.test(message);
    return new WarehouseError(`cannot write the warehouse ${this.path}: ${message.split("\n")[0]}`, {
      code: full ? "disk_full" : "warehouse_unwritable",
      hint: full
        ? "free disk space; nothing of the interrupted work was kept, so run the command again afterwards"
        : "make the warehouse and its folder writable; nothing of the interrupted work was kept",
      cause: error,
    });
  }
}

/** DuckDB's words for a file it could not write. */
const STORAGE_FAILURE =
  /No space left|File too large|disk is full|quota|Permission denied|Operation not permitted|Read-only file system|Could not write|Cannot open file|Could not truncate|Could not fsync/i;

/**
 * Refuse early, with the reason, a warehouse whose folder or files cannot be written. Works for root too:
 * `access(2)` reports read-only mounts and immutable (`chattr +i`) files and folders even to root, which bypasses
 * only permission bits.
 */
function assertWritable(path: string): void {
  const folder = dirname(path);
  const unwritable = (what: string, error: unknown) =>
    new WarehouseError(
      `cannot write the warehouse ${path}: ${what} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      {
        code: "warehouse_unwritable",
        hint: "make it writable, or point BIZENV_DB at a writable place",
        cause: error,
      },
    );
  for (let up = folder; ; up = dirname(up)) {
    if (existsSync(up)) {
      if (!statSync(up).isDirectory()) throw unwritable(`${up} is a file, not a folder`, {code: "ENOTDIR"});
      break;
    }
    if (dirname(up) === up) break;
  }
  try {
    mkdirSync(folder, {recursive: true});
  } catch (error) {
    throw unwritable(`cannot create its folder ${folder}`, error);
  }
  for (const file of [folder, path, `${path}.wal`]) {
    if (file !== folder && !existsSync(file)) continue;
    if (file === path && statSync(file).isDirectory())
      throw unwritable(`${path} is a folder, not a file`, {code: "EISDIR"});
    try {
      accessSync(file, constants.W_OK);
    } catch (error) {
      throw unwritable(file === folder ? `its folder ${folder} is not writable` : `${file} is not writable`, error);
    }
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
  if (/Permission denied|Read-only file system|Operation not permitted/i.test(message)) {
    return new WarehouseError(`cannot write the warehouse ${path}: ${message}`, {
      code: "warehouse_unwritable",
      cause: error,
    });
  }
  return new WarehouseError(`cannot open the warehouse ${path}: ${message}`, {cause: error});
}
