import type {Catalog} from "../catalog/index.ts";
import type {Contract, ContractColumn} from "../ingest/contractSchema.ts";
import {normalizeHeader} from "../ingest/loadContracts.ts";
import {cellSeconds, dateCell, isDateCell, isTimeCell, rawCell, timeCell, type Cell, type Row} from "./cells.ts";
import type {Rng} from "./prng.ts";

/**
 * The deliberately bad rows of the demo (about 1 % of rows): each breaks exactly ONE rule of its feed contract, so
 * a loader must reject it, and the manifest counts them by rule. Which rules apply is read from the contract
 * (a column with `at_least` can be put before its start, a column with `allowed` can get a value outside the list),
 * so a new contract gets bad rows without code here.
 */
export const BAD_ROW_RULES = {
  bad_date: "a date, date-time or month that does not exist or cannot be read (2022-02-30, 2022-13-01, 昨天)",
  end_before_start: "a column with `at_least` earlier than the column it must follow (completed before applied)",
  above_bound: "a column with `at_most` larger than the column it must not exceed (resolved on time > due)",
  unknown_area: "an area name that is not in the catalog's area registry (城南新区, 海东市)",
  unknown_reference: "a unit, task or metric the catalog does not have",
  out_of_range: "a number below the contract's min (negative) or above its max",
  not_allowed: "a value outside the column's allowed list and its value aliases",
  missing_required: "an empty required column",
  duplicate_key_in_file: "the key of an earlier row of the same file on a second row (the second one is rejected)",
  duplicate_key_from_earlier_file: "a row repeated verbatim from an earlier file of the same feed (re-sent)",
} as const;

export type BadRule = keyof typeof BAD_ROW_RULES;

/** Relative frequency of each rule among bad rows, where it applies. */
const RULE_WEIGHTS: Record<BadRule, number> = {
  bad_date: 2,
  end_before_start: 2,
  above_bound: 1,
  unknown_area: 2,
  unknown_reference: 1,
  out_of_range: 2,
  not_allowed: 2,
  missing_required: 2,
  duplicate_key_in_file: 1,
  duplicate_key_from_earlier_file: 1,
};

/** Good rows kept per file, and at most in all, as candidates for re-sending (bounded memory at any scale). */
const FILE_SAMPLE = 64;
const EARLIER_POOL = 2000;

/** Area names offices do write but the registry does not know: new districts, a neighbouring city. */
const UNKNOWN_AREAS = ["城南新区", "海湖新区", "多巴新城", "海东市", "西宁南站片区"];
const UNKNOWN_UNITS = ["市文化旅游广电局", "市应急管理局", "省政务服务监督管理局"];
const UNKNOWN_METRICS = ["ease_of_doing_business_score", "startup_cost_yuan"];
const NOT_ALLOWED_TEXT = ["待定", "unknown", "其它类别", "n/a"];

export interface BadRowOutcome {
  row: Row;
  /** The rule the row breaks, or `null` for a good row. */
  rule: BadRule | null;
  /** The column the rule was applied to (the key's first column for duplicates). */
  column: string | null;
}

/**
 * Turns about `rate` of a feed's rows into bad rows, file after file. Keeps a few good rows of the current file
 * (for in-file duplicate keys) and a sample of earlier files' good rows (for re-sent rows): only rows that stay
 * good are ever copied, so the copy is the one a loader rejects.
 */
export class BadRowInjector {
  private readonly columns: ContractColumn[];
  private readonly boundOf = new Set<string>(); // columns some other column must stay at or below
  private readonly floorOf = new Set<string>(); // columns some other column must stay at or above
  private readonly knownAreaNames: Set<string>;
  private readonly knownUnitNames: Set<string>;
  private readonly knownMetrics: Set<string>;
  private recent: Row[] = [];
  private fileSample: Row[] = [];
  private fileGoodRows = 0;
  private readonly earlier: Row[] = [];
  /** The rows of `earlier` this file can write again verbatim (see startFile). */
  private resendable: Row[] = [];

  constructor(
    private readonly contract: Contract,
    catalog: Pick<Catalog, "areas" | "units" | "metrics">,
    private readonly rate: number,
  ) {
    this.columns = contract.columns;
    for (const c of this.columns) {
      if (c.at_most !== undefined) this.boundOf.add(c.at_most);
      if (c.at_least !== undefined) this.floorOf.add(c.at_least);
    }
    this.knownAreaNames = new Set(
      catalog.areas.flatMap((a) => [a.id, a.code, a.name_zh, a.name_en, ...(a.aliases ?? [])].map(normalizeHeader)),
    );
    this.knownUnitNames = new Set(
      catalog.units.flatMap((u) => [u.id, u.name_zh, u.name_en, ...(u.aliases ?? [])].map(normalizeHeader)),
    );
    this.knownMetrics = new Set(catalog.metrics.map((m) => normalizeHeader(m.id)));
  }

