import {describe, expect, it} from "vitest";
import {readBenchmarks} from "../../pipeline/scoring/readBenchmarks.ts";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {onCourse, tierVerdict} from "../../pipeline/scoring/tierVerdict.ts";

const rules = readBenchmarks(loadCatalog()).tierRules;

describe("tierVerdict (sources/benchmarks/tier-rules.yaml)", () => {
  it("applies the first rule whose conditions all hold, and names it", () => {
    expect(tierVerdict({percentile: 85, dtf: 92, previous_dtf: 80}, rules)).toMatchObject({
      verdict: "national_first_class",
      rule: {id: "first_class_p80_dtf90"},
    });
    expect(tierVerdict({percentile: 85, dtf: 80, previous_dtf: 80}, rules).verdict).toBe("national_advanced");
    expect(tierVerdict({percentile: 30, dtf: 40, previous_dtf: 30}, rules)).toMatchObject({
      verdict: "comprehensive_improvement",
      rule: {id: "improvement_dtf_up"},
    });
    expect(tierVerdict({percentile: 30, dtf: 40, previous_dtf: 38}, rules)).toEqual({verdict: "below", rule: null});
  });

  it("a missing value fails the conditions on it; no evidence at all is no_data", () => {
    expect(tierVerdict({percentile: null, dtf: 95, previous_dtf: null}, rules).verdict).toBe("below");
    expect(tierVerdict({percentile: null, dtf: null, previous_dtf: null}, rules)).toEqual({
      verdict: "no_data",
      rule: null,
    });
  });

  it("on course when the verdict reaches the goal tier", () => {
    expect(onCourse("national_first_class", "national_advanced")).toBe(true);
    expect(onCourse("national_advanced", "national_first_class")).toBe(false);
    expect(onCourse("below", "comprehensive_improvement")).toBe(false);
    expect(onCourse("no_data", "national_advanced")).toBeNull();
  });
});
