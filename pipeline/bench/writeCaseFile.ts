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

/**
 * The broken rows `faultEvery` plants, one rule of the start-up contract each (cells in BENCH_HEADER's order), so a
 * load and its peers (pipeline/bench/peers.ts) must find the same rejects: required, unknown area, allowed, range,
 * type, date order, future, too early, and a key repeated from the row before.
 */
const FAULTS: Array<{cell: number; value: (i: number) => string}> = [
  {cell: 1, value: () => ""},
  {cell: 1, value: () => "火星区"},
  {cell: 4, value: () => "fax"},
  {cell: 5, value: () => "0"},
  {cell: 5, value: () => "three"},
  {cell: 6, value: () => "-5"},
  {cell: 3, value: () => "2021-01-01 00:00"},
  {cell: 3, value: () => "2099-01-01 09:00"},
  {cell: 2, value: () => "1999-12-31 09:00"},
  {cell: 0, value: (i) => `SU-${i - 1}`},
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
  options: {
    rows: number;
    firstRow?: number;
    month?: {year: number; month: number};
    encoding?: "utf-8" | "gbk";
    /** Break one row in this many (the last of each run), cycling through FAULTS; none when absent. */
    faultEvery?: number;
  },
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
    const row = [
      `SU-${i}`,
      AREAS[i % AREAS.length]!,
      stamp(applied),
      stamp(completed),
      i % 3 ? "online" : "window",
      String(1 + (i % 5)),
      i % 7 === 0 ? "50" : "0",
      "true",
    ];
    const every = options.faultEvery;
    if (every && k % every === every - 1) {
      const fault = FAULTS[Math.floor(k / every) % FAULTS.length]!;
      row[fault.cell] = fault.value(i);
    }
    buffer.push(row.join(","));
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
