import {extname} from "node:path";

/**
 * Words offices add to a file's name when they send a corrected version: Chinese ones anywhere in the name (they
 * cannot be part of a feed's or a period's name), Latin ones only as a whole word after a separator, so that
 * "renewal" keeps its letters and "new_taxpayer_cases" its first word ("Copy of" is the one that leads).
 */
const CHINESE_MARKERS = [
  "修订版",
  "修订稿",
  "修订",
  "修正版",
  "修正",
  "更正版",
  "更正",
  "修改版",
  "修改稿",
  "修改",
  "最终版",
  "最终稿",
  "最终",
  "终版",
  "定稿",
  "新版",
  "重报",
  "重新报送",
  "补报",
  "副本",
];
const LATIN_MARKERS =
  /^copy of(?![a-z0-9])|(?<=[\s_\-.])(?:v\d{1,3}|rev\d{0,3}|new|final|corrected|correction|fixed|fix|copy)(?![a-z0-9])/g;
/** Bracketed copy counters and versions: (1), （2）, [3], 【更正】, (v2) — what browsers and Windows add. */
const BRACKETED = /[([（【]\s*(?:\d{1,3}|v\d{1,3})\s*[)\]）】]/g;

/**
 * The name a file and its corrected versions share: the file name without its extension, case, full-width forms,
 * correction words (修订版, 更正, 最终版, v2, _new, final …), copy counters such as "(1)" and the separators left
 * over. Dates, months and everything else that tells one period's file from another's stay, so "开办企业_2023-05"
 * and "开办企业_2023-06" never share a name while "开办企业_2023-05_修订版" and "开办企业_2023-05(1)" share the
 * first's. Separators all become "_", so the name is for comparing, not for showing.
 *
 * @example correctionName("开办企业办件_2023年5月（修订版）.xlsx") // "开办企业办件_2023年5月"
 * @example correctionName("Startup_Cases_2023-05_v2 (1).csv") // "startup_cases_2023_05"
 */
export function correctionName(fileName: string): string {
  const stem = fileName.slice(0, fileName.length - extname(fileName).length).normalize("NFKC");
  let name = stem.toLowerCase().replace(BRACKETED, " ");
  for (const marker of CHINESE_MARKERS) name = name.replaceAll(marker, " ");
  name = name.replace(LATIN_MARKERS, " ");
  // Brackets the markers emptied, then every run of separators as one "_" (offices mix "_", "-", " " and "."
  // from one version to the next), none at either end.
  name = name
    .replace(/[([（【]\s*[)\]）】]/g, " ")
    .replace(/[\s_\-.]+/g, "_")
    .replace(/^_|_$/g, "");
  // A name that was nothing but markers keeps its own stem: "v2.csv" is not the same file as "final.csv".
  return name === "" ? stem.toLowerCase() : name;
}
