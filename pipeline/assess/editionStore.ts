import {createHash} from "node:crypto";
import type {Warehouse} from "../db.ts";
import {MissingDataError, WarehouseError} from "../errors.ts";
import type {Assessment} from "./types.ts";

/** One file an edition wrote. */
export interface EditionFile {
  name: string;
  /** workbook · html · pdf · figures · manifest */
  kind: string;
  bytes: number;
  sha256: string;
}

/** An edition as listed (without its figures). */
export interface EditionRow {
  edition: number;
  scope: string;
  period_kind: "year" | "quarter";
  year: number;
  quarter: number | null;
  lang: string;
  created_at: string;
  as_of: string;
  evaluated_at: string;
  is_synthetic: boolean;
  code_version: string;
  catalog_version: string;
  out_dir: string;
  figures_sha256: string;
  files: EditionFile[];
}

export interface NewEdition {
  edition: number;
  assessment: Assessment;
  figuresJson: string;
  lang: string;
  createdAt: string;
  codeVersion: string;
  outDir: string;
  manifestJson: string;
  files: EditionFile[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The number the next edition gets: one more than the last, over all periods (editions are numbered globally). */
export async function nextEditionNumber(warehouse: Warehouse): Promise<number> {
  const [row] = await warehouse.all<{n: number | null}>("select max(edition) as n from assessment_editions");
  return (row?.n ?? 0) + 1;
}

/**
 * Store an edition and its files. Insert only: nothing in bizenv updates or deletes an edition. Run it inside the
 * transaction that took the edition number, so two runs cannot take the same one (DuckDB's file lock already keeps a
 * second writer out).
 */
export async function saveEdition(warehouse: Warehouse, e: NewEdition): Promise<void> {
  const a = e.assessment;
  await warehouse.run(
    `insert into assessment_editions (edition, scope, period_kind, year, quarter, lang, created_at, as_of, evaluated_at,
       is_synthetic, code_version, catalog_version, catalog_sha256, calendar, exports_generated_at, out_dir, figures,
       figures_sha256, manifest)
     values ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8::date, $9::date, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      e.edition,
      a.period.id,
      a.period.kind,
      a.period.year,
      a.period.quarter,
      e.lang,
      e.createdAt,
      a.as_of,
      a.evaluated_at,
      a.synthetic,
      e.codeVersion,
      a.catalog_version,
      a.catalog_sha256,
      a.calendar,
      a.exports_generated_at,
      e.outDir,
      e.figuresJson,
      sha256(e.figuresJson),
      e.manifestJson,
    ],
  );
  for (const f of e.files) {
    await warehouse.run("insert into assessment_edition_files values ($1, $2, $3, $4, $5)", [
      e.edition,
      f.name,
      f.kind,
      f.bytes,
      f.sha256,
    ]);
  }
}

/** Every edition, oldest first, with its files. */
export async function listEditions(warehouse: Warehouse): Promise<EditionRow[]> {
  const rows = await warehouse.all<Omit<EditionRow, "files">>(
    `select edition, scope, period_kind, year, quarter, lang,
            strftime(created_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as created_at,
            as_of::varchar as as_of, evaluated_at::varchar as evaluated_at, is_synthetic, code_version,
            catalog_version, out_dir, figures_sha256
     from assessment_editions order by edition`,
  );
  const files = await warehouse.all<EditionFile & {edition: number}>(
    "select edition, name, kind, bytes, sha256 from assessment_edition_files order by edition, name",
  );
  return rows.map((r) => ({
    ...r,
    files: files.filter((f) => f.edition === r.edition).map(({edition: _e, ...f}) => f),
  }));
}

/**
 * The figures of a frozen edition, checked against the hash stored with them: an edition whose figures were edited
 * in the warehouse is refused rather than compared.
 */
export async function loadEditionFigures(warehouse: Warehouse, edition: number): Promise<Assessment> {
  const [row] = await warehouse.all<{figures: string; figures_sha256: string}>(
    "select figures, figures_sha256 from assessment_editions where edition = $1",
    [edition],
  );
  if (!row) {
    throw new MissingDataError(`there is no assessment edition ${edition}`, "list them with `bizenv assess list`");
  }
  if (sha256(row.figures) !== row.figures_sha256) {
    throw new WarehouseError(
      `assessment edition ${edition} was altered after it was frozen (its figures no longer match their sha256)`,
      {
        code: "edition_altered",
      },
    );
  }
  return JSON.parse(row.figures) as Assessment;
}
