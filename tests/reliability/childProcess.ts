import {spawn, type ChildProcess} from "node:child_process";
import {join} from "node:path";

/** The `bizenv` binary of this checkout. */
const BIZENV = join(import.meta.dirname, "..", "..", "bin", "bizenv.mjs");

/** A `bizenv` child process and what it wrote, for crash and concurrency tests. */
export interface Child {
  process: ChildProcess;
  /** Resolves when it has exited: exit code (null when a signal ended it) and the signal. */
  done: Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}>;
  /** Resolves once its stderr contains `text`. */
  waitFor(text: string): Promise<void>;
  readonly stderr: string;
}

/**
 * Start `bizenv <args>` in its own process with `env` added to this one's (no colour). `wrap` runs it through
 * bash first (e.g. `ulimit -f 1000`), for limits only a shell can set.
 */
export function bizenv(args: string[], env: Record<string, string>, options: {wrap?: string} = {}): Child {
  const fullEnv = {...process.env, NO_COLOR: "1", ...env};
  const child = options.wrap
    ? spawn("bash", ["-c", `${options.wrap}; exec "$0" "$@"`, process.execPath, BIZENV, ...args], {env: fullEnv})
    : spawn(process.execPath, [BIZENV, ...args], {env: fullEnv});
  let stdout = "";
  let stderr = "";
  const waiters: Array<{text: string; resolve: () => void}> = [];
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    for (const w of waiters.splice(0)) {
      if (stderr.includes(w.text)) w.resolve();
      else waiters.push(w);
    }
  });
  const done = new Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}>(
    (resolve) => child.on("close", (code, signal) => resolve({code, signal, stdout, stderr})),
  );
  return {
    process: child,
    done,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stderr.includes(text)) return resolve();
        waiters.push({text, resolve});
        void done.then(() =>
          stderr.includes(text) ? resolve() : reject(new Error(`exited before "${text}":\n${stderr}`)),
        );
      }),
    get stderr() {
      return stderr;
    },
  };
}
