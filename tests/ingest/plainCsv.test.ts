import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DuckDBInstance} from "@duckdb/node-api";
import {cellsTrimmed, scanPlainCsv} from "../../pipeline/ingest/plainCsv.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/**
 * The loader's fast path: a plain file (one record per line) is read by DuckDB straight from the file, each row's
 * line its position plus one; anything else is numbered record by record. Both must put every row and every
 * rejection on the same line, so the same files are loaded here with and without the features that force the slow
 * path, and the lines compared.
 */

const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const row = (id: string, area = "城东区", procedures = "2") =>
  `${id},${area},2022-03-01 09:30,2022-03-01 15:00,online,${procedures},0`;

let wh: TempWarehouse;
beforeAll(() => {
  wh = tempWarehouse();
});
afterAll(() => wh.remove());

function write(name: string, text: string): string {
  const path = join(wh.dir, name);
  writeFileSync(path, text);
  return path;
}

describe("scanPlainCsv", () => {
  const scan = (text: string, delimiter = ",") => scanPlainCsv(write("scan.csv", text), delimiter);

  it("counts the data lines of a plain file, LF or CRLF, with or without a final line end", async () => {
    expect(await scan(`${HEADER}\n${row("A")}\n${row("B")}\n`)).toEqual({plain: true, records: 2});
    expect(await scan(`${HEADER}\r\n${row("A")}\r\n${row("B")}`)).toEqual({plain: true, records: 2});
    expect(await scan(`${HEADER}\n`)).toEqual({plain: true, records: 0});
    expect(await scan(`${HEADER}`)).toEqual({plain: true, records: 0});
  });

  it("is not plain with a quote, an empty line, a lone CR or a line starting with the delimiter", async () => {
    for (const text of [
      `${HEADER}\n"A",城东区\n`,
      `${HEADER}\n${row("A")}\n\n${row("B")}\n`,
      `${HEADER}\r\n${row("A")}\r\n\r\n${row("B")}\r\n`,
      `${HEADER}\r${row("A")}\r`,
      `${HEADER}\n${row("A")}\n,,,,,,\n`,
      `${HEADER}\n${row("A")}\n\n`,
    ])
      expect(await scan(text), JSON.stringify(text)).toEqual({plain: false});
  });

  it("sees an empty line cut by the 1 MiB chunk boundary", async () => {
    // ASCII only, so characters are bytes: the line end is the chunk's last byte, the empty line the next one's first.
    const head = `${HEADER}\n`;
    const text = head + "x".repeat((1 << 20) - 1 - head.length) + "\n" + "\n" + row("Z") + "\n";
    expect(text.indexOf("\n\n")).toBe((1 << 20) - 1);
    expect(await scan(text)).toEqual({plain: false});
  });
});

