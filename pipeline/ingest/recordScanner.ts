/** A row (record) may be at most this long; a longer one is rejected, not read. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

/** What splitting a delimited text into records found. */
export interface NumberedRecords {
  /** Well-formed data records written to the numbered CSV. */
  rows: number;
  /** Malformed records written to the rejects CSV. */
  rejects: number;
  /** Blank records skipped: empty lines, lines of only spaces, delimiters or empty quotes. */
  blank: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

// Scanner states (plain numbers: the loop runs once per byte).
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the field's end, or the first half of a doubled quote. */
const QUOTE_IN_QUOTED = 3;
/** Blanks after a closing quote, before the delimiter. */
const AFTER_CLOSE = 4;
/** The record is broken; skip to the end of the physical line. */
const SKIP = 5;

/**
 * The byte scanner. Output is built as the input is scanned, and a record that turns out blank or broken is taken
 * back by moving `pos` to its start. `scan` keeps its state in locals while it runs (the loop runs once per byte)
 * and hands it to the object once per record.
 */
export class RecordScanner {
  readonly counts: NumberedRecords = {rows: 0, rejects: 0, blank: 0};
  private buf = Buffer.allocUnsafe(4 << 20);
  private pos = 0;
  private recStart = 0; // where the current record's output (its line field) begins
  private recBody = 0; // where its first field's text begins
  private cap = 0; // past this the record is too long: its bytes are counted in `overflow`, not stored
  private overflow = 0;
  private headerLeft: number; // records still to pass over: title lines above the header, then the header
  private line = 1;
  private startLine = 1;
  private state = FIELD_START;
  private previousCr = false;
  private fields = 0; // delimiters seen outside quotes
  private content = false; // any character besides delimiters, quotes and blanks
  private extra = false; // content in a field beyond the header's
  private cutPos = -1; // output position where the first field beyond the header's begins
  private quoteField = 0; // the field the last quote opened in
  private brokenAt = -1; // the field where text followed a closing quote
  private chunk: Buffer = Buffer.alloc(0);
  private inputStart = -1; // where the record began in `chunk` (-1: in an earlier chunk)
  private rejectText: string[] = [];
  private readonly delim: number;

  constructor(
    private readonly delimiter: string,
    private readonly headers: string[],
    skip = 0,
  ) {
    this.headerLeft = skip + 1;
    this.delim = delimiter.charCodeAt(0);
    this.pos = this.buf.write("__line\n", 0, "latin1");
    this.begin(0);
  }

  private name(index: number): string {
    return this.headers[index] || `column ${index + 1}`;
  }

  /** Start a record on `startLine` at `chunk[at]`: write its line field, open its first field, reset the state. */
  private begin(at: number): void {
    this.recStart = this.pos;
    this.pos = writeUint(this.buf, this.pos, this.startLine);
    this.buf[this.pos++] = COMMA;
    this.buf[this.pos++] = QUOTE;
    this.recBody = this.pos;
    this.cap = this.recBody + 2 * MAX_RECORD_BYTES + 2; // room to keep MAX_RECORD_BYTES + 1 and recycle the rest
    this.overflow = 0;
    this.state = FIELD_START;
    this.fields = 0;
    this.content = this.extra = false;
    this.cutPos = this.brokenAt = -1;
    this.inputStart = at;
  }

  /** Make room for `more` bytes after `pos`, keeping everything. */
  private room(more: number): void {
    if (this.pos + more <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + more));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** Record a broken record: its line, the column, its first 500 characters as the file has them, why. */
  private reject(end: number, column: string, message: string): void {
    this.counts.rejects++;
    const text =
      this.inputStart >= 0
        ? this.chunk.toString("utf8", this.inputStart, Math.min(end, this.inputStart + 2000))
        : this.buf
            .toString("utf8", this.recBody, Math.min(this.pos, this.recBody + 2000))
            .replaceAll('","', this.delimiter)
            .replaceAll('""', '"');
    const value = text.replace(/\uFFFD+$/, "").slice(0, 500);
    this.rejectText.push([String(this.startLine), column, value, message].map(csvField).join(",") + "\n");
  }

