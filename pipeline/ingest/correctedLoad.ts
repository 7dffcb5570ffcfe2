import type {Warehouse} from "../db.ts";
import type {Contract} from "./contractSchema.ts";
import {correctionName} from "./correctionName.ts";
import {feedTable} from "./feedTable.ts";
import {ident} from "./sql.ts";

/** A load in force of the same feed whose file name is this file's, or this file's but for correction words. */
export interface EarlierVersion {
  load_id: number;
  file_name: string;
  /** Good rows of this file whose key that load holds. */
  overlap: number;
}

/** What to do with a file that may correct an earlier load: supersede it, load as new, or refuse (with why). */
export type Correction = {replaces: EarlierVersion | null; note: string} | {refuse: string};

/**
 * Whether the file staged in temp table `checked` corrects an earlier load of the same feed, and what follows.
 * Its versions are the loads in force of the feed under the same `correctionName` (开办企业_5月.xlsx,
 * 开办企业_5月（修订版）.xlsx, 开办企业_5月 (1).xlsx …); a version "covers the same period" when it holds keys of
 * this file's good rows. With `replace`, the latest version sharing keys (else the latest of the very same file
 * name) is superseded. Without it, a file sharing keys with a version is refused with the advice to use --replace
 * (loading it would only reject those rows as duplicates, keeping the uncorrected values), and one sharing none is
 * new data — such as next month's file sent under the same name — and loads.
 */
export async function correctedLoad(
  warehouse: Warehouse,
  contract: Contract,
  fileName: string,
  replace: boolean,
): Promise<Correction> {
  const versions = await earlierVersions(warehouse, contract, fileName);
  const overlapping = versions.filter((v) => v.overlap > 0);
  const sameName = versions.filter((v) => v.file_name === fileName);
  if (replace) {
    const target = overlapping[0] ?? sameName[0] ?? null;
    return {
      replaces: target,
      note: target
        ? `supersedes load ${target.load_id} (${target.file_name})`
        : "nothing to replace (no earlier load of this file name or a corrected version of it)",
    };
  }
  const earlier = overlapping[0];
  if (earlier) {
    const what =
      earlier.file_name === fileName
        ? `this file name was loaded before with other content (load ${earlier.load_id})`
        : `a corrected version of ${earlier.file_name} (load ${earlier.load_id})`;
    return {
      refuse:
        `${what}, and ${earlier.overlap} of its rows have keys that load holds; nothing was loaded. ` +
        `To load it in place of load ${earlier.load_id}, run bizenv load again with --replace`,
    };
  }
  return {replaces: null, note: ""};
}

/** The feed's loads in force under this file's correction name, latest first, with the keys they share with it. */
async function earlierVersions(warehouse: Warehouse, contract: Contract, fileName: string): Promise<EarlierVersion[]> {
  const name = correctionName(fileName);
  const loads = (
    await warehouse.all<{load_id: number; file_name: string}>(
      "select load_id, file_name from load_log where feed = $1 and status = 'loaded' order by load_id desc",
      [contract.feed],
    )
  ).filter((l) => correctionName(l.file_name) === name);
  if (loads.length === 0) return [];
  const keyOn = contract.key.map((k) => `c.${ident(k)} = f.${ident(k)}`).join(" and ");
  // Load ids come from the warehouse as integers: listed inline, never text of the file.
  const ids = loads.map((l) => Math.trunc(Number(l.load_id))).join(", ");
  const overlaps = await warehouse.all<{load_id: number; overlap: number}>(
    `select f._load_id as load_id, count(distinct c._line)::integer as overlap
     from checked c join ${feedTable(contract)} f on ${keyOn}
     where not c._bad and f._load_id in (${ids}) group by 1`,
  );
  const byLoad = new Map(overlaps.map((o) => [o.load_id, o.overlap]));
  return loads.map((l) => ({load_id: l.load_id, file_name: l.file_name, overlap: byLoad.get(l.load_id) ?? 0}));
}
