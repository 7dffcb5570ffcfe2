import pc from "picocolors";
import type {Io} from "../io.ts";

type Colors = ReturnType<typeof pc.createColors>;

export type {Io} from "../io.ts";

/** The binary's `Io`: the process's own streams, environment and working directory. */
export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour helpers that switch off when output is not a terminal or NO_COLOR is set. */
export function colors(io: Io): Colors {
  const enabled = io.isTTY && !io.env.NO_COLOR;
  return pc.createColors(enabled);
}

/** Print a value as pretty JSON followed by a newline. */
export function printJson(io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + "\n");
}
