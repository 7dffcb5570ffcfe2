import type {Io} from "../io.ts";

/** Where each phase of a load starts, in percent of the file: rough shares of a large CSV's time (hash, read, check). */
const PHASE_PERCENT: Record<string, number> = {
  starting: 0,
  hashing: 2,
  reading: 20,
  "transcoding GBK and reading": 20,
  validating: 50,
  committing: 85,
};

/** A file is shown only once it has taken this long: quick files would only flicker. */
const PROGRESS_AFTER_MS = 1000;
const BAR_WIDTH = 20;

export interface LoadProgressEvent {
  file: string;
  index: number;
  total: number;
  phase: string;
  rows?: number;
}

/**
 * `bizenv load`'s progress bar on stderr: per file, its place in the batch, a bar and percent by phase, and its rows
 * once read. Only on a terminal (stdout and stderr both; never with --json) and only for a file that has taken more
 * than a second, redrawn in place each quarter second. Returns undefined when it must not show; `done` clears it.
 */
export function loadProgress(
  io: Io,
  json: boolean | undefined,
  clock: () => number = Date.now,
): {update: (e: LoadProgressEvent) => void; done: () => void} | undefined {
  if (json || !io.isTTY || !io.stderrIsTTY) return undefined;
  let current: LoadProgressEvent | undefined;
  let fileStarted = 0;
  let shown = false;
  const draw = () => {
    if (!current || clock() - fileStarted < PROGRESS_AFTER_MS) return;
    shown = true;
    io.stderr(`\r\x1b[K${formatLoadProgress(current)}`);
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    update(e) {
      if (!current || current.index !== e.index) fileStarted = clock();
      current = {...e, rows: e.rows ?? (current?.index === e.index ? current.rows : undefined)};
      draw();
    },
    done() {
      clearInterval(timer);
      if (shown) io.stderr("\r\x1b[K");
    },
  };
}

/**
 * One line of the bar.
 *
 * @example formatLoadProgress({file: "a.csv", index: 0, total: 2, phase: "validating", rows: 1200})
 * // "[1/2] a.csv ██████████░░░░░░░░░░  50 % validating 1,200 rows"
 */
export function formatLoadProgress(e: LoadProgressEvent): string {
  const percent = PHASE_PERCENT[e.phase] ?? 0;
  const filled = Math.round((percent / 100) * BAR_WIDTH);
  const bar = "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
  const rows = e.rows === undefined ? "" : ` ${e.rows.toLocaleString("en")} rows`;
  return `[${e.index + 1}/${e.total}] ${e.file} ${bar} ${String(percent).padStart(3)} % ${e.phase}${rows}`;
}
