import {writeSync} from "node:fs";
import {UsageError} from "./errors.ts";

/**
 * The points where the crash tests stop a bizenv process, by command, in the order each reaches them.
 *
 * `bizenv load` (pipeline/ingest/): `hashing` (the file is being read for its sha256), `reading` (about to stage
 * it), `transcoding` (a GBK or UTF-16 file is half converted: its first chunk, or a thread's, is through), `validating`
 * (inside the load's transaction, the feed's table made and every row typed and checked, the errors not yet listed),
 * `committing` (the archive copy started, no row inserted), `commit` (every row inserted and the load logged, just
 * before COMMIT) and `committed` (just after COMMIT, the warehouse still open).
 *
 * `bizenv score` (pipeline/export/writeExports.ts): `exporting` (half the export files written into the temporary
 * folder `.exports.tmp-<pid>-<ms>`, no manifest yet).
 *
 * `bizenv assess` (pipeline/assess/runAssess.ts): `assessing` (every output, manifest last, written into the
 * temporary folder `.<dir>.tmp-<pid>-<ms>`, nothing renamed; with `--final` still inside the transaction that
 * records the edition) and `assessed` (`--final` only: the edition committed to the warehouse, its folder not yet
 * renamed into place).
 *
 * Both `score` and `assess` (pipeline/replaceFolder.ts): `switching` (the previous folder renamed aside to
 * `.<dir>.old-<pid>-<ms>`, the new one not yet renamed into its place).
 */
const LOAD_FAULT_PHASES = [
  "hashing",
  "reading",
  "transcoding",
  "validating",
  "committing",
  "commit",
  "committed",
] as const;
const FAULT_PHASES = [...LOAD_FAULT_PHASES, "exporting", "assessing", "assessed", "switching"] as const;
type FaultPhase = (typeof FAULT_PHASES)[number];

/** Called by a command at each of its phases; does nothing unless a fault was asked for at that phase. */
export type FaultPoint = (phase: FaultPhase) => void;

/**
 * The fault-injection seam of the crash and concurrency tests, read from `BIZENV_FAULT`:
 * - `<phase>` or `<phase>:kill`: the process sends itself SIGKILL there (exactly what `kill -9` does: no
 *   `finally`, no rollback, no close; DuckDB's file lock is released by the kernel);
 * - `<phase>:stop`: the process sends itself SIGSTOP there and holds the warehouse until it gets SIGCONT, so a test
 *   can start a second load against a warehouse that is provably in use.
 * Either way it first writes one line `bizenv-fault: <phase> <action> pid <pid>` to stderr, synchronously, so the
 * test knows the point was reached. Returns `undefined` when the variable is unset: the seam costs nothing then.
 * A value that names no phase is a usage error rather than a test that silently never fails.
 */
export function faultPointFromEnv(env: Record<string, string | undefined>): FaultPoint | undefined {
  const spec = env.BIZENV_FAULT?.trim();
  if (!spec) return undefined;
  const [phase, action = "kill"] = spec.split(":") as [string, string | undefined];
  if (!(FAULT_PHASES as readonly string[]).includes(phase) || (action !== "kill" && action !== "stop")) {
    throw new UsageError(
      `BIZENV_FAULT=${JSON.stringify(spec)} names no fault; expected <phase>[:kill|:stop] with a phase of ${FAULT_PHASES.join(", ")}`,
    );
  }
  return (reached) => {
    if (reached !== phase) return;
    writeSync(2, `bizenv-fault: ${phase} ${action} pid ${process.pid}\n`);
    process.kill(process.pid, action === "kill" ? "SIGKILL" : "SIGSTOP");
  };
}
