import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve, sep} from "node:path";
import {loadCatalog, type Catalog} from "../catalog/index.ts";
import type {Contract} from "../ingest/contractSchema.ts";
import {loadContracts} from "../ingest/loadContracts.ts";
import {calendarCitation} from "../calendar/chinaCalendar.ts";
import {epochDay} from "../calendar/localTime.ts";
import {defaultOfficeHours} from "../calendar/officeHours.ts";
import {version} from "../version.ts";
import {areaProfiles} from "./areaProfile.ts";
import {BAD_ROW_RULES, BadRowInjector, type BadRule} from "./badRows.ts";
import {DemoClock, monthsBetween} from "./demoClock.ts";
import {fillFromContract} from "./feeds/contractFill.ts";
import type {DemoContext, DemoPeriod, FeedGenerator} from "./feeds/feedGenerator.ts";
import {feedGenerator} from "./feeds/index.ts";
import {extensionOf, fileStyle, titleRowsFor, type FileStyle} from "./fileStyle.ts";
import {DEMO_STORY, type DemoManifest, type ManifestFile} from "./manifest.ts";
import {PlanTrend} from "./planTrend.ts";
import {createRng} from "./prng.ts";
import {readmeText} from "./readmeText.ts";
import {RowRenderer} from "./renderRow.ts";
import {TextFileWriter} from "./writers/textFileWriter.ts";
import {XlsxFileWriter} from "./writers/xlsxFileWriter.ts";

/** The first month of every demo: the 2021 baseline year starts the series. */
export const DEMO_FIRST_MONTH = "2021-01";
export const DEFAULT_AS_OF = "2023-06-30";
export const DEFAULT_SEED = 2022;
/** Share of rows made deliberately bad. */
const BAD_ROW_RATE = 0.01;

export interface DemoOptions {
  /** Folder to write into (created; the files of an earlier demo listed in its manifest.json are removed first). */
  out: string;
  seed?: number;
  /** Multiplier of case volumes: 1 = a city of 2.5 million; 0.02 for quick tests; 30 for benchmarks. */
  scale?: number;
  /** Last date of the data, `YYYY-MM-DD`. */
  asOf?: string;
  catalog?: Catalog;
  contracts?: Contract[];
  /** Only these feeds (tests); default every contract. */
  feeds?: string[];
  /** Change every file's style (tests write a GBK file's UTF-8 twin with it). Content does not change. */
  restyle?: (style: FileStyle, file: {feed: string; period: string}) => FileStyle;
  /** Told after each file is written. */
  onFile?: (file: ManifestFile, index: number) => void;
}

/**
 * Write a SYNTHETIC set of feed files for Xining, one set per feed contract, plus `README.txt` and
 * `manifest.json`, and return the manifest. Deterministic: the same seed, scale and as-of date give the same
 * bytes. Files are streamed (memory stays flat at any scale). Throws `RangeError` for settings out of range.
 */
