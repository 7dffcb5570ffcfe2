import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {isAbsolute, join, resolve} from "node:path";
import type {Io} from "../io.ts";
import {loadCatalog} from "../catalog/index.ts";
import {exportsPath, warehousePath} from "../config.ts";
import {Warehouse} from "../db.ts";
import {UsageError} from "../errors.ts";
import {faultPointFromEnv} from "../faultPoint.ts";
import {loadContracts} from "../ingest/loadContracts.ts";
import {openWarehouse} from "../openWarehouse.ts";
import {calendarCitation} from "../calendar/chinaCalendar.ts";
import {BENCHMARKS_DIR, readBenchmarks} from "../scoring/readBenchmarks.ts";
import {projectRoot} from "../version.ts";
import {assessmentManifest} from "./assessmentManifest.ts";
import {assessmentsIndex} from "./assessmentsIndex.ts";
import {assessPeriod} from "./assessPeriod.ts";
import {buildAssessment} from "./buildAssessment.ts";
import {codeVersion} from "./codeVersion.ts";
import {listEditions, nextEditionNumber, saveEdition, type EditionFile} from "./editionStore.ts";
import {chromiumPath, printPdf} from "./printPdf.ts";
import {readAssessmentInputs, type AssessmentInputs} from "./readAssessmentInputs.ts";
import {readWarehouseLoads} from "./readWarehouseLoads.ts";
import {renderHtml} from "./renderHtml.ts";
import {reportTitle, type ReportMeta} from "./reportTables.ts";
import {recoverEditionFolders, refuseForeignFolder, StagedFiles, StagedFolder} from "./stagedFiles.ts";
import type {Assessment, AssessmentSummary, Caveat, Lang} from "./types.ts";
import {writeWorkbook} from "./writeWorkbook.ts";
import {LABELS} from "./labels.ts";

export interface AssessOptions {
  year?: string;
  quarter?: string;
  out?: string;
  final?: boolean;
  lang?: string;
  /** false with --no-pdf. */
  pdf?: boolean;
  exports?: string;
}

export interface AssessDeps {
  io: Io;
  /** The clock: `generated_at` of the outputs. */
  now: () => Date;
  /** The PDF printer (tests may pass a stub). */
  print?: typeof printPdf;
}