describe("the fast path and the numbered path agree on every line", () => {
  /** Load a file and return its rows' lines by key and its rejects as [line, column, rule]. */
  async function load(name: string, text: string) {
    const [result] = await wh.load([write(name, text)]);
    expect(result!.status, result!.message).toBe("loaded");
    const rows = await wh.query<{case_id: string; line: number}>(
      "select case_id, _line::integer as line from feed_startup_cases where _load_id = $1 order by _line",
      [result!.load_id],
    );
    const rejects = await wh.query<{line: number; column_name: string; rule: string}>(
      "select line::integer as line, column_name, rule from load_rejects where load_id = $1 order by line, rule",
      [result!.load_id],
    );
    return {
      result: result!,
      rows: Object.fromEntries(rows.map((r) => [r.case_id, r.line])),
      rejects: rejects.map((r) => [r.line, r.column_name, r.rule]),
    };
  }

  it("puts rows and rule rejections on their lines in a plain file (read straight by DuckDB)", async () => {
    const lines = [HEADER, row("P-1"), row("P-2", "火星区"), row("P-3", "城中区", "x"), row("P-4"), row("P-1")];
    const plain = await load("plain.csv", lines.join("\n") + "\n");
    expect(plain.rows).toEqual({"P-1": 2, "P-4": 5});
    expect(plain.rejects).toEqual([
      [3, "area", "unknown_area"],
      [4, "procedures", "type"],
      [6, "case_id", "duplicate_key"],
    ]);
    expect(plain.result).toMatchObject({rows_read: 5, rows_loaded: 2, rows_rejected: 3});

    // The same rows with a quoted field and a blank line: numbered record by record, same answers shifted by one.
    const quoted = [HEADER, `"Q-1",城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,0`, ""];
    const numbered = await load(
      "numbered.csv",
      [...quoted, row("Q-2", "火星区"), row("Q-3", "城中区", "x"), row("Q-4"), row("Q-1")].join("\n") + "\n",
    );
    expect(numbered.rows).toEqual({"Q-1": 2, "Q-4": 6});
    expect(numbered.rejects).toEqual([
      [4, "area", "unknown_area"],
      [5, "procedures", "type"],
      [7, "case_id", "duplicate_key"],
    ]);
  });

  it("falls back to numbering when a plain-looking line has too few or too many fields", async () => {
    const text = [HEADER, row("S-1"), "S-2,城东区,2022-03-01 09:30", row("S-3"), `${row("S-4")},extra`].join("\n");
    const loaded = await load("short.csv", text + "\n");
    expect(loaded.rows).toEqual({"S-1": 2, "S-3": 4});
    expect(loaded.rejects.map((r) => [r[0], r[2]])).toEqual([
      [3, "malformed"],
      [5, "malformed"],
    ]);
  });

  it("reads a tab-delimited plain file and a CRLF one on the fast path with the same lines", async () => {
    const tab = await load(
      "tab.tsv",
      [HEADER, row("T-1"), row("T-2", "火星区")].map((l) => l.replaceAll(",", "\t")).join("\n"),
    );
    expect(tab.rows).toEqual({"T-1": 2});
    expect(tab.rejects).toEqual([[3, "area", "unknown_area"]]);
    const crlf = await load("crlf.csv", [HEADER, row("C-1", "火星区"), row("C-2")].join("\r\n") + "\r\n");
    expect(crlf.rows).toEqual({"C-2": 3});
    expect(crlf.rejects).toEqual([[2, "area", "unknown_area"]]);
  });
});

describe("a plain file checked as DuckDB reads it, numbered by position", () => {
  it("puts every row and rejection of a file read in parallel on its line, with the cells of each broken row", async () => {
    // About 25 MB: DuckDB's reader splits it between threads, and the checks number the rows by their position in
    // the table they write, which holds only if that table keeps the file's order.
    const n = 400_000;
    const broken = (i: number) => i % 997 === 13;
    const lines = [HEADER];
    for (let i = 0; i < n; i++)
      lines.push(row(`L${i + 2}`, broken(i) ? `火星区${i}` : "城东区", i % 1009 === 7 ? "x" : "2"));
    const path = write("parallel.csv", lines.join("\n") + "\n");
    const own = tempWarehouse();
    try {
      const [result] = await own.load([path]);
      const expectedBad = Array.from({length: n}, (_, i) => i).filter((i) => broken(i) || i % 1009 === 7);
      expect(result).toMatchObject({status: "loaded", rows_read: n, rows_rejected: expectedBad.length});
      const [{misplaced, rows}] = (await own.query<{misplaced: number; rows: number}>(
        "select count(*) filter (where case_id <> 'L' || _line)::integer as misplaced, count(*)::integer as rows from feed_startup_cases",
      )) as [{misplaced: number; rows: number}];
      expect(rows).toBe(n - expectedBad.length);
      expect(misplaced).toBe(0);
      // Each rejection on its line, quoting that line's own value (kept from the stream for the message pass).
      const rejects = await own.query<{line: number; rule: string; value: string}>(
        "select line::integer as line, rule, value from load_rejects order by line, rule",
      );
      expect(rejects).toEqual(
        expectedBad.flatMap((i) => [
          ...(i % 1009 === 7 ? [{line: i + 2, rule: "type", value: "x"}] : []),
          ...(broken(i) ? [{line: i + 2, rule: "unknown_area", value: `火星区${i}`}] : []),
        ]),
      );
    } finally {
      own.remove();
    }
  }, 60_000);
});