export async function generateDemo(options: DemoOptions): Promise<DemoManifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  checkSettings(seed, scale, asOf);
  const catalog = options.catalog ?? loadCatalog();
  const contracts = (options.contracts ?? loadContracts(catalog)).filter(
    (c) => !options.feeds || options.feeds.includes(c.feed),
  );
  const clock = new DemoClock();
  const trend = new PlanTrend(catalog, DEMO_FIRST_MONTH);
  const areas = areaProfiles(catalog);
  const asOfDay = epochDay(asOf);
  const months = monthsBetween(DEMO_FIRST_MONTH, asOf.slice(0, 7));
  const stamp = new Date(`${asOf}T00:00:00Z`);
  mkdirSync(options.out, {recursive: true});
  removePreviousDemo(options.out);

  const run = {out: options.out, seed, catalog, clock, stamp, restyle: options.restyle};
  const files: ManifestFile[] = [];
  const feeds: DemoManifest["feeds"] = [];
  const examples: DemoManifest["bad_row_examples"] = [];
  for (const contract of contracts) {
    const ctx: DemoContext = {catalog, contract, seed, scale, asOf, asOfDay, months, clock, trend, areas};
    const generator = feedGenerator(ctx);
    const injector = new BadRowInjector(contract, catalog, BAD_ROW_RATE);
    mkdirSync(join(options.out, contract.feed), {recursive: true});
    const feedFiles: ManifestFile[] = [];
    for (const period of generator.periods()) {
      const entry = await writePeriodFile({...run, ctx, generator, injector, period, examples});
      if (!entry) continue;
      feedFiles.push(entry);
      options.onFile?.(entry, files.length + feedFiles.length - 1);
    }
    files.push(...feedFiles);
    feeds.push({
      feed: contract.feed,
      name_zh: contract.name_zh,
      contract_version: contract.version,
      contract_sha256: contract.sha256,
      model: generator.description,
      files: feedFiles.length,
      rows: sum(feedFiles, (f) => f.rows),
      bad_rows: sum(feedFiles, (f) => f.bad_rows),
    });
  }

  const hours = defaultOfficeHours().sessions.map((s) => `${clockText(s.start_minute)}–${clockText(s.end_minute)}`);
  const manifest: DemoManifest = {
    synthetic: true,
    notice:
      "SYNTHETIC demo data generated by `bizenv demo` from the feed contracts in sources/feeds. No row describes a " +
      "real case, person, firm or measurement; volumes, durations and trends are assumptions chosen to exercise the " +
      "pipeline (see the story below). Do not publish or cite these values as Xining's.",
    generator: {
      command: `bizenv demo --out <dir> --seed ${seed} --scale ${scale} --as-of ${asOf}`,
      bizenv_version: version(),
      seed,
      scale,
      as_of: asOf,
      first_month: DEMO_FIRST_MONTH,
      bad_row_rate: BAD_ROW_RATE,
    },
    catalog: {plan: catalog.plan.id, catalog_version: catalog.plan.catalog_version, catalog_sha256: catalog.sha256},
    calendar: calendarCitation(),
    office_hours: `${hours.join(" and ")} China time (sources/calendar/office-hours.yaml)`,
    feeds,
    files,
    totals: {
      files: files.length,
      rows: sum(files, (f) => f.rows),
      bad_rows: sum(files, (f) => f.bad_rows),
      bytes: sum(files, (f) => f.bytes),
    },
    bad_row_rules: {...BAD_ROW_RULES},
    bad_row_examples: examples,
    story: [...DEMO_STORY],
  };
  writeFileSync(join(options.out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  writeFileSync(join(options.out, "README.txt"), readmeText(manifest));
  return manifest;
}

/**
 * Write one period's file of a feed in its style, bad rows planted as it streams; its manifest entry, or `null`
 * (and no file) when the period has no rows.
 */
async function writePeriodFile(w: {
  out: string;
  seed: number;
  catalog: Catalog;
  clock: DemoClock;
  stamp: Date;
  restyle: DemoOptions["restyle"];
  ctx: DemoContext;
  generator: FeedGenerator;
  injector: BadRowInjector;
  period: DemoPeriod;
  examples: DemoManifest["bad_row_examples"];
}): Promise<ManifestFile | null> {
  const {contract} = w.ctx;
  const {period} = w;
  const chosen = fileStyle(contract.feed, period.label);
  const style = w.restyle ? w.restyle(chosen.style, {feed: contract.feed, period: period.label}) : chosen.style;
  const file = `${contract.feed}/${period.stem}${extensionOf(style)}`;
  const path = join(w.out, file);
  const renderer = new RowRenderer(contract, w.catalog, style, w.clock);
  const badRng = createRng(w.seed, contract.feed, period.label, "bad-rows");
  const fillRng = createRng(w.seed, contract.feed, period.label, "fill");
  w.injector.startFile(badRng, {keepsSeconds: style.timestamps !== "slash"});
  const titles = style.format === "xlsx" ? titleRowsFor(contract.name_zh, period.label, style.titleRows) : [];
  const headerLine = titles.length + 1;
  const writer =
    style.format === "xlsx"
      ? new XlsxFileWriter(path, {sheet: "数据", titles, headers: renderer.headers(), stamp: w.stamp})
      : new TextFileWriter(path, style);
  if (writer instanceof TextFileWriter) await writer.add(renderer.headers());
  let rows = 0;
  const byRule: Partial<Record<BadRule, number>> = {};
  for (const generated of w.generator.rows(period)) {
    const outcome = w.injector.process(fillFromContract(generated, w.ctx, fillRng, period.label), badRng);
    rows++;
    if (outcome.rule) {
      byRule[outcome.rule] = (byRule[outcome.rule] ?? 0) + 1;
      if (w.examples.filter((e) => e.rule === outcome.rule).length < 3)
        w.examples.push({file, line: headerLine + rows, rule: outcome.rule, column: outcome.column});
    }
    const pending =
      writer instanceof TextFileWriter
        ? writer.add(renderer.text(outcome.row, rows))
        : writer.add(renderer.excel(outcome.row, rows));
    if (pending) await pending;
  }
  const written = await writer.close();
  if (rows === 0) {
    // A header without rows is no file an office sends (and a loader refuses it): leave it out.
    rmSync(path);
    return null;
  }
  const entry = manifestEntry(file, contract.feed, period.label, style, headerLine, rows, byRule, written);
  entry.variety = chosen.variety?.why ?? null;
  return entry;
}

/**
 * Remove the files a previous demo listed in `dir/manifest.json` (only those), so a folder reused with other
 * settings holds no stale months that a later `bizenv load dir` would pick up.
 */
function removePreviousDemo(dir: string): void {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return;
  const previous = JSON.parse(readFileSync(path, "utf8")) as Partial<DemoManifest>;
  if (previous.synthetic !== true || !Array.isArray(previous.files)) return;
  for (const f of previous.files) {
    const file = resolve(dir, f.file);
    if (file.startsWith(resolve(dir) + sep)) rmSync(file, {force: true});
  }
}

/** Whether a folder can take demo files: missing, empty, or holding an earlier demo (its manifest says so). */
export function isDemoFolder(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (readdirSync(dir).length === 0) return true;
  try {
    return (JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {synthetic?: unknown}).synthetic === true;
  } catch {
    return false;
  }
}

/** Guard clauses for the settings (the CLI checks them first with friendlier messages). */
function checkSettings(seed: number, scale: number, asOf: string): void {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`the seed must be a whole number ≥ 0, found ${seed}`);
  if (!(scale > 0 && scale <= 100)) throw new RangeError(`the scale must be above 0 and at most 100, found ${scale}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
    throw new RangeError(`the as-of date must be YYYY-MM-DD, found ${asOf}`);
  if (asOf < `${DEMO_FIRST_MONTH}-01`) throw new RangeError(`the as-of date must be ${DEMO_FIRST_MONTH}-01 or later`);
}

function manifestEntry(
  file: string,
  feed: string,
  period: string,
  style: FileStyle,
  headerLine: number,
  rows: number,
  byRule: Partial<Record<BadRule, number>>,
  written: {bytes: number; sha256: string},
): ManifestFile {
  const text = style.format === "csv";
  return {
    file,
    feed,
    period,
    format: style.format,
    encoding: text ? style.encoding : null,
    delimiter: text ? (style.delimiter === "\t" ? "tab" : "comma") : null,
    line_ending: text ? (style.lineEnding === "crlf" ? "CRLF" : "LF") : null,
    header_language: style.headers === "chinese" ? "zh" : "en",
    value_language: style.values === "chinese" ? "zh" : "en",
    timestamps: style.timestamps,
    areas: style.areas,
    header_line: headerLine,
    rows,
    bad_rows: Object.values(byRule).reduce((a, b) => a + b, 0),
    bad_rows_by_rule: byRule,
    bytes: written.bytes,
    sha256: written.sha256,
    variety: null,
  };
}

function sum<T>(items: T[], f: (item: T) => number): number {
  return items.reduce((total, item) => total + f(item), 0);
}

function clockText(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
