import type {Warehouse} from "../db.ts";
import {correctionName} from "./correctionName.ts";

/** A file whose latest load was refused: what `bizenv status` lists until it is sent again and loads. */
export interface RefusedFile {
  /** The feed it was recognised as, or null when none was (its headers fit no feed, or it was refused before). */
  feed: string | null;
  file_name: string;
  /** Why it was refused, as `bizenv load` said it (starting with the path it was loaded from). */
  message: string;
  refused_at: string;
}

/**
 * The files still refused: of every file and its corrected versions (one `correctionName`), the latest entry in
 * the load log when that entry is a refusal. A file refused and then loaded, under its own name or as 修订版, v2,
 * (1) …, is no longer listed; one refused twice is listed once, with its latest reason. Oldest first.
 */
export async function refusedFiles(warehouse: Warehouse): Promise<RefusedFile[]> {
  const log = await warehouse.all<RefusedFile & {load_id: number; status: string}>(
    "select load_id, feed, file_name, status, message, finished_at::varchar as refused_at from load_log order by load_id",
  );
  const latest = new Map<string, (typeof log)[number]>();
  for (const entry of log) latest.set(correctionName(entry.file_name), entry);
  return [...latest.values()]
    .filter((e) => e.status === "refused")
    .sort((a, b) => a.load_id - b.load_id)
    .map(({feed, file_name, message, refused_at}) => ({feed, file_name, message, refused_at}));
}
