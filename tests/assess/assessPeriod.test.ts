import {describe, expect, it} from "vitest";
import {assessPeriod, exportQuarterOf, previousPeriod} from "../../pipeline/assess/assessPeriod.ts";
import {UsageError} from "../../pipeline/errors.ts";

describe("assessPeriod", () => {
  it("reads a year", () => {
    const p = assessPeriod({year: "2022"});
    expect(p).toMatchObject({kind: "year", id: "2022", start: "2022-01-01", end: "2022-12-31", exportPeriod: "2022"});
    expect(p.months).toHaveLength(12);
    expect(previousPeriod(p).id).toBe("2021");
  });

  it("reads a quarter in either spelling, with its months and the quarter before", () => {
    const p = assessPeriod({quarter: "2023Q2"});
    expect(p).toMatchObject({
      kind: "quarter",
      id: "2023Q2",
      start: "2023-04-01",
      end: "2023-06-30",
      exportPeriod: "2023-Q2",
    });
    expect(p.months).toEqual(["2023-04", "2023-05", "2023-06"]);
    expect(assessPeriod({quarter: "2023-q1", year: "2023"}).end).toBe("2023-03-31");
    expect(previousPeriod(assessPeriod({quarter: "2023Q1"})).id).toBe("2022Q4");
    expect(exportQuarterOf("2022-12")).toBe("2022-Q4");
  });

  it("refuses what it cannot read, saying what it expects", () => {
    expect(() => assessPeriod({})).toThrow(UsageError);
    expect(() => assessPeriod({year: "22"})).toThrow(/--year expects a year/);
    expect(() => assessPeriod({quarter: "2023Q5"})).toThrow(/--quarter expects a quarter/);
    expect(() => assessPeriod({quarter: "2023Q2", year: "2022"})).toThrow(/not in --year 2022/);
  });
});