/** What a run wrote, for the command's output. */
export interface AssessRun {
  scope: string;
  edition: number | null;
  dir: string;
  synthetic: boolean;
  files: EditionFile[];
  summary: AssessmentSummary;
  caveats: Caveat[];
  index: string | null;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** The exports folder: --exports (relative to the working directory), else `exportsPath` ($BIZENV_EXPORTS). */
function resolveExportsDir(given: string | undefined, io: Io): string {
  if (!given) return exportsPath(io.env);
  return isAbsolute(given) ? given : resolve(io.cwd, given);
}

/** ISO time to the second, UTC: `2023-07-01T02:00:00Z`. */
const isoSecond = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The warehouse's load log for evidence, read-only (a draft never writes the warehouse). Absent or busy: the
 * assessment still runs on the exports alone and says so in its caveats.
 */
async function warehouseLoadsReadOnly(io: Io): Promise<Pick<AssessmentInputs, "warehouseLoads" | "warehouseNote">> {
  const path = warehousePath(io.env, io.cwd);
  if (!existsSync(path)) return {warehouseLoads: null, warehouseNote: `no warehouse at ${path}`};
  let warehouse: Warehouse | undefined;
  try {
    warehouse = await Warehouse.open(path, {readOnly: true});
    return {warehouseLoads: await readWarehouseLoads(warehouse), warehouseNote: null};
  } catch (error) {
    return {warehouseLoads: null, warehouseNote: (error as Error).message.split("\n")[0]!};
  } finally {
    warehouse?.close();
  }
}

/** A folder holding a frozen edition is never written again (its files' hashes are in the warehouse). */
function refuseFrozenFolder(dir: string): void {
  const manifest = join(dir, "manifest.json");
  if (!existsSync(manifest)) return;
  let frozen: {final?: boolean; edition?: number} = {};
  try {
    frozen = JSON.parse(readFileSync(manifest, "utf8")) as typeof frozen;
  } catch {
    return;
  }
  if (frozen.final) {
    throw new UsageError(
      `${dir} holds frozen assessment edition ${frozen.edition}, which is never overwritten`,
      "choose another --out, or leave it out to use the default folder",
    );
  }
}

/**
 * `bizenv assess`: assess a year (or a quarter) from the exported figures and write the workbook, the HTML report,
 * the PDF, the figures as JSON and manifest.json (last) into one folder of their own: a temporary sibling folder that
 * takes the folder's place by rename once all are written (`StagedFolder`), so the folder holds the previous
 * assessment or the new one, never a mix. With `final`, the edition is frozen in the warehouse in the same step
 * (edition number, figures, every file's sha256), its folder is switched into place after COMMIT, and the exports
 * folder's assessments.json lists it. Fault points (`BIZENV_FAULT`): `assessing` (all written, nothing renamed),
 * `assessed` (`--final`: committed, not yet renamed), `switching` (between the two renames).
 */
export async function runAssess(options: AssessOptions, deps: AssessDeps): Promise<AssessRun> {
  const {io} = deps;
  const fault = faultPointFromEnv(io.env);
  const lang = (options.lang ?? "zh") as Lang;
  if (lang !== "zh" && lang !== "en")
    throw new UsageError(`--lang expects zh or en, found ${JSON.stringify(options.lang)}`);
  const period = assessPeriod(options);
  const catalog = loadCatalog();
  const contracts = loadContracts(catalog);
  const benchmarks = readBenchmarks(catalog);
  const exportsDir = resolveExportsDir(options.exports, io);
  const exported = readAssessmentInputs(exportsDir);
  const generatedAt = isoSecond(deps.now());
  const version = codeVersion(io.env);
  const print = deps.print ?? printPdf;
  const wantPdf = options.pdf !== false;
  const outFor = (edition: number | null) =>
    options.out
      ? resolve(io.cwd, options.out)
      : join(projectRoot, "data", "assessments", period.id, edition === null ? "draft" : `edition-${edition}`);

  /** Render every output of one edition (or draft) into staged files; manifest.json last. */
  const render = async (assessment: Assessment, inputs: AssessmentInputs, edition: number | null) => {
    const dir = outFor(edition);
    refuseFrozenFolder(dir);
    refuseForeignFolder(dir);
    const meta: ReportMeta = {edition, generated_at: generatedAt, code_version: version, calendar: calendarCitation()};
    const base = `assessment-${period.id}`;
    const figuresJson = JSON.stringify(assessment, null, 1) + "\n";
    const html = renderHtml(assessment, catalog, lang, meta);
    const staged = new StagedFolder(dir, {keepFrozen: edition === null});
    try {
      staged.write(`${base}.xlsx`, "workbook", await writeWorkbook(assessment, catalog, lang, meta));
      staged.write(`${base}.html`, "html", html);
      if (wantPdf) {
        const pdf = await print(html, {
          executablePath: chromiumPath(io.env),
          title: reportTitle(assessment, lang),
          headerText: assessment.synthetic ? LABELS[lang].syntheticBanner : null,
        });
        staged.write(`${base}.pdf`, "pdf", pdf);
      }
      staged.write(`${base}.json`, "figures", figuresJson);
      const manifest = assessmentManifest({
        assessment,
        inputs,
        edition,
        lang,
        generatedAt,
        codeVersion: version,
        calendarCode: calendarCitation(),
        scorecardSha256: sha256(readFileSync(join(BENCHMARKS_DIR, "unit-score.yaml"))),
        figuresSha256: sha256(figuresJson),
        outputs: staged.files.map(({name, kind, bytes, sha256: hash}) => ({name, kind, bytes, sha256: hash})),
      });
      const manifestJson = JSON.stringify(manifest, null, 2) + "\n";
      staged.write("manifest.json", "manifest", manifestJson);
      fault?.("assessing");
      return {dir, staged, figuresJson, manifestJson};
    } catch (error) {
      staged.discard();
      throw error;
    }
  };

  const result = (
    assessment: Assessment,
    dir: string,
    edition: number | null,
    staged: StagedFolder,
    index: string | null,
  ): AssessRun => ({
    scope: period.id,
    edition,
    dir,
    synthetic: assessment.synthetic,
    files: staged.files.map(({name, kind, bytes, sha256: hash}) => ({name, kind, bytes, sha256: hash})),
    summary: assessment.summary,
    caveats: assessment.caveats,
    index,
  });

  if (!options.final) {
    const inputs: AssessmentInputs = {...exported, ...(await warehouseLoadsReadOnly(io))};
    const assessment = buildAssessment({catalog, contracts, inputs, period, benchmarks});
    const {dir, staged} = await render(assessment, inputs, null);
    staged.commit(fault);
    return result(assessment, dir, null, staged, null);
  }

  const {warehouse} = await openWarehouse({env: io.env, cwd: io.cwd, catalog});
  try {
    // An edition committed by a run killed before its folder was renamed into place: finish that first.
    recoverEditionFolders(await listEditions(warehouse));
    const inputs: AssessmentInputs = {
      ...exported,
      warehouseLoads: await readWarehouseLoads(warehouse),
      warehouseNote: null,
    };
    const assessment = buildAssessment({catalog, contracts, inputs, period, benchmarks});
    let rendered: Awaited<ReturnType<typeof render>> | undefined;
    let edition = 0;
    await warehouse
      .transaction(async () => {
        edition = await nextEditionNumber(warehouse);
        rendered = await render(assessment, inputs, edition);
        await saveEdition(warehouse, {
          edition,
          assessment,
          figuresJson: rendered.figuresJson,
          lang,
          createdAt: generatedAt,
          codeVersion: version,
          outDir: rendered.dir,
          manifestJson: rendered.manifestJson,
          files: rendered.staged.files.map(({name, kind, bytes, sha256: hash}) => ({name, kind, bytes, sha256: hash})),
        });
      })
      .catch((error: unknown) => {
        rendered?.staged.discard();
        throw error;
      });
    fault?.("assessed");
    rendered!.staged.commit(fault);
    // The dashboards' list of editions, next to the exports they read.
    const index = new StagedFiles(exportsDir);
    index.write(
      "assessments.json",
      "index",
      JSON.stringify(assessmentsIndex(await listEditions(warehouse), projectRoot, generatedAt), null, 2) + "\n",
    );
    index.commit();
    return result(assessment, rendered!.dir, edition, rendered!.staged, join(exportsDir, "assessments.json"));
  } finally {
    warehouse.close();
  }
}
