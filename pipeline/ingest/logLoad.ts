import {basename} from "node:path";
import type {Warehouse} from "../db.ts";
import type {Contract} from "./contractSchema.ts";
import type {Staged} from "./stageFile.ts";

/**
 * Writes a file's row of load_log: a loaded file's inside its load's transaction, a refused file's in one of its own
 * (what was learnt of it before the refusal, null where staging or recognising it never got that far). rows_read is
 * loaded + rejected for a loaded file, so the log itself shows that every row is accounted for.
 */
export async function logLoad(
  warehouse: Warehouse,
  e: {
    id: number;
    feed: string | null;
    path: string;
    archived: string | null;
    sha256: string;
    bytes: number;
    staged: Staged | null;
    sniffedFormat: string | null;
    contract: Contract | null;
    loaded: number;
    rejected: number;
    status: "loaded" | "refused";
    message: string;
    replaces: number | null;
    synthetic: boolean;
    dataFrom: string | null;
    dataTo: string | null;
    /** A loaded delimited text file's decimal mark (decimalMark.ts); null otherwise. */
    decimalMark: string | null;
    startedAt: Date;
    finishedAt: Date;
  },
): Promise<void> {
  await warehouse.run(
    `insert into load_log (load_id, feed, file_name, file_path, archived_path, sha256, bytes, format, encoding, delimiter, header_line,
       contract_version, contract_sha256, rows_read, rows_loaded, rows_rejected, status, message, replaces_load_id, is_synthetic,
       data_from, data_to, started_at, finished_at, sheets, rows_hidden, decimal_mark)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)`,
    [
      e.id,
      e.feed,
      basename(e.path),
      e.path,
      e.archived,
      e.sha256,
      e.bytes,
      e.sniffedFormat,
      e.staged?.encoding ?? null,
      e.staged?.delimiter ?? null,
      e.staged?.headerLine ?? null,
      e.contract?.version ?? null,
      e.contract?.sha256 ?? null,
      e.status === "loaded" ? e.loaded + e.rejected : (e.staged?.rowsRead ?? 0),
      e.loaded,
      e.rejected,
      e.status,
      e.message,
      e.replaces,
      e.synthetic,
      e.dataFrom,
      e.dataTo,
      e.startedAt.toISOString(),
      e.finishedAt.toISOString(),
      e.staged?.sheets ? JSON.stringify(e.staged.sheets) : null,
      e.staged?.sheets ? e.staged.sheets.read.reduce((n, s) => n + s.hidden_rows.length, 0) : null,
      e.decimalMark,
    ],
  );
}
