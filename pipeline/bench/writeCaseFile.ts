import {createWriteStream} from "node:fs";
import {once} from "node:events";
import iconv from "iconv-lite";

/** The header the benchmark's case files carry: the start-up feed's contract columns. */
const BENCH_HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan,synthetic";
const AREAS = [
  "城东区",
  "城中区",
  "城西区",
  "城北区",
  "湟中区",
  "大通县",
  "湟源县",
  "东川园区",
  "南川园区",
  "生物园区",
];

/** `YYYY-MM-DD HH:MM` of a UTC epoch in milliseconds (the benchmark's times are wall-clock, no zone). */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * Write `rows` synthetic start-up cases (deterministic: row i is always the same) to `path`, spread over the
 * months from `firstMonth` on, `rowsPerMonth` each (the last month takes the rest), in UTF-8 or GBK, streamed
 * in 1 MiB chunks so 10 M rows never sit in memory. Returns the bytes written.
 */
export async function writeCaseFile(
  path: string,
  options: {rows: number; firstRow?: number; month?: {year: number; month: number}; encoding?: "utf-8" | "gbk"},
): Promise<number> {
  const out = createWriteStream(path);
  const encode = (text: string) => (options.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8"));
  let bytes = 0;
  const write = async (text: string) => {
    const chunk = encode(text);
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  };
  await write(BENCH_HEADER + "\n");
  const first = options.firstRow ?? 0;
  let buffer: string[] = [];
  for (let k = 0; k < options.rows; k++) {
    const i = first + k;
    // Applications on workday mornings and afternoons of the month (or spread over 2021–2023), 1–49 h later done.
    const base = options.month
      ? Date.UTC(options.month.year, options.month.month - 1, 1 + (i % 28))
      : Date.UTC(2021, 0, 1) + (i % 900) * 86_400_000;
    const applied = base + 9 * 3_600_000 + (i % 480) * 60_000;
    const completed = applied + (1 + (i % 49)) * 3_600_000;
    buffer.push(
      `SU-${i},${AREAS[i % AREAS.length]},${stamp(applied)},${stamp(completed)},${i % 3 ? "online" : "window"},${1 + (i % 5)},${i % 7 === 0 ? 50 : 0},true`,
    );
    if (buffer.length === 10_000) {
      await write(buffer.join("\n") + "\n");
      buffer = [];
    }
  }
  if (buffer.length) await write(buffer.join("\n") + "\n");
  out.end();
  await once(out, "finish");
  return bytes;
}
