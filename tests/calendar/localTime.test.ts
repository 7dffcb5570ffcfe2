import {describe, expect, it} from "vitest";
import {
  dateFromEpochDay,
  epochDay,
  formatLocalTimestamp,
  fromInstant,
  isoWeekday,
  parseLocalTimestamp,
} from "../../pipeline/calendar/localTime.ts";

describe("parseLocalTimestamp", () => {
  it("reads dates and date-times as China local time", () => {
    expect(parseLocalTimestamp("2023-10-07")).toEqual({date: "2023-10-07", minute: null});
    // 20:00 = 20 × 60 = 1200 minutes after midnight.
    expect(parseLocalTimestamp("2023-10-07T20:00")).toEqual({date: "2023-10-07", minute: 1200});
    expect(parseLocalTimestamp("2023-10-07 08:30:30")).toEqual({date: "2023-10-07", minute: 510.5});
  });

  it("refuses impossible or zoned input with a message saying what is wrong", () => {
    expect(() => parseLocalTimestamp("2023-02-29")).toThrow(/2023-02 has 28 days/);
    expect(() => parseLocalTimestamp("2023-13-01")).toThrow(/month 13/);
    expect(() => parseLocalTimestamp("2023-10-07T24:00")).toThrow(/hours run 00–23/);
    expect(() => parseLocalTimestamp("2023-10-07T10:00Z")).toThrow(/without a zone suffix/);
    expect(() => parseLocalTimestamp("7 Oct 2023")).toThrow(/expected YYYY-MM-DD/);
  });
});

describe("day arithmetic", () => {
  it("numbers days from 1970-01-01 and back", () => {
    expect(epochDay("1970-01-01")).toBe(0);
    expect(dateFromEpochDay(epochDay("2024-02-29") + 1)).toBe("2024-03-01");
  });

  it("knows the weekday (2023-10-07 was a Saturday, 2023-09-28 a Thursday)", () => {
    expect(isoWeekday("2023-10-07")).toBe(6);
    expect(isoWeekday("2023-09-28")).toBe(4);
    expect(isoWeekday("2023-10-08")).toBe(7);
  });

  it("converts an instant to Xining wall-clock time (UTC+8) whatever the host zone", () => {
    // 12:00 UTC = 20:00 in China.
    expect(fromInstant(new Date("2023-10-07T12:00:00Z"))).toEqual({date: "2023-10-07", minute: 1200});
    // 20:00 UTC = 04:00 next day in China.
    expect(fromInstant(new Date("2023-10-07T20:00:00Z"))).toEqual({date: "2023-10-08", minute: 240});
  });

  it("formats back to the input form", () => {
    expect(formatLocalTimestamp({date: "2023-10-07", minute: 1200})).toBe("2023-10-07T20:00");
    expect(formatLocalTimestamp({date: "2023-10-07", minute: null})).toBe("2023-10-07");
  });
});
