/**
 * How one demo file is written. Most files are plain UTF-8 CSV with the contract's (English) headers; a few imitate
 * what offices really send, so the loader meets them in tests and in the demo: Chinese headers and values, GBK from
 * Excel on Windows with CRLF line ends, a UTF-8 BOM, tabs, `2022/3/5 9:30` timestamps, XLSX with a title above
 * the header. The choice is a fixed table (`FILE_VARIETY`), never random, and the manifest lists it.
 */
export interface FileStyle {
  format: "csv" | "xlsx";
  encoding: "utf-8" | "utf-8-bom" | "gbk";
  delimiter: "," | "\t";
  lineEnding: "lf" | "crlf";
  /** Contract column names, or each column's Chinese alias (`aliasIndex` picks which, default the first). */
  headers: "contract" | "chinese";
  aliasIndex: number;
  /** Canonical values (`online`, `true`), or the contract's Chinese value aliases (`网上办理`, `是`). */
  values: "contract" | "chinese";
  /** `2022-03-05 09:30:00` / `2022-03-05`, or as Excel writes them: `2022/3/5 9:30` / `2022/3/5`. */
  timestamps: "iso" | "slash";
  /** How areas are written: Chinese name, division code, or rotating through name, code and short names. */
  areas: "name" | "code" | "mixed";
  /** XLSX: rows above the header (a title, then a note); the loader must find the header row below them. */
  titleRows: 0 | 1 | 2;
  /** XLSX: dates as real Excel date cells (otherwise text). */
  excelDates: boolean;
}

export const PLAIN_CSV: FileStyle = {
  format: "csv",
  encoding: "utf-8",
  delimiter: ",",
  lineEnding: "lf",
  headers: "contract",
  aliasIndex: 0,
  values: "contract",
  timestamps: "iso",
  areas: "name",
  titleRows: 0,
  excelDates: false,
};

const CHINESE = {headers: "chinese", values: "chinese"} as const;
const EXCEL_CSV_GBK = {...CHINESE, encoding: "gbk", lineEnding: "crlf", timestamps: "slash", areas: "mixed"} as const;

/** A file that deliberately differs from plain CSV, and why offices send files like it. */
export interface VarietyEntry {
  feed: string;
  /** The period (`2021-03`, `2022-Q2`, `2021`) whose file gets this style. */
  period: string;
  style: Partial<FileStyle>;
  why: string;
}

/**
 * The files that differ from plain UTF-8 CSV. All lie in 2021-01 … 2022-06, so any as-of date from 2022-06-30 on
 * produces every one of them (task progress starts with the plan, 2022-Q2; tax time with the 2021 measurement).
 */
export const FILE_VARIETY: readonly VarietyEntry[] = [
  {
    feed: "startup_cases",
    period: "2021-03",
    style: EXCEL_CSV_GBK,
    why: "saved from Excel on Windows: GBK, CRLF, Chinese headers and values, timestamps as 2021/3/5 9:30",
  },
  {
    feed: "satisfaction_ratings",
    period: "2021-12",
    style: {...EXCEL_CSV_GBK, aliasIndex: 1},
    why: "saved from Excel on Windows: GBK, CRLF, Chinese headers (second alias) and values (非常满意, 好差评)",
  },
  {
    feed: "property_registration_cases",
    period: "2021-06",
    style: {...CHINESE, encoding: "utf-8-bom"},
    why: "UTF-8 with a byte-order mark, Chinese headers and values (个人, 转移登记)",
  },
  {
    feed: "power_connection_cases",
    period: "2021-09",
    style: {...CHINESE, areas: "mixed"},
    why: "Chinese headers and values (高压单电源, 城区, 是/否), areas as names, codes and short names",
  },
  {
    feed: "water_gas_cases",
    period: "2021-05",
    style: {delimiter: "\t"},
    why: "tab-separated text export",
  },
  {
    feed: "new_taxpayer_cases",
    period: "2022-03",
    style: {timestamps: "slash"},
    why: "timestamps as Excel writes them: 2022/3/5 9:30 (no seconds, no leading zeros)",
  },
  {
    feed: "credit_cases",
    period: "2021-08",
    style: {headers: "chinese", timestamps: "slash", aliasIndex: 1},
    why: "Chinese headers (second alias), dates as 2021/8/3, values in English",
  },
  {
    feed: "construction_permit_cases",
    period: "2022-04",
    style: {...CHINESE, format: "xlsx", titleRows: 1, excelDates: true, areas: "mixed"},
    why: "XLSX with a title row above the header; dates as Excel date cells; Chinese values (政府投资)",
  },
  {
    feed: "procurement_intentions",
    period: "2021-10",
    style: {headers: "chinese", format: "xlsx", titleRows: 2},
    why: "XLSX with a title and a note row above the header; dates as text",
  },
  {
    feed: "hotline_12345",
    period: "2022-02",
    style: CHINESE,
    why: "Chinese headers, units by their Chinese names",
  },
  {
    feed: "online_services",
    period: "2021-04",
    style: {...CHINESE, aliasIndex: 1},
    why: "Chinese headers (second alias), units by their Chinese names",
  },
  {
    feed: "task_progress",
    period: "2022-Q2",
    style: CHINESE,
    why: "Chinese headers and values (推进中, 已完成), units by their Chinese names",
  },
  {
    feed: "tax_compliance_hours",
    period: "2021",
    style: CHINESE,
    why: "Chinese headers and values (一般纳税人, 小规模纳税人)",
  },
];

/** Feed-wide habits that are not deliberate variety: the power company writes division codes for areas. */
const FEED_DEFAULTS: Readonly<Record<string, Partial<FileStyle>>> = {
  power_connection_cases: {areas: "code"},
};

/** The style of a feed's file for a period, and the variety entry that chose it (if any). */
export function fileStyle(feed: string, period: string): {style: FileStyle; variety: VarietyEntry | undefined} {
  const variety = FILE_VARIETY.find((v) => v.feed === feed && v.period === period);
  return {style: {...PLAIN_CSV, ...FEED_DEFAULTS[feed], ...variety?.style}, variety};
}

/** File extension for a style: `.xlsx`, `.tsv` for tab-separated text, `.csv` otherwise. */
export function extensionOf(style: FileStyle): string {
  return style.format === "xlsx" ? ".xlsx" : style.delimiter === "\t" ? ".tsv" : ".csv";
}

/** The XLSX rows above the header: the feed's Chinese name, the period and SYNTHETIC; then a note. */
export function titleRowsFor(nameZh: string, period: string, count: number): string[] {
  const rows = [
    `西宁市${nameZh}统计表（${period}）【模拟数据 SYNTHETIC】`,
    "制表单位：bizenv demo（模拟）　说明：本表为程序生成的模拟数据，非真实办件",
  ];
  return rows.slice(0, count);
}
