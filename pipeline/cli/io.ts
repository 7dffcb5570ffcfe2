import pc from "picocolors";

type Colors = ReturnType<typeof pc.createColors>;

/**
 * The seam between commands and the outside world: output streams, environment and working directory.
 * Tests pass their own `Io` and read what was written; the binary passes `processIo()`.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (progress bars and colour only then). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
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