describe("what the fast path must not change", () => {
  it("reads a file whose name DuckDB would take for a glob, not the file the glob matches", async () => {
    const dir = join(wh.dir, "glob");
    mkdirSync(dir);
    writeFileSync(join(dir, "startup[1].csv"), [HEADER, row("REAL-1"), row("REAL-2")].join("\n") + "\n");
    writeFileSync(join(dir, "startup1.csv"), [HEADER, row("WRONG-1"), row("WRONG-2")].join("\n") + "\n");
    const [result] = await wh.load([join(dir, "startup[1].csv")]);
    expect(result!.status, result!.message).toBe("loaded");
    const ids = await wh.query<{case_id: string}>(
      "select case_id from feed_startup_cases where _load_id = $1 order by 1",
      [result!.load_id],
    );
    expect(ids.map((r) => r.case_id)).toEqual(["REAL-1", "REAL-2"]);
  });

  it("skips a row of blanks and delimiters as the numbering pass does, rather than rejecting it", async () => {
    const text = [HEADER, row("B-1"), " , , , , , , ", row("B-2")].join("\n") + "\n";
    expect(await scanPlainCsv(write("blank.csv", text), ",")).toEqual({plain: false});
    const [result] = await wh.load([join(wh.dir, "blank.csv")]);
    expect(result).toMatchObject({status: "loaded", rows_read: 2, rows_loaded: 2, rows_rejected: 0});
  });
});

