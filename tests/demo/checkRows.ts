import type {Catalog} from "../../pipeline/catalog/index.ts";
import type {Contract, ContractColumn} from "../../pipeline/ingest/contractSchema.ts";
import type {BadRule} from "../../pipeline/demo/badRows.ts";

/**
 * An independent re-implementation of the contract rules, written for the tests from the contracts alone: it reads
 * a demo row's text and says which rules it breaks, with the demo's rule names, so the manifest's counts can be
 * checked against the files themselves. Keys are compared in canonical form (units by id, areas by id, dates as
 * ISO), so a row re-sent in another file style is still recognised as the same row.
 */
export class RowChecker {
  private readonly areas = new Map<string, string>();
  private readonly units = new Map<string, string>();
  private readonly tasks: Set<number>;
  private readonly metrics: Set<string>;
  private fileKeys = new Set<string>();
  private readonly earlierKeys = new Set<string>();

  constructor(
    private readonly contract: Contract,
    catalog: Catalog,
  ) {
    for (const a of catalog.areas) for (const n of [a.name_zh, a.code, ...(a.aliases ?? [])]) this.areas.set(n, a.id);
    for (const u of catalog.units) for (const n of [u.id, u.name_zh, ...(u.aliases ?? [])]) this.units.set(n, u.id);
    this.tasks = new Set(catalog.tasks.map((t) => t.number));
    this.metrics = new Set(catalog.metrics.map((m) => m.id));
  }

  /** Start the next file of the feed (files in name order, as the loader takes them). */
  startFile(): void {
    for (const k of this.fileKeys) this.earlierKeys.add(k);
    this.fileKeys = new Set();
  }

  /** Every rule the row breaks (a good row: none). Good rows' keys are remembered for duplicate detection. */
  check(row: Record<string, string>): BadRule[] {
    const broken: BadRule[] = [];
    for (const c of this.contract.columns) {
      const text = row[c.name] ?? "";
      if (text === "") {
        if (c.required) broken.push("missing_required");
        continue;
      }
      const rule = this.columnRule(c, text);
      if (rule) broken.push(rule);
    }
    for (const c of this.contract.columns) {
      const bound = c.at_least ?? c.at_most;
      if (bound === undefined) continue;
      const mine = this.canonical(c, row[c.name] ?? "");
      const other = this.canonical(this.column(bound), row[bound] ?? "");
      if (typeof mine !== "number" || typeof other !== "number") continue;
      if (c.at_least !== undefined && mine < other) broken.push("end_before_start");
      if (c.at_most !== undefined && mine > other) broken.push("above_bound");
    }
    if (broken.length > 0) return broken;
    const key = JSON.stringify(this.contract.key.map((k) => this.canonical(this.column(k), row[k] ?? "")));
    if (this.fileKeys.has(key)) return ["duplicate_key_in_file"];
    if (this.earlierKeys.has(key)) return ["duplicate_key_from_earlier_file"];
    this.fileKeys.add(key);
    return [];
  }

  /**
   * A cell's value in canonical form: value aliases applied, areas and units as ids, numbers as numbers, dates and
   * date-times as seconds since 1970 (China local), months as `YYYY-MM`; `null` when empty or unreadable.
   */
  canonical(c: ContractColumn, text: string): string | number | boolean | null {
    if (text === "") return null;
    const mapped = String(c.value_aliases?.[text] ?? text);
    if (c.references === "area") return this.areas.get(mapped) ?? null;
    if (c.references === "unit") return this.units.get(mapped) ?? null;
    switch (c.type) {
      case "integer":
      case "double":
        return /^-?\d+(\.\d+)?$/.test(mapped) ? Number(mapped) : null;
      case "boolean":
        return mapped === "true" || mapped === "是" ? true : mapped === "false" || mapped === "否" ? false : null;
      case "date":
      case "timestamp":
        return seconds(mapped, c.type);
      case "month":
        return /^\d{4}-(0[1-9]|1[0-2])$/.test(mapped) ? mapped : null;
      default:
        return mapped;
    }
  }

  private columnRule(c: ContractColumn, text: string): BadRule | null {
    const value = this.canonical(c, text);
    if (["date", "timestamp", "month"].includes(c.type)) return value === null ? "bad_date" : null;
    if (c.references === "area") return value === null ? "unknown_area" : null;
    if (c.references === "unit") return value === null ? "unknown_reference" : null;
    if (c.references === "task") return this.tasks.has(Number(text)) ? null : "unknown_reference";
    if (c.references === "metric") return this.metrics.has(text) ? null : "unknown_reference";
    if (c.allowed && !c.allowed.map(String).includes(String(value))) return "not_allowed";
    if (c.type === "integer" || c.type === "double" || c.type === "boolean") {
      if (value === null) throw new Error(`${this.contract.feed}.${c.name}: unreadable ${c.type} "${text}"`);
    }
    if (typeof value === "number" && ((c.min !== undefined && value < c.min) || (c.max !== undefined && value > c.max)))
      return "out_of_range";
    return null;
  }

  private column(name: string): ContractColumn {
    return this.contract.columns.find((c) => c.name === name)!;
  }
}

/** `2022-03-05`, `2022/3/5`, `2022-03-05 09:30:00`, `2022/3/5 9:30` → seconds since 1970 (as UTC), or `null`. */
function seconds(text: string, type: "date" | "timestamp"): number | null {
  const pattern =
    type === "date"
      ? /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/
      : /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
  const m = pattern.exec(text);
  if (!m) return null;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1);
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d))
    return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return ms / 1000;
}

/** `YYYY-MM-DD HH:MM:SS` of seconds since 1970 (China local, stored as UTC). */
export function isoOf(secondsSince1970: number): string {
  return new Date(secondsSince1970 * 1000).toISOString().slice(0, 19).replace("T", " ");
}