  /**
   * Start a new file of the feed: the previous file's sampled good rows join the pool of re-sendable rows. A file
   * whose timestamps drop the seconds (Excel's `2022/3/5 9:30`, `keepsSeconds: false`) re-sends only rows whose
   * times are whole minutes: another row would arrive a few seconds different, which the loader rightly takes as a
   * new report of a case with a report order, not as the same row sent again.
   */
  startFile(rng: Rng, options: {keepsSeconds?: boolean} = {}): void {
    for (const row of this.fileSample) this.earlier.push(row);
    // Keep the pool bounded (memory stays flat at any scale): drop random rows beyond the cap.
    while (this.earlier.length > EARLIER_POOL) this.earlier.splice(Math.floor(rng.next() * this.earlier.length), 1);
    this.resendable =
      options.keepsSeconds === false
        ? this.earlier.filter((row) => Object.values(row).every((c) => !isTimeCell(c) || c.second % 60 === 0))
        : this.earlier;
    this.recent = [];
    this.fileSample = [];
    this.fileGoodRows = 0;
  }

  /** Keep `row` good, or (with probability `rate`) return a bad version of it that breaks one rule. */
  process(row: Row, rng: Rng): BadRowOutcome {
    if (rng.chance(this.rate)) {
      const bad = this.corrupt(row, rng);
      if (bad) return bad;
    }
    this.remember(row, rng);
    return {row, rule: null, column: null};
  }

  private remember(row: Row, rng: Rng): void {
    this.recent.push(row);
    if (this.recent.length > 32) this.recent.shift();
    // A reservoir sample of each file's good rows feeds the pool of rows a later file may re-send.
    this.fileGoodRows++;
    if (this.fileSample.length < FILE_SAMPLE) this.fileSample.push(row);
    else {
      const j = Math.floor(rng.next() * this.fileGoodRows);
      if (j < FILE_SAMPLE) this.fileSample[j] = row;
    }
  }

  private corrupt(row: Row, rng: Rng): BadRowOutcome | null {
    const options = this.applicable(row);
    if (options.length === 0) return null;
    const rule = rng.weighted(options.map((o) => [o.rule, RULE_WEIGHTS[o.rule]] as const));
    const choice = options.find((o) => o.rule === rule)!;
    const column = rng.pick(choice.columns);
    const bad: Row = {...row};
    switch (rule) {
      case "bad_date":
        bad[column.name] = rawCell(unreadableDate(column, row, rng));
        break;
      case "end_before_start":
        bad[column.name] = before(row[column.at_least!]!, rng);
        break;
      case "above_bound":
        bad[column.name] = (row[column.at_most!] as number) + rng.int(1, 20);
        break;
      case "unknown_area":
        bad[column.name] = rawCell(this.unknown(UNKNOWN_AREAS, this.knownAreaNames, rng));
        break;
      case "unknown_reference":
        bad[column.name] =
          column.references === "task"
            ? rng.int(90, 99)
            : column.references === "metric"
              ? rawCell(this.unknown(UNKNOWN_METRICS, this.knownMetrics, rng))
              : rawCell(this.unknown(UNKNOWN_UNITS, this.knownUnitNames, rng));
        break;
      case "out_of_range":
        bad[column.name] = outOfRange(column, row[column.name] as number, this.directions(column), rng);
        break;
      case "not_allowed":
        bad[column.name] = notAllowed(column, rng);
        break;
      case "missing_required":
        bad[column.name] = null;
        break;
      case "duplicate_key_in_file": {
        const earlier = rng.pick(this.recent);
        for (const k of this.contract.key) bad[k] = earlier[k] ?? null;
        break;
      }
      case "duplicate_key_from_earlier_file":
        return {row: {...rng.pick(this.resendable)}, rule, column: this.contract.key[0] ?? null};
    }
    return {row: bad, rule, column: column.name};
  }

