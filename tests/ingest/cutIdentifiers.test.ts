// Long identifiers ending in zeros (issue 13, office files; found on the customs feed's 16-digit declaration
// numbers): Excel cuts every long number of a column it took for numbers to 15 significant digits, so a column where
// one long value kept all its digits was kept as text, and its 16- and 17-digit values that happen to end in zeros
// (one real number in ten, or in a hundred) are real. 18 digits ending 000 stay refused (one in a thousand). The
// loader (SQL) and the browser's file check (rowRules.ts) must agree value for value.
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {chinaWallClock} from "../../pipeline/calendar/chinaWallClock.ts";
import {checkRows, recognizeFeed, referencesFromCatalog, type RuleContract} from "../../pipeline/ingest/rowRules.ts";
import {isCutId, keptAsText} from "../../pipeline/ingest/rowMessages.ts";
import {TEST_NOW, tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const references = referencesFromCatalog(catalog);
const HEADERS = ["case_id", "area", "applied_at", "completed_at", "channel", "procedures", "cost_yuan", "synthetic"];
const row = (id: string, day: number) => [
  id,
  "城东区",
  `2022-03-${String(day).padStart(2, "0")} 09:30`,
  `2022-03-${String(day).padStart(2, "0")} 15:00`,
  "online",
  "2",
  "0",
  "true",
];

let wh: TempWarehouse;
beforeAll(() => {
  wh = tempWarehouse();
});
afterAll(() => wh.remove());

/** Load the ids as a startup_cases file with the real loader and check them with rowRules: the rejected ids. */
async function rejectedIds(
  name: string,
  ids: string[],
): Promise<{loader: string[]; browser: string[]; loaded: string[]}> {
  const rows = ids.map((id, i) => row(id, 1 + (i % 28)));
  const path = join(wh.dir, `${name}.csv`);
  writeFileSync(path, [HEADERS, ...rows].map((r) => r.join(",")).join("\n") + "\n");
  const [result] = await wh.load([path], {feed: "startup_cases"});
  expect(result!.status, result!.message).toBe("loaded");
  const loader = await wh.query<{value: string}>(
    "select value from load_rejects where load_id = $1 and rule = 'identifier' order by line",
    [result!.load_id],
  );
  const loaded = await wh.query<{case_id: string}>(
    "select case_id from feed_startup_cases where _load_id = $1 order by _line",
    [result!.load_id],
  );
  const match = recognizeFeed(HEADERS, contracts as RuleContract[], "startup_cases");
  if ("refuse" in match) throw new Error(match.refuse);
  const checked = checkRows(
    match,
    rows.map((cells, i) => ({line: i + 2, cells})),
    {references, now: chinaWallClock(TEST_NOW), width: HEADERS.length},
  );
  return {
    loader: loader.map((r) => r.value),
    browser: checked.errors.filter((e) => e.rule === "identifier").map((e) => e.value!),
    loaded: loaded.map((r) => r.case_id),
  };
}

describe("identifiers ending in zeros", () => {
  it("loads 16- and 17-digit numbers ending in zeros from a column that kept its long numbers whole", async () => {
    const ids = ["6001202101000039", "6001202101000040", "6001202101000041", "60012021010000500", "600120210100001"];
    const got = await rejectedIds("kept-as-text", ids);
    expect(got.loader).toEqual([]);
    expect(got.browser).toEqual([]);
    expect(got.loaded).toEqual(ids);
  });

  it("refuses every long number of a column Excel cut (no value keeps a digit after the 15th)", async () => {
    const ids = ["6001202101000000", "6001202101000100", "60012021010002000", "SU-0001"];
    const got = await rejectedIds("cut", ids);
    expect(got.loader).toEqual(ids.slice(0, 3));
    expect(got.browser).toEqual(ids.slice(0, 3));
    expect(got.loaded).toEqual(["SU-0001"]);
  });

  it("refuses 18 digits ending 000 even beside whole ones: a real number ends so once in a thousand", async () => {
    const ids = ["630102199001011234", "630102199001010000", "6001202101000040"];
    const got = await rejectedIds("eighteen", ids);
    // The loader stores the identity-shaped number withheld (personalData.ts); one rejection, the 18-digit one.
    expect(got.loader).toHaveLength(1);
    expect(got.browser).toEqual(["630102199001010000"]);
    expect(got.loaded).toEqual(["630102199001011234", "6001202101000040"]);
  });

  it("decides from the column: one whole long value is enough", () => {
    expect(keptAsText(["6001202101000040", null, "12"])).toBe(false);
    expect(keptAsText(["6001202101000040", "6001202101000041"])).toBe(true);
    expect(isCutId("6001202101000040", true)).toBe(false);
    expect(isCutId("6001202101000040", false)).toBe(true);
    expect(isCutId("630102199001010000", true)).toBe(true);
    expect(isCutId("600120210100004", false)).toBe(false);
  });
});
