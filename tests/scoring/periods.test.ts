import {describe, expect, it} from "vitest";
import {monthEnd, periodOf, periodsBetween, segmentLabel} from "../../pipeline/scoring/periods.ts";

describe("periods", () => {
  it("labels months, quarters and years as the exports do", () => {
    expect(periodOf("2022-05-17", "month")).toEqual({
      period_type: "month",
      period: "2022-05",
      period_start: "2022-05-01",
    });
    expect(periodOf("2022-05-17", "quarter")).toEqual({
      period_type: "quarter",
      period: "2022-Q2",
      period_start: "2022-04-01",
    });
    expect(periodOf("2022-12-31", "quarter").period).toBe("2022-Q4");
    expect(periodOf("2022-05-17", "year")).toEqual({period_type: "year", period: "2022", period_start: "2022-01-01"});
  });

  it("lists every period between two dates, across year ends", () => {
    expect(periodsBetween("2022-11-03", "2023-01-10", "month").map((p) => p.period)).toEqual([
      "2022-11",
      "2022-12",
      "2023-01",
    ]);
    expect(periodsBetween("2022-08-01", "2023-06-30", "quarter").map((p) => p.period)).toEqual([
      "2022-Q3",
      "2022-Q4",
      "2023-Q1",
      "2023-Q2",
    ]);
    expect(periodsBetween("2021-01-01", "2023-06-30", "year").map((p) => p.period)).toEqual(["2021", "2022", "2023"]);
    expect(periodsBetween("2023-01-01", "2022-01-01", "month")).toEqual([]);
  });

  it("spells segments in the catalog's terms", () => {
    expect(segmentLabel(null)).toBe("all");
    expect(segmentLabel({supply_class: "low_voltage"})).toBe("supply_class=low_voltage");
    expect(segmentLabel({needs_grid_works: true})).toBe("needs_grid_works=true");
    expect(segmentLabel({utility: "water", customer_class: "industrial_public"})).toBe(
      "utility=water;customer_class=industrial_public",
    );
    expect(monthEnd("2024-02")).toBe("2024-02-29");
  });
});