describe("cellsTrimmed: no cell begins or ends with what DuckDB's trim removes", () => {
  const trimmed = (text: string, delimiter = ",") => cellsTrimmed(write("edges.csv", text), delimiter);

  /** Every code point DuckDB's `trim` removes from either end (asked of DuckDB itself, not restated here). */
  async function trimmedByDuckDB(): Promise<number[]> {
    const instance = await DuckDBInstance.create(":memory:");
    const db = await instance.connect();
    try {
      const reader = await db.runAndReadAll(
        `select range::integer as cp from range(1, 1114112)
         where (range < 55296 or range > 57343)
           and (trim(chr(range::integer) || 'a') <> chr(range::integer) || 'a' or trim('a' || chr(range::integer)) <> 'a' || chr(range::integer))
         order by 1`,
      );
      return reader.getRowObjectsJson().map((r) => Number(r.cp));
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  }

  it("sees every character DuckDB trims, at a cell's start and at its end, and no other", async () => {
    const trims = await trimmedByDuckDB();
    expect(trims.length).toBeGreaterThan(10); // the space, U+00A0, U+2000–U+200A, U+3000 …
    for (const cp of trims) {
      const ch = String.fromCodePoint(cp);
      const name = `U+${cp.toString(16).toUpperCase()}`;
      expect(await trimmed(`${HEADER}\nA,${ch}x,y\n`), `${name} starting a cell`).toBe(false);
      expect(await trimmed(`${HEADER}\nA,x${ch},y\n`), `${name} ending a cell`).toBe(false);
      expect(await trimmed(`${HEADER}\nA,x,y${ch}\r\n`), `${name} before CRLF`).toBe(false);
      expect(await trimmed(`${HEADER}\nA,x,y${ch}\n`), `${name} before LF`).toBe(false);
      expect(await trimmed(`${HEADER}\nA,x,y${ch}`), `${name} ending the file`).toBe(false);
      expect(await trimmed(`${HEADER}\n${ch}A,x,y\n`), `${name} starting a line`).toBe(false);
      expect(await trimmed(`${HEADER}\nA\tx${ch}\ty\n`, "\t"), `${name} before a tab delimiter`).toBe(false);
      expect(await trimmed(`${HEADER}\nA,x${ch}x,y\n`), `${name} inside a cell`).toBe(true);
    }
    // Every other character (but the line ends and the delimiter) at both ends of cells: the file is trimmed.
    const skip = new Set([...trims, 0x0a, 0x0d, 0x2c]);
    const lines: string[] = [HEADER];
    for (let cp = 1; cp < 0x110000; cp++) {
      if ((cp >= 0xd800 && cp <= 0xdfff) || skip.has(cp)) continue;
      const ch = String.fromCodePoint(cp);
      lines.push(`${ch}a${ch},${ch}`);
    }
    expect(await trimmed(lines.join("\n"))).toBe(true);
  }, 120_000);

  it("is true for Chinese cells with inner spaces, curly quotes and dashes at their edges", async () => {
    expect(await trimmed(`${HEADER}\n${row("A")}\n${row("B", "城 东区")}\n“引号”,—破折号—,x\n`)).toBe(true);
  });

  it("sees a space separator cut by the 1 MiB chunk boundary, and across it a space inside a cell is no edge", async () => {
    const head = `${HEADER}\n`;
    const pad = (n: number) => "x".repeat(n);
    // U+3000 (3 bytes) with its first byte the chunk's last, before a delimiter.
    const cut = head + pad((1 << 20) - 1 - head.length) + "\u3000,y\n";
    expect(Buffer.from(cut).indexOf(Buffer.from("\u3000"))).toBe((1 << 20) - 1);
    expect(await trimmed(cut)).toBe(false);
    // ", " with the delimiter the chunk's last byte.
    const pair = head + pad((1 << 20) - 1 - head.length) + ", y\n";
    expect(await trimmed(pair)).toBe(false);
    // At the file's end with no line end, a last chunk of one or two bytes: the separator's first bytes are the
    // chunk before's.
    for (const [ch, bytes] of [
      ["\u3000", 3],
      ["\u00a0", 2],
      ["\u2007", 3],
    ] as const)
      for (const last of [1, 2].filter((n) => n < bytes)) {
        const body = `a,b\n1,`;
        const text = body + pad((1 << 20) + last - Buffer.byteLength(body) - bytes) + ch;
        expect(
          Buffer.byteLength(text),
          `U+${ch.codePointAt(0)!.toString(16)} with ${last} byte(s) in the last chunk`,
        ).toBe((1 << 20) + last);
        expect(await trimmed(text), `U+${ch.codePointAt(0)!.toString(16)} with ${last} byte(s) in the last chunk`).toBe(
          false,
        );
      }
    // The same bytes inside a cell.
    const inner = head + pad((1 << 20) - 1 - head.length) + "\u3000y,z\n".replace("\u3000y", "a\u3000y");
    expect(await trimmed(inner)).toBe(true);
  });
});

describe("cellsTrimmed against a reference that splits every line and cell", () => {
  const SEPARATORS = ["\u0020", "\u00a0", "\u1680", "\u2000", "\u200a", "\u202f", "\u205f", "\u3000"];
  /** What the scan must say: no cell but the file's very first begins, and none ends, with a space separator. */
  function reference(text: string, delimiter: string): boolean {
    const isSeparator = (ch: string | undefined) => ch !== undefined && /^\p{Zs}$/u.test(ch);
    const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
    return lines.every((line, l) =>
      line.split(delimiter).every((cell, c) => {
        const chars = [...cell];
        return !(l === 0 && c === 0 ? false : isSeparator(chars[0])) && !isSeparator(chars.at(-1));
      }),
    );
  }

  it("agrees on thousands of random plain files read in chunks of 1 to 7 bytes", async () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    let disagreements = 0;
    let untrimmed = 0;
    for (let i = 0; i < 1500; i++) {
      const delimiter = pick([",", "\t", ";", "|"]);
      // Mostly cell text and delimiters, a space separator in about one piece of twelve.
      const text = Array.from({length: 1 + Math.floor(next() * 16)}, () =>
        next() < 0.08 ? pick(SEPARATORS) : pick(["a", "x", "城", "“", "—", delimiter, delimiter, "\n", "\r\n"]),
      ).join("");
      const path = write("fuzz.csv", text);
      const want = reference(text, delimiter);
      if (!want) untrimmed++;
      for (let chunk = 1; chunk <= 7; chunk++) {
        const got = await cellsTrimmed(path, delimiter, chunk);
        if (got !== want) disagreements++;
        expect
          .soft(got, `${JSON.stringify(text)} (delimiter ${JSON.stringify(delimiter)}) in chunks of ${chunk}`)
          .toBe(want);
      }
    }
    expect(disagreements).toBe(0);
    // Both answers were asked often enough for the comparison to mean something.
    expect(untrimmed).toBeGreaterThan(250);
    expect(untrimmed).toBeLessThan(1250);
  }, 120_000);
});