  /** Rules that can be broken on this row, each with the columns it could be broken on. */
  private applicable(row: Row): Array<{rule: BadRule; columns: ContractColumn[]}> {
    const filled = (c: ContractColumn) => row[c.name] !== null && row[c.name] !== undefined;
    const key = new Set(this.contract.key);
    const pick: Record<BadRule, ContractColumn[]> = {
      bad_date: this.columns.filter((c) => c.required && ["date", "timestamp", "month"].includes(c.type) && filled(c)),
      end_before_start: this.columns.filter((c) => {
        if (c.at_least === undefined || !filled(c)) return false;
        const floor = row[c.at_least];
        return isDateCell(floor) || isTimeCell(floor);
      }),
      above_bound: this.columns.filter(
        (c) => c.at_most !== undefined && filled(c) && typeof row[c.at_most] === "number",
      ),
      unknown_area: this.columns.filter((c) => c.references === "area" && filled(c)),
      unknown_reference: this.columns.filter((c) => c.references !== undefined && c.references !== "area" && filled(c)),
      out_of_range: this.columns.filter(
        (c) => typeof row[c.name] === "number" && c.allowed === undefined && this.directions(c).length > 0,
      ),
      not_allowed: this.columns.filter((c) => c.allowed !== undefined && filled(c)),
      missing_required: this.columns.filter((c) => c.required && filled(c)),
      duplicate_key_in_file: this.recent.length > 0 ? this.columns.filter((c) => key.has(c.name)) : [],
      duplicate_key_from_earlier_file: this.resendable.length > 0 ? this.columns.filter((c) => key.has(c.name)) : [],
    };
    return (Object.keys(pick) as BadRule[])
      .filter((rule) => pick[rule].length > 0)
      .map((rule) => ({rule, columns: pick[rule]}));
  }

  /**
   * Which way a number can leave its range without breaking a second rule: below `min` unless another column must
   * stay at or below it (or it must stay above another), above `max` unless it must stay at or below another.
   */
  private directions(c: ContractColumn): Array<"below" | "above"> {
    const out: Array<"below" | "above"> = [];
    if (c.min !== undefined && !this.boundOf.has(c.name) && c.at_least === undefined) out.push("below");
    if (c.max !== undefined && c.at_most === undefined && !this.floorOf.has(c.name)) out.push("above");
    return out;
  }

  private unknown(candidates: readonly string[], known: Set<string>, rng: Rng): string {
    const usable = candidates.filter((c) => !known.has(normalizeHeader(c)));
    if (usable.length === 0) throw new Error("every demo 'unknown' name is known to the catalog: add another");
    return rng.pick(usable);
  }
}

function unreadableDate(column: ContractColumn, row: Row, rng: Rng): string {
  const value = row[column.name];
  const year = isDateCell(value) || isTimeCell(value) ? new Date(value.day * 86_400_000).getUTCFullYear() : 2022;
  if (column.type === "month") return rng.pick([`${year}-13`, `${year}年13月`, "13/2022"]);
  const date = rng.pick([`${year}-02-30`, `${year}-13-01`, `${year}/02/31`, "0000-00-00", "昨天"]);
  return column.type === "timestamp" && /\d$/.test(date) ? `${date} 10:${rng.int(10, 59)}:00` : date;
}

/** A moment 1–72 hours (date-times) or 1–10 days (dates) before `floor`. */
function before(floor: Cell, rng: Rng): Cell {
  if (isTimeCell(floor)) {
    const seconds = cellSeconds(floor) - rng.int(3_600, 72 * 3_600);
    return timeCell(Math.floor(seconds / 86_400), ((seconds % 86_400) + 86_400) % 86_400);
  }
  if (isDateCell(floor)) return dateCell(floor.day - rng.int(1, 10));
  throw new Error("end_before_start needs a date or date-time to go before");
}

function outOfRange(column: ContractColumn, value: number, directions: Array<"below" | "above">, rng: Rng): number {
  const direction = rng.pick(directions);
  const integer = column.type === "integer";
  if (direction === "below") {
    const below = (column.min ?? 0) - Math.max(1, Math.abs(value)) - rng.int(0, 50);
    return integer ? Math.round(below) : Math.round(below * 100) / 100;
  }
  const max = column.max ?? 0;
  const above = max + Math.max(1, Math.abs(max) * rng.uniform(0.1, 1));
  return integer ? Math.ceil(above) : Math.round(above * 100) / 100;
}

function notAllowed(column: ContractColumn, rng: Rng): Cell {
  const allowed = new Set((column.allowed ?? []).map(String));
  const aliases = new Set(Object.keys(column.value_aliases ?? {}).map(normalizeHeader));
  if (column.type === "integer") {
    const numbers = (column.allowed ?? []).map(Number);
    return rng.pick([Math.min(...numbers) - 1, Math.max(...numbers) + 1]);
  }
  const usable = NOT_ALLOWED_TEXT.filter((t) => !allowed.has(t) && !aliases.has(normalizeHeader(t)));
  return rawCell(rng.pick(usable));
}
