import Papa from "papaparse";

/**
 * Input of the distance-to-frontier engine: one raw value per (economy, topic, component), as read from a small CSV
 * (`economy,topic,component,value`) or built by the marts. Values are numbers in the component's unit (see
 * `sources/benchmarks/db2020-bounds.yaml`) or one of two words:
 *   `no_practice`     the practice does not exist in the economy: the component scores 0 (component `*` with this
 *                     value marks the whole topic, every component 0, as Doing Business does);
 *   `not_applicable`  only for parts flagged `may_be_not_applicable` (no VAT / no CIT): dropped from the mean,
 *                     with the other parts of its group.
 */
export type DtfValue = number | "no_practice" | "not_applicable";

export interface DtfInputRow {
  /** An economy or a city (cities listed in the city-weights file are also combined into their economy). */
  economy: string;
  topic: string;
  component: string;
  value: DtfValue;
  /** 1-based line of the CSV file the row came from, for messages. */
  line?: number;
}

/** One problem with the input, located by CSV line where known. */
export interface DtfIssue {
  line?: number;
  message: string;
}

/** The input cannot be scored; carries every problem found, not just the first. */
export class DtfInputError extends Error {
  readonly issues: DtfIssue[];
  constructor(found: DtfIssue[]) {
    // In the file's order: problems are found topic by topic.
    const issues = [...found].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    const shown = issues.slice(0, 30).map((i) => `  ${i.line === undefined ? "" : `line ${i.line}: `}${i.message}`);
    const more = issues.length > 30 ? [`  … and ${issues.length - 30} more`] : [];
    super(
      `${issues.length} problem${issues.length === 1 ? "" : "s"} in the scoring input:\n${[...shown, ...more].join("\n")}`,
    );
    this.name = "DtfInputError";
    this.issues = issues;
  }
}

const REQUIRED = ["economy", "topic", "component", "value"] as const;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse the CSV text of `bizenv dtf`: a header naming `economy`, `topic`, `component`, `value` (any order; other
 * columns such as `source` or `note` are ignored), then one row per value. Blank lines are skipped; a UTF-8 BOM is
 * accepted; fields are trimmed. Throws a `DtfInputError` listing every bad line (missing field, unreadable value,
 * duplicate key). Topic and component names are checked later, against the bounds.
 *
 * @example parseDtfCsv("economy,topic,component,value\nBeijing,starting_a_business,procedures,3\n")
 * // [{economy: "Beijing", topic: "starting_a_business", component: "procedures", value: 3, line: 2}]
 */
export function parseDtfCsv(text: string): DtfInputRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), {skipEmptyLines: false});
  const issues: DtfIssue[] = parsed.errors
    .filter((e) => e.code !== "UndetectableDelimiter")
    .map((e) => ({...(e.row === undefined ? {} : {line: e.row + 1}), message: `CSV syntax: ${e.message}`}));
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => r.some((cell) => cell.trim() !== ""));
  const header = (records[headerIndex] ?? []).map((h) => h.trim().toLowerCase());
  const missingColumns = REQUIRED.filter((column) => !header.includes(column));
  if (headerIndex < 0 || missingColumns.length > 0) {
    const found = header.length > 0 ? `found "${header.join(",")}"` : "found an empty file";
    throw new DtfInputError([
      {line: headerIndex + 1 || 1, message: `the header must name ${REQUIRED.join(",")}; ${found}`},
      ...issues,
    ]);
  }
  const column = Object.fromEntries(REQUIRED.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof REQUIRED)[number],
    number
  >;
  const rows: DtfInputRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    // Records are numbered as lines; they differ only after a quoted field spanning lines, which this input has no use for.
    const line = index + 1;
    if (index <= headerIndex || record.every((cell) => cell.trim() === "")) return;
    const field = (c: (typeof REQUIRED)[number]): string => (record[column[c]] ?? "").trim();
    const empty = REQUIRED.filter((c) => field(c) === "");
    if (empty.length > 0) {
      issues.push({line, message: `empty ${empty.join(", ")}`});
      return;
    }
    const raw = field("value");
    let value: DtfValue;
    if (raw === "no_practice" || raw === "not_applicable") value = raw;
    else if (NUMBER.test(raw) && Number.isFinite(Number(raw))) value = Number(raw);
    else if (NUMBER.test(raw)) {
      issues.push({line, message: `value is too large to be a number: "${raw}"`});
      return;
    } else {
      issues.push({line, message: `value must be a number, no_practice or not_applicable; found "${raw}"`});
      return;
    }
    const row: DtfInputRow = {
      economy: field("economy"),
      topic: field("topic"),
      component: field("component"),
      value,
      line,
    };
    const key = `${row.economy}\u0000${row.topic}\u0000${row.component}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({line, message: `${row.economy} ${row.topic} ${row.component} is already given on line ${first}`});
      return;
    }
    seen.set(key, line);
    rows.push(row);
  });
  if (issues.length > 0) throw new DtfInputError(issues);
  return rows;
}
