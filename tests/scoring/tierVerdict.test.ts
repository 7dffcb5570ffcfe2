import {describe, expect, it} from "vitest";
import {readBenchmarks} from "../../pipeline/scoring/readBenchmarks.ts";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {onCourse, TIER_RANK, tierVerdict, type TierEvidence} from "../../pipeline/scoring/tierVerdict.ts";

const rules = readBenchmarks(loadCatalog()).tierRules;
const ev = (percentile: number | null, dtf: number | null, previous_dtf: number | null, falls: number[] = []) =>
  ({
    percentile,
    dtf,
    previous_dtf,
    component_changes: falls.map((change, i) => ({metric_id: `m${i}`, change})),
  }) satisfies TierEvidence;

describe("tierVerdict (sources/benchmarks/tier-rules.yaml)", () => {
  it("applies the highest rung whose conditions all hold, and names it", () => {
    expect(tierVerdict(ev(85, 92, 80, [12]), rules)).toMatchObject({
      verdict: "national_first_class",
      rule: {id: "first_class_p80_dtf90"},
    });
    expect(tierVerdict(ev(85, 80, 80, [0]), rules).verdict).toBe("national_advanced");
    expect(tierVerdict(ev(30, 40, 30, [10]), rules)).toMatchObject({
      verdict: "comprehensive_improvement",
      rule: {id: "improvement_dtf_up"},
    });
    expect(tierVerdict(ev(30, 40, 38, [2]), rules)).toMatchObject({verdict: "below", rule: null});
  });

  it("the ladder does not depend on the order of the rules in the file", () => {
    const reversed = [...rules].reverse();
    for (const e of [ev(85, 92, 80, [12]), ev(85, 80, 70, [10]), ev(30, 40, 30, [10])]) {
      expect(tierVerdict(e, reversed).verdict).toBe(tierVerdict(e, rules).verdict);
    }
  });

  it("is monotonic: a higher position never gives a lower verdict, whatever the change on the previous year", () => {
    const steps = [0, 20, 40, 59, 60, 61, 74, 75, 79, 80, 89, 90, 95, 100];
    for (const gain of [-10, 0, 4, 5, 20]) {
      for (const p of steps) {
        for (const d of steps) {
          const here = TIER_RANK[tierVerdict(ev(p, d, d - gain, [gain]), rules).verdict]!;
          for (const [p2, d2] of [
            [p + 1, d],
            [p, d + 1],
          ] as const) {
            const higher = TIER_RANK[tierVerdict(ev(p2, d2, d2 - gain, [gain]), rules).verdict]!;
            expect(higher, `p ${p}→${p2}, dtf ${d}→${d2}, gain ${gain}`).toBeLessThanOrEqual(here);
          }
        }
      }
    }
  });

  it("全面提升 needs the mean up and no component down beyond the tolerance: a mean cannot hide a fall", () => {
    // Mean DTF up 6, but one component fell 8 points (tolerance 2): not 全面提升.
    expect(tierVerdict(ev(30, 46, 40, [20, -8]), rules).verdict).toBe("below");
    expect(tierVerdict(ev(30, 46, 40, [14, -2]), rules).verdict).toBe("comprehensive_improvement");
  });

  it("a rung that needs a value the evidence lacks cannot be decided: no_data, not below", () => {
    // Top of the peers but no fixed bound for any metric: it may be first class, so no tier is claimed or denied.
    expect(tierVerdict(ev(95, null, null), rules)).toMatchObject({
      verdict: "no_data",
      undecided: {id: "first_class_p80_dtf90"},
    });
    expect(tierVerdict(ev(30, 40, null), rules)).toMatchObject({
      verdict: "no_data",
      undecided: {tier: "comprehensive_improvement"},
    });
    expect(tierVerdict(ev(null, null, null), rules).verdict).toBe("no_data");
  });

  it("a rung whose DTF condition fails fails without peers: the ladder goes on down instead of stopping at no_data", () => {
    // No peer values (percentile unknown), DTF 61 up 15 on the previous year: 一流 and 先进 fail on their DTF minimum
    // whatever the percentile, so 全面提升 decides (issue 12: market_regulation 2023 at DTF 80.6 was no_data).
    expect(tierVerdict(ev(null, 61, 46, [15]), rules)).toMatchObject({
      verdict: "comprehensive_improvement",
      rule: {id: "improvement_dtf_up"},
      undecided: null,
    });
    expect(tierVerdict(ev(null, 61, 60, [1]), rules)).toMatchObject({verdict: "below", undecided: null});
    // DTF 80.6: short of 一流's 90 (fails), enough for 先进's 75, whose percentile is unknown: that rung cannot decide.
    expect(tierVerdict(ev(null, 80.6, 64.8, [31]), rules)).toMatchObject({
      verdict: "no_data",
      undecided: {id: "advanced_p60_dtf75"},
    });
    // A percentile below 先进's 60 fails 一流 and 先进 without a DTF; 全面提升 needs the DTF: undecided.
    expect(tierVerdict(ev(40, null, null), rules)).toMatchObject({
      verdict: "no_data",
      undecided: {tier: "comprehensive_improvement"},
    });
  });

  it("a verdict decided without the percentile, or without the DTF, is the verdict for every value it could have", () => {
    const steps = [0, 30, 59, 60, 74, 75, 80, 89, 90, 100];
    for (const gain of [-10, 0, 5, 20]) {
      for (const d of steps) {
        const withoutPeers = tierVerdict(ev(null, d, d - gain, [gain]), rules).verdict;
        if (withoutPeers !== "no_data") {
          for (const p of steps) expect(tierVerdict(ev(p, d, d - gain, [gain]), rules).verdict).toBe(withoutPeers);
        }
      }
      for (const p of steps) {
        const withoutDtf = tierVerdict(ev(p, null, null), rules).verdict;
        if (withoutDtf !== "no_data") {
          for (const d of steps) expect(tierVerdict(ev(p, d, d - gain, [gain]), rules).verdict).toBe(withoutDtf);
        }
      }
    }
  });

  it("on course when the verdict reaches the goal tier", () => {
    expect(onCourse("national_first_class", "national_advanced")).toBe(true);
    expect(onCourse("national_advanced", "national_first_class")).toBe(false);
    expect(onCourse("below", "comprehensive_improvement")).toBe(false);
    expect(onCourse("no_data", "national_advanced")).toBeNull();
  });
});
