import type {BadRule} from "./badRows.ts";

/** One generated file, as `manifest.json` lists it. */
export interface ManifestFile {
  /** Path relative to the output folder, with `/`: `startup_cases/startup_cases_2021-03.csv`. */
  file: string;
  feed: string;
  /** `2021-03`, `2022-Q2`, `2021` or `all`. */
  period: string;
  format: "csv" | "xlsx";
  /** Text files: `utf-8`, `utf-8-bom` or `gbk`; XLSX: `null`. */
  encoding: string | null;
  delimiter: "comma" | "tab" | null;
  line_ending: "LF" | "CRLF" | null;
  header_language: "en" | "zh";
  value_language: "en" | "zh";
  timestamps: "iso" | "slash";
  areas: "name" | "code" | "mixed";
  /** 1-based line (CSV) or sheet row (XLSX) of the header; rows above it are titles. */
  header_line: number;
  /** Data rows (good and bad), not counting the header and title rows. */
  rows: number;
  /** Deliberately bad rows, which a loader must reject. */
  bad_rows: number;
  bad_rows_by_rule: Partial<Record<BadRule, number>>;
  bytes: number;
  sha256: string;
  /** Why this file differs from plain UTF-8 CSV, or `null`. */
  variety: string | null;
}

/** Everything `bizenv demo` wrote, with the settings that reproduce it. */
export interface DemoManifest {
  synthetic: true;
  notice: string;
  generator: {
    command: string;
    bizenv_version: string;
    seed: number;
    scale: number;
    as_of: string;
    first_month: string;
    bad_row_rate: number;
  };
  catalog: {plan: string; catalog_version: string; catalog_sha256: string};
  calendar: string;
  office_hours: string;
  feeds: Array<{
    feed: string;
    name_zh: string;
    contract_version: number;
    contract_sha256: string;
    model: string;
    files: number;
    rows: number;
    bad_rows: number;
  }>;
  files: ManifestFile[];
  totals: {files: number; rows: number; bad_rows: number; bytes: number};
  bad_row_rules: Record<BadRule, string>;
  /** The first few bad rows of each rule: where to look. */
  bad_row_examples: Array<{file: string; line: number; rule: BadRule; column: string | null}>;
  /** What the synthetic city is built to show (which targets are met or missed). */
  story: string[];
}

/** What the synthetic city is built to show, for README.txt and the manifest (checked by tests/demo). */
export const DEMO_STORY: readonly string[] = [
  "2021 is the baseline year: every case duration is measurably longer than at the end of 2022.",
  "Improvement is slow until the plan is issued (2022-06), then steady to the end level at the main target deadline (2022-12).",
  "湟源县 and 大通县 lag most, then 湟中区 and 南川工业园区; the four urban districts and the other parks lead.",
  "Start-up within 1 workday (clause 15): met in the four urban districts from 2022-Q4, missed city-wide.",
  "Property registration (clauses 6.1/6.2): individuals within 2.5 workdays met; enterprises within 4 missed.",
  "Power (clause 18): time cut by more than 40 % against the 2021 median; low voltage within 3 workdays met; high-voltage single supply within 20 met, dual supply within 30 missed; grid works within 15 met.",
  "Water within 8/11 workdays and gas within 10 (clause 20): met city-wide, gas missed in the lagging counties.",
  "New-taxpayer handling time (clause 9.1): cut by more than 90 % against the 2021 median; annual tax time 98 hours (9.2) met.",
  "SME loans within 13 workdays and guarantee fees at or below 1.5 % (clause 25): on track.",
  "Procurement intentions at least 30 days ahead (clause 13): from about a quarter of projects in 2021 to nine in ten.",
  "Online service capability of 95 % (clause 1): reached city-wide by the end of 2022; the lagging counties stay below.",
  "Labour dispute resolution time shorter than the 2021 median (clause 37, strict: any cut, none is a miss): met: the median falls from 47 days in 2021 (at scale 1) to about a third less by the end of 2023.",
  "Long-pending bankruptcy cases (clause 42, open more than three years, strictly fewer than at the end of 2021): missed, 7 at the end of 2021 and 12 at the end of 2022, as the cases carried over from 2019 turn three faster than old ones close.",
  "Volumes dip around the Spring Festival; applications arrive in office hours on workdays, online ones also evenings and weekends.",
  "Task progress: each (task, unit) pair reports quarterly from 2022-Q2; most finish on time, some late, some overdue.",
];
