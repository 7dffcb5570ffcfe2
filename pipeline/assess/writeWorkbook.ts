// exceljs (0.5 s to import) is loaded only when a workbook is read or written: every command starts faster.
import type ExcelJS from "exceljs";
import type {Catalog} from "../catalog/index.ts";
import {fixZipTimestamps} from "../zipTimestamps.ts";
import {neutralizeFormula} from "../export/neutralizeFormula.ts";
import {judgingRules} from "./judgingRules.ts";
import {LABELS} from "./labels.ts";
import {methodParagraphs, reportTables, reportTitle, type ReportMeta} from "./reportTables.ts";
import type {Cell, CellKind, Table} from "./table.ts";
import type {Assessment, Lang} from "./types.ts";

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  int: "0",
  num: "0.00",
  dec1: "0.0",
  date: "yyyy-mm-dd",
};

/** Columns whose text runs long: wrapped at this width (characters) instead of widening the sheet. */
const MAX_WIDTH = 60;

/** Display width of text: CJK and full-width characters take two columns. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

/** How a cell is written: ISO dates become date cells, text is neutralised against formula injection. */
function cellValue(value: Cell, kind: CellKind): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T00:00:00Z`);
  }
  return typeof value === "string" ? (neutralizeFormula(value) as string) : value;
}

function shown(value: Cell, kind: CellKind): string {
  if (value === null) return "";
  if (typeof value === "number")
    return kind === "num" ? value.toFixed(2) : kind === "dec1" ? value.toFixed(1) : String(value);
  return value;
}

/** A sheet holding one table: bold header in row 1, frozen, filterable, number formats, widths that fit. */
function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  table: Table,
  options: {tab?: string} = {},
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{state: "frozen", ySplit: 1}],
    ...(options.tab ? {properties: {tabColor: {argb: options.tab}}} : {}),
  });
  sheet.columns = table.columns.map((c) => {
    const widest = Math.max(
      displayWidth(c.header),
      ...table.rows.map((r) => displayWidth(shown(r[table.columns.indexOf(c)] ?? null, c.kind))),
    );
    const width = Math.min(MAX_WIDTH, Math.max(6, widest + 2));
    const style: Partial<ExcelJS.Style> = {};
    const format = NUMBER_FORMATS[c.kind];
    if (format) style.numFmt = format;
    if (widest + 2 > MAX_WIDTH) style.alignment = {wrapText: true, vertical: "top"};
    if (c.kind === "hash") style.font = {name: "Consolas"};
    return {header: c.header, key: c.key, width, style};
  });
  for (const row of table.rows) sheet.addRow(row.map((v, i) => cellValue(v, table.columns[i]!.kind)));
  const header = sheet.getRow(1);
  header.font = {bold: true};
  header.alignment = {vertical: "middle"};
  header.eachCell((cell) => {
    cell.fill = {type: "pattern", pattern: "solid", fgColor: {argb: "FFDDE5F0"}};
    cell.border = {bottom: {style: "thin"}};
    // Header text is ours, but neutralise it too: nothing a sheet shows may start a formula.
    if (typeof cell.value === "string") cell.value = neutralizeFormula(cell.value) as string;
  });
  if (table.rows.length > 0) {
    sheet.autoFilter = {from: {row: 1, column: 1}, to: {row: 1, column: table.columns.length}};
  }
  return sheet;
}

/**
 * The assessment as an Excel workbook: summary, targets, evidence, indicators, tasks, units, (changes,) caveats and
 * method sheets, headers in `lang`. The same tables as the HTML report (reportTables.ts). Every text cell goes
 * through `neutralizeFormula`; the workbook's dates and zip entries carry `meta.generated_at`, so the same
 * assessment gives the same bytes.
 */
export async function writeWorkbook(a: Assessment, catalog: Catalog, lang: Lang, meta: ReportMeta): Promise<Buffer> {
  const L = LABELS[lang];
  const tables = reportTables(a, catalog, lang, meta);
  const stamp = new Date(meta.generated_at);
  const {default: ExcelJSModule} = await import("exceljs");
  const workbook = new ExcelJSModule.Workbook();
  workbook.creator = "bizenv";
  workbook.lastModifiedBy = "bizenv";
  workbook.title = reportTitle(a, lang);
  workbook.subject = a.synthetic ? L.syntheticBanner : reportTitle(a, lang);
  workbook.created = stamp;
  workbook.modified = stamp;

  const summary = tables.summary!;
  const lists: Cell[][] = [
    ["", ""],
    [
      L.top10,
      a.units
        .filter((u) => u.list === "top10")
        .map((u) => `${u.rank}. ${nameOf(catalog, lang, u.unit_id)}`)
        .join("；") || L.none,
    ],
    [
      L.bottom10,
      a.units
        .filter((u) => u.list === "bottom10")
        .map((u) => `${u.rank}. ${nameOf(catalog, lang, u.unit_id)}`)
        .join("；") || L.none,
    ],
  ];
  const banner: Cell[][] = a.synthetic ? [[L.syntheticBanner, L.syntheticBanner]] : [];
  const summarySheet = addTableSheet(
    workbook,
    L.sections.summary,
    {...summary, rows: [...banner, [reportTitle(a, lang), ""], ...summary.rows, ...lists]},
    a.synthetic ? {tab: "FFC0392B"} : {},
  );
  if (a.synthetic) summarySheet.getRow(2).font = {bold: true, color: {argb: "FFC0392B"}};

  addTableSheet(workbook, L.sections.targets, tables.targets!);
  addTableSheet(workbook, L.sections.evidence, tables.evidence!);
  addTableSheet(workbook, L.sections.breaches, tables.breaches!);
  addTableSheet(workbook, L.sections.indicators, tables.indicators!);
  addTableSheet(workbook, L.sections.provisional, tables.provisional!);
  addTableSheet(workbook, L.sections.tasks, tables.tasks!);
  addTableSheet(workbook, L.sections.units, tables.units!);
  if (tables.changes) addTableSheet(workbook, L.sections.changes.slice(0, 31), tables.changes);
  const caveats = tables.caveats!;
  const feeds = tables.feeds!;
  addTableSheet(workbook, L.sections.caveats, caveats);
  addTableSheet(workbook, L.sections.feeds, feeds);

  const s = a.scorecard;
  const method: Table = {
    id: "method",
    title: L.sections.method,
    columns: [
      {key: "item", header: L.headers.item!, kind: "text"},
      {key: "value", header: L.headers.message!, kind: "text"},
    ],
    rows: [
      ...methodParagraphs(a, lang, judgingRules(catalog, lang)).map((p, i): Cell[] => [String(i + 1), p]),
      [
        "weights",
        `task_on_time_rate ${s.weights.task_on_time_rate} · satisfaction_index ${s.weights.satisfaction_index} · hotline_on_time_rate ${s.weights.hotline_on_time_rate}`,
      ],
      ["breach_penalty", `${s.breach_penalty} · list_size ${s.list_size}`],
      ...a.tier_rules.map((r): Cell[] => [r.rule_id, r.sources ? `${r.rule_text} — ${r.sources}` : r.rule_text]),
    ],
  };
  addTableSheet(workbook, L.sections.method, method);

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimestamps(buffer, stamp);
}

function nameOf(catalog: Catalog, lang: Lang, unitId: string): string {
  const unit = catalog.units.find((u) => u.id === unitId);
  return unit ? (lang === "zh" ? unit.name_zh : unit.name_en) : unitId;
}
