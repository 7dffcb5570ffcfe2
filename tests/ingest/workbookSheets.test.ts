// How a later sheet's columns are placed in the first loaded sheet's layout (workbookSheets.ts, shared by the loader
// and the browser's file check): by the contract column each header carries, a time-of-day column by the timestamp
// it completes; a column the first sheet lacks refuses the file instead of being dropped.
import {describe, expect, it} from "vitest";
import {placeCells, placeColumns, sheetRowOf} from "../../pipeline/ingest/workbookSheets.ts";

const match = (byColumn: Array<[string, number]>, timeOf: Array<[string, number]> = [], synthetic?: number) => ({
  contract: {feed: "startup_cases"},
  byColumn: new Map(byColumn),
  timeOf: new Map(timeOf),
  synthetic,
});

const first = {
  sheet: "城东区",
  headers: ["办件编号", "受理日期", "受理时间", "备注"],
  match: match(
    [
      ["case_id", 0],
      ["applied_at", 1],
    ],
    [["applied_at", 2]],
  ),
};

describe("placeColumns", () => {
  it("places a later sheet's date, its time of day and an extra column where the first sheet has them", () => {
    const later = {
      headers: ["备注", "受理时间", "受理日期", "办件编号"],
      match: match(
        [
          ["case_id", 3],
          ["applied_at", 2],
        ],
        [["applied_at", 1]],
      ),
    };
    const place = placeColumns("城西区", later, first);
    expect(place).toEqual([3, 2, 1, 0]);
    expect(placeCells(["note", "09:30:00", "2022-03-01", "P-1"], place as number[], 4)).toEqual([
      "P-1",
      "2022-03-01",
      "09:30:00",
      "note",
    ]);
  });

  it("refuses a later sheet whose time-of-day column the first sheet lacks, rather than drop the times", () => {
    const firstWithoutTime = {
      ...first,
      headers: ["办件编号", "受理日期"],
      match: match([
        ["case_id", 0],
        ["applied_at", 1],
      ]),
    };
    const later = {headers: first.headers, match: first.match};
    expect(placeColumns("城西区", later, firstWithoutTime)).toEqual({
      refuse: expect.stringContaining(
        "sheet 城西区 has column 受理时间 (the time of day of applied_at) that sheet 城东区 lacks",
      ),
    });
  });

  it("drops a header of no contract the first sheet does not have (-1)", () => {
    const later = {
      headers: ["办件编号", "受理日期", "联系人"],
      match: match([
        ["case_id", 0],
        ["applied_at", 1],
      ]),
    };
    expect(placeColumns("城西区", later, first)).toEqual([0, 1, -1]);
  });
});

describe("sheetRowOf", () => {
  it("reads a line as the n-th sheet read and its row there", () => {
    const sheets = {
      read: [
        {name: "城东区", header_row: 2, rows: 2, hidden_rows: []},
        {name: "城西区", header_row: 1, rows: 2, hidden_rows: []},
      ],
      skipped: [],
    };
    expect(sheetRowOf(sheets, 5)).toEqual({sheet: "城东区", row: 5});
    expect(sheetRowOf(sheets, 10_000_003)).toEqual({sheet: "城西区", row: 3});
    expect(sheetRowOf(sheets, 20_000_001)).toBeUndefined();
  });
});
