import type {Warehouse} from "../db.ts";

/** A file whose latest load was refused: what `bizenv status` lists until it is sent again and loads. */
export interface RefusedFile {
  /** The feed it was recognised as, or null when no feed was (its headers fit none). */
  feed: string | null;
  file_name: string;
  /** Why it was refused, as `bizenv load` said it (starting with the path it was loaded from). */
  message: string;
  refused_at: string;
}

/**
 * The files still refused: for every file name in the load log, its latest entry when that entry is a refusal.
 * A file refused and later loaded (corrected and sent again under the same name) is no longer listed; one
 * refused twice is listed once, with its latest reason. Oldest first.
 */
export async function refusedFiles(warehouse: Warehouse): Promise<RefusedFile[]> {
  return await warehouse.all<RefusedFile>(
    `select feed, file_name, message, finished_at::varchar as refused_at
     from (select *, row_number() over (partition by file_name order by load_id desc) as nth from load_log)
     where nth = 1 and status = 'refused'
     order by load_id`,
  );
}
