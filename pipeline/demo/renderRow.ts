import type {Catalog} from "../catalog/index.ts";
import {areaNames, registryAliases} from "../catalog/registryAliases.ts";
import type {Contract, ContractColumn} from "../ingest/contractSchema.ts";
import {SYNTHETIC_COLUMN} from "../ingest/checkSql.ts";
import type {Cell, Row} from "./cells.ts";
import type {DemoClock} from "./demoClock.ts";
import type {FileStyle} from "./fileStyle.ts";

/** The reserved column's Chinese header: the loader's first alias written in Chinese (模拟数据). */
const SYNTHETIC_HEADER_ZH = SYNTHETIC_COLUMN.aliases.find((a) => /[\u4e00-\u9fff]/.test(a)) ?? "synthetic";

/** What an XLSX cell receives: text, a number, or a date (written as an Excel date cell). */
export type ExcelValue = string | number | Date | null;

/**
 * Writes generated rows in one file's style: headers from the contract (its name or a Chinese alias), values
 * canonical or through the contract's value aliases, areas and units as offices name them, dates ISO or as Excel
 * writes them. Pure and deterministic: the same row and style always give the same text (rotations between
 * aliases follow the row number, not a random draw), so a GBK file equals its UTF-8 twin once decoded.
 */
export class RowRenderer {
  private readonly columns: ContractColumn[];
  private readonly areaNames = new Map<string, string[]>();
  private readonly unitNames = new Map<string, string>();
  private readonly valueAliases = new Map<string, Map<string, string[]>>();

  constructor(
    contract: Contract,
    catalog: Pick<Catalog, "areas" | "units">,
    private readonly style: FileStyle,
    private readonly clock: DemoClock,
  ) {
    this.columns = contract.columns;
    // A name two areas share (高新区) names neither: an office writing it would have the row rejected.
    const shared = registryAliases(catalog.areas.map(areaNames)).ambiguous;
    for (const a of catalog.areas) {
      const names =
        style.areas === "code"
          ? [a.code]
          : style.areas === "mixed"
            ? [a.name_zh, a.code, ...(a.aliases ?? []).filter((n) => !shared.has(n))]
            : [a.name_zh];
      this.areaNames.set(a.id, names);
    }
    for (const u of catalog.units) this.unitNames.set(u.id, style.values === "chinese" ? u.name_zh : u.id);
    for (const c of this.columns) {
      const byValue = new Map<string, string[]>();
      for (const [alias, value] of Object.entries(c.value_aliases ?? {})) {
        byValue.set(String(value), [...(byValue.get(String(value)) ?? []), alias]);
      }
      this.valueAliases.set(c.name, byValue);
    }
  }

  /** The header row: one header per contract column, then the reserved `synthetic` column. */
  headers(): string[] {
    const chinese = this.style.headers === "chinese";
    const pick = (c: ContractColumn) => {
      const aliases = c.aliases.filter((a) => /[\u4e00-\u9fff]/.test(a));
      return chinese && aliases.length > 0 ? aliases[Math.min(this.style.aliasIndex, aliases.length - 1)]! : c.name;
    };
    return [...this.columns.map(pick), chinese ? SYNTHETIC_HEADER_ZH : SYNTHETIC_COLUMN.name];
  }

  /** A row as text fields (CSV). `n` is the row's 1-based number in the file (picks rotating aliases). */
  text(row: Row, n: number): string[] {
    return [...this.columns.map((c) => this.textOf(c, row[c.name] ?? null, n)), this.syntheticValue()];
  }

  /** A row as XLSX cell values: numbers stay numbers, dates become Excel dates when the style asks for it. */
  excel(row: Row, n: number): ExcelValue[] {
    return [
      ...this.columns.map((c): ExcelValue => {
        const cell = row[c.name] ?? null;
        if (typeof cell === "number" && !this.isAliased(c, cell)) return cell;
        if (this.style.excelDates && typeof cell === "object" && cell !== null && cell.kind === "date") {
          return new Date(cell.day * 86_400_000);
        }
        const text = this.textOf(c, cell, n);
        return text === "" ? null : text;
      }),
      this.syntheticValue(),
    ];
  }

  private syntheticValue(): string {
    return this.style.values === "chinese" ? "是" : "true";
  }

  private isAliased(c: ContractColumn, value: number): boolean {
    return this.style.values === "chinese" && (this.valueAliases.get(c.name)?.has(String(value)) ?? false);
  }

  private textOf(c: ContractColumn, cell: Cell, n: number): string {
    if (cell === null) return "";
    if (typeof cell === "object") {
      switch (cell.kind) {
        case "raw":
          return cell.text;
        case "date":
          return this.formatDate(cell.day);
        case "time":
          return this.formatTime(cell.day, cell.second);
      }
    }
    if (typeof cell === "boolean") {
      if (this.style.values === "chinese") return cell ? "是" : "否";
      return cell ? "true" : "false";
    }
    if (c.references === "area" && typeof cell === "string") {
      const names = this.areaNames.get(cell);
      return names ? names[n % names.length]! : cell;
    }
    if (c.references === "unit" && typeof cell === "string") return this.unitNames.get(cell) ?? cell;
    if (this.style.values === "chinese") {
      const aliases = this.valueAliases.get(c.name)?.get(String(cell));
      if (aliases && aliases.length > 0) return aliases[n % aliases.length]!;
    }
    return String(cell);
  }

  private formatDate(day: number): string {
    const iso = this.clock.date(day);
    if (this.style.timestamps === "iso") return iso;
    return `${iso.slice(0, 4)}/${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}`;
  }

  private formatTime(day: number, second: number): string {
    const h = Math.floor(second / 3600);
    const m = Math.floor((second % 3600) / 60);
    const s = second % 60;
    if (this.style.timestamps === "slash") return `${this.formatDate(day)} ${h}:${pad(m)}`;
    return `${this.clock.date(day)} ${pad(h)}:${pad(m)}:${pad(s)}`;
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
