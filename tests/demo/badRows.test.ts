// A row re-sent from an earlier file must be the same row after the new file writes it: a file whose timestamps
// drop the seconds (Excel's 2022/3/5 9:30) would otherwise send 10:07 for 10:07:06, which the loader rightly takes
// as a new report of a case (start-up cases have a report order), not as the row sent again; the default-seed demo
// planted 9,713 bad rows and the loader rejected 9,712.
import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {BadRowInjector} from "../../pipeline/demo/badRows.ts";
import {timeCell, type Row} from "../../pipeline/demo/cells.ts";
import {createRng} from "../../pipeline/demo/prng.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";

const catalog = loadCatalog();
const contract = loadContracts(catalog).find((c) => c.feed === "startup_cases")!;
const DAY = 19_000;
const row = (i: number, second: number): Row => ({
  case_id: `SU-${i}`,
  area: "城东区",
  applied_at: timeCell(DAY, 9 * 3600 + second),
  completed_at: timeCell(DAY + 1, 10 * 3600 + second),
  channel: "online",
  procedures: 3,
  cost_yuan: 0,
});

/** The rows re-sent into a second file (of 200 corruptions) after a first file of `first` rows. */
function resent(first: Row[], keepsSeconds: boolean): Row[] {
  const rng = createRng(7, "badRows", "test");
  // A first file of good rows (rate 0), then the second file's corruptions, asked for directly (the private
  // `corrupt`, which `process` calls for one row in a hundred) and kept when they are re-sends.
  const good = new BadRowInjector(contract, catalog, 0);
  good.startFile(rng);
  for (const r of first) good.process(r, rng);
  good.startFile(rng, {keepsSeconds});
  const out: Row[] = [];
  for (let i = 0; i < 200; i++) {
    const outcome = good["corrupt"](row(1000 + i, 0), rng);
    if (outcome?.rule === "duplicate_key_from_earlier_file") out.push(outcome.row);
  }
  return out;
}

describe("re-sent rows", () => {
  const first = Array.from({length: 40}, (_, i) => row(i, i % 2 === 0 ? 0 : 6));

  it("come from any earlier row when the file keeps the seconds", () => {
    const rows = resent(first, true);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => (r.applied_at as {second: number}).second % 60 !== 0)).toBe(true);
  });

  it("are whole-minute rows only when the file drops the seconds", () => {
    const rows = resent(first, false);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect((r.applied_at as {second: number}).second % 60, String(r.case_id)).toBe(0);
  });

  it("are not planted at all when no earlier row is whole minutes", () => {
    expect(
      resent(
        first.filter((r) => (r.applied_at as {second: number}).second % 60 !== 0),
        false,
      ),
    ).toEqual([]);
  });
});
