/**
 * The seam between commands and the outside world: output streams, environment and working directory.
 * Tests pass their own `Io` and read what was written; the binary passes `processIo()` (cli/io.ts). It lives
 * here, below cli/, so that modules a command drives (assess/) take it without importing the CLI.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (progress bars and colour only then). */
  isTTY: boolean;
  /** Whether stderr is a terminal too: a progress bar redrawn in place needs both (absent: taken as no). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}