  /**
   * The record ended before `chunk[end]` (a line end), or at the end of the input (`unclosed`: the field of a quote
   * left open).
   */
  private finish(end: number, unclosed: number): void {
    const width = this.headers.length;
    const found = this.fields + 1;
    const length = this.pos - this.recBody + this.overflow;
    if (this.headerLeft > 0) {
      this.headerLeft--;
    } else if (this.brokenAt >= 0) {
      const column = this.name(this.brokenAt);
      this.reject(
        end,
        column,
        `text after the closing quote in ${column}; a quote inside a quoted value must be doubled ("")`,
      );
    } else if (unclosed >= 0) {
      const missing = found < width ? `, so the line has ${found} of the header's ${width} columns` : "";
      this.reject(
        end,
        this.name(found < width ? found : unclosed),
        `a quote opened in ${this.name(unclosed)} is never closed: the rest of the file is inside it${missing}`,
      );
    } else if (!this.content) {
      this.counts.blank++;
    } else if (length > MAX_RECORD_BYTES) {
      this.reject(
        end,
        "",
        `the line is over 4 MiB long (${(length / 1048576).toFixed(1)} MiB); a row may be at most 4 MiB`,
      );
    } else if (found < width) {
      this.reject(
        end,
        this.name(found),
        `the line has ${found} of the header's ${width} columns: ${this.name(found)} and the columns after it are missing`,
      );
    } else if (found > width && this.extra) {
      // Named as DuckDB's reader named it (one past the last field), which earlier loads recorded.
      this.reject(
        end,
        `column ${found + 1}`,
        `the line has ${found} columns but the header has ${width}: the values past the header's last column have no header`,
      );
    } else {
      if (found > width) this.pos = this.cutPos; // empty fields past the header are dropped
      this.buf[this.pos++] = QUOTE;
      this.buf[this.pos++] = LF;
      this.counts.rows++;
      return;
    }
    this.pos = this.recStart;
  }