describe("the checks read the same values whether the cells are known trimmed or not", () => {
  it("loads a plain file with nothing to trim exactly as it loads when each cell is tested, or staged record by record", async () => {
    // Values of many shapes, none with a space separator at an edge (the fast path) …
    const rows = [
      "E-1,城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,0",
      "E-2,630102,2022/3/1 9:30,2022年3月2日 10:00,窗口,３,=5",
      "E-3,城 东区,2022-03-01T09:30:00+08:00,2022-03-01T10:00:00Z,网办,1.5,12元",
      "E-4,城中区,44621.5,44622,window,１２,1e3",
      "E-5,火星区,２０２２-03-01 09:30,,online,x\ty,-1",
      "E-6,城西区,2022-03-01 09:30,2022-02-01 09:30,mail,2,\t5",
      "E-7,,2030-01-01 00:00,,online,,",
      "E-1,城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,0",
      "=E-8,城北区,2022-03-01 09:30,2022-03-01 09:31,online,20,100000",
    ];
    const fast = write("trimmed.csv", [HEADER, ...rows].join("\n") + "\n");
    // … and the same rows under a header with a space at an edge: the whole file takes the per-cell tests.
    const tested = write("tested.csv", [HEADER.replace(",area", " ,area"), ...rows].join("\n") + "\n");
    expect(await scanPlainCsv(fast, ",")).toMatchObject({plain: true});
    expect(await scanPlainCsv(tested, ",")).toMatchObject({plain: true});
    expect(await cellsTrimmed(fast, ",")).toBe(true);
    expect(await cellsTrimmed(tested, ",")).toBe(false);

    // Each into a warehouse of its own: the second would find the first's keys loaded.
    const loaded = async (path: string) => {
      const own = tempWarehouse();
      try {
        return await loadInto(own, path);
      } finally {
        own.remove();
      }
    };
    const loadInto = async (into: TempWarehouse, path: string) => {
      const [result] = await into.load([path]);
      expect(result!.status, result!.message).toBe("loaded");
      const values = await into.query(
        `select _line::integer as line, case_id, area, applied_at::varchar as applied_at, completed_at::varchar as completed_at,
                channel, procedures::varchar as procedures, cost_yuan::varchar as cost_yuan
         from feed_startup_cases where _load_id = $1 order by _line`,
        [result!.load_id],
      );
      const rejects = await into.query(
        "select line::integer as line, column_name, rule, value, message from load_rejects where load_id = $1 order by line, rule, column_name",
        [result!.load_id],
      );
      return {counts: [result!.rows_read, result!.rows_loaded, result!.rows_rejected], values, rejects};
    };
    // … and under a quoted header: not plain, so staged record by record into a table (no stream, no position).
    const numbered = write("numbered.csv", [`"case_id"${HEADER.slice("case_id".length)}`, ...rows].join("\n") + "\n");
    expect(await scanPlainCsv(numbered, ",")).toMatchObject({plain: false});
    const a = await loaded(fast);
    const b = await loaded(tested);
    const c = await loaded(numbered);
    expect(a.values.length).toBeGreaterThan(2);
    expect(a.rejects.length).toBeGreaterThan(5);
    expect(a).toEqual(b);
    expect(a).toEqual(c);
  });

  it("still trims a cell with a space separator at an edge in a plain file", async () => {
    const text = [HEADER, "EDGE-1,城东区\u3000,2022-03-01 09:30,2022-03-01 15:00,online, 2,0\u00a0"].join("\n") + "\n";
    const [result] = await wh.load([write("edge.csv", text)]);
    expect(result).toMatchObject({status: "loaded", rows_loaded: 1, rows_rejected: 0});
    const [r] = await wh.query<{area: string; procedures: number; cost_yuan: number}>(
      "select area, procedures::integer as procedures, cost_yuan from feed_startup_cases where case_id = 'EDGE-1'",
    );
    expect(r).toMatchObject({area: "chengdong", procedures: 2, cost_yuan: 0});
  });
});
