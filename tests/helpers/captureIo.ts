import type {Io} from "../../pipeline/cli/io.ts";

/** An `Io` that records what a command writes, for in-process CLI tests (no colour, no terminal). */
export interface CapturedIo extends Io {
  /** Everything written to stdout so far. */
  readonly out: string;
  /** Everything written to stderr so far. */
  readonly err: string;
}

/**
 * Make an `Io` that captures stdout and stderr instead of writing them.
 *
 * @example
 * const io = captureIo();
 * const code = await main(["workdays", "2023-09-28", "2023-10-09", "--json"], io);
 * JSON.parse(io.out); // {from: "2023-09-28", …}
 */
export function captureIo(options: {env?: Record<string, string | undefined>; cwd?: string} = {}): CapturedIo {
  let out = "";
  let err = "";
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    isTTY: false,
    env: {NO_COLOR: "1", ...options.env},
    cwd: options.cwd ?? process.cwd(),
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