  scan(chunk: Buffer): void {
    const n = chunk.length;
    const delim = this.delim;
    const width = this.headers.length;
    // A record that began in the last chunk began before this one (unless it began just at its end).
    this.inputStart = this.inputStart >= this.chunk.length ? this.inputStart - this.chunk.length : -1;
    this.chunk = chunk;
    this.room(3 * n + 64);
    let buf = this.buf;
    let pos = this.pos;
    let cap = this.cap;
    let overflow = this.overflow;
    let state = this.state;
    let previousCr = this.previousCr;
    let fields = this.fields;
    let content = this.content;
    let extra = this.extra;
    let cutPos = this.cutPos;
    let quoteField = this.quoteField;
    let brokenAt = this.brokenAt;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      if (pos >= cap) {
        // Too long to keep: keep its first MAX_RECORD_BYTES and count the rest, still following its quotes.
        const keep = cap - MAX_RECORD_BYTES - 1;
        overflow += pos - keep;
        pos = keep;
      }
      if (b === LF || b === CR) {
        if (b === LF && previousCr) {
          // The LF of a CRLF: the line was counted (and outside quotes the record ended) at the CR.
          previousCr = false;
          if (state === QUOTED) buf[pos++] = b;
          else if (this.inputStart === i) this.inputStart = i + 1;
          continue;
        }
        previousCr = b === CR;
        this.line++;
        if (state === QUOTED) {
          buf[pos++] = b;
          continue;
        }
        this.pos = pos;
        this.overflow = overflow;
        this.fields = fields;
        this.content = content;
        this.extra = extra;
        this.cutPos = cutPos;
        this.brokenAt = brokenAt;
        this.finish(i, -1);
        this.startLine = this.line;
        this.room(3 * (n - i) + 64);
        this.begin(i + 1);
        buf = this.buf;
        pos = this.pos;
        cap = this.cap;
        overflow = 0;
        state = FIELD_START;
        fields = 0;
        content = extra = false;
        cutPos = brokenAt = -1;
        continue;
      }
      previousCr = false;
      if (state === UNQUOTED) {
        if (b === delim) {
          if (++fields === width) cutPos = pos;
          buf[pos++] = QUOTE;
          buf[pos++] = COMMA;
          buf[pos++] = QUOTE;
          state = FIELD_START;
        } else {
          if (b === QUOTE) buf[pos++] = QUOTE;
          buf[pos++] = b;
          if (b !== SPACE && b !== TAB) {
            content = true;
            if (fields >= width) extra = true;
          }
        }
      } else if (state === QUOTED) {
        if (b === QUOTE) state = QUOTE_IN_QUOTED;
        else {
          buf[pos++] = b;
          if (b !== SPACE && b !== TAB) {
            content = true;
            if (fields >= width) extra = true;
          }
        }
      } else if (state === FIELD_START) {
        if (b === QUOTE) {
          state = QUOTED;
          quoteField = fields;
        } else if (b === delim) {
          if (++fields === width) cutPos = pos;
          buf[pos++] = QUOTE;
          buf[pos++] = COMMA;
          buf[pos++] = QUOTE;
        } else {
          state = UNQUOTED;
          buf[pos++] = b;
          if (b !== SPACE && b !== TAB) {
            content = true;
            if (fields >= width) extra = true;
          }
        }
      } else if (state === QUOTE_IN_QUOTED) {
        if (b === QUOTE) {
          state = QUOTED; // a doubled quote: one quote character in the value
          buf[pos++] = QUOTE;
          buf[pos++] = QUOTE;
          content = true;
          if (fields >= width) extra = true;
        } else if (b === delim) {
          if (++fields === width) cutPos = pos;
          buf[pos++] = QUOTE;
          buf[pos++] = COMMA;
          buf[pos++] = QUOTE;
          state = FIELD_START;
        } else if (b === SPACE || b === TAB) {
          state = AFTER_CLOSE;
        } else {
          brokenAt = fields;
          state = SKIP;
        }
      } else if (state === AFTER_CLOSE) {
        if (b === delim) {
          if (++fields === width) cutPos = pos;
          buf[pos++] = QUOTE;
          buf[pos++] = COMMA;
          buf[pos++] = QUOTE;
          state = FIELD_START;
        } else if (b !== SPACE && b !== TAB) {
          brokenAt = fields;
          state = SKIP;
        }
      }
    }
    this.pos = pos;
    this.cap = cap;
    this.overflow = overflow;
    this.state = state;
    this.previousCr = previousCr;
    this.fields = fields;
    this.content = content;
    this.extra = extra;
    this.cutPos = cutPos;
    this.quoteField = quoteField;
    this.brokenAt = brokenAt;
  }

  /** The finished records' bytes; the record in progress moves to the front of a fresh buffer. */
  take(): Buffer {
    const done = this.buf.subarray(0, this.recStart);
    const next = Buffer.allocUnsafe(Math.max(4 << 20, (this.pos - this.recStart) * 2));
    this.buf.copy(next, 0, this.recStart, this.pos);
    const shift = this.recStart;
    this.buf = next;
    this.pos -= shift;
    this.recBody -= shift;
    this.cap -= shift;
    if (this.cutPos >= 0) this.cutPos -= shift;
    this.recStart = 0;
    return done;
  }

  takeRejects(): string {
    const text = this.rejectText.join("");
    this.rejectText = [];
    return text;
  }

  /** The input ended: finish a record it cut off (no line end, or a quote never closed). */
  end(): void {
    const started = this.pos > this.recBody || this.overflow > 0 || this.fields > 0 || this.state !== FIELD_START;
    if (started) this.finish(this.chunk.length, this.state === QUOTED ? this.quoteField : -1);
    else this.pos = this.recStart;
    this.recStart = this.pos; // everything left is finished
  }
}

/** Write `n` (a non-negative integer) as decimal digits at `pos`; returns the position after them. */
function writeUint(buf: Buffer, pos: number, n: number): number {
  let digits = 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
  for (let i = digits - 1, m = n; i >= 0; i--, m = Math.floor(m / 10)) buf[pos + i] = 48 + (m % 10);
  return pos + digits;
}

/** A field of the rejects CSV, always quoted. */
function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
