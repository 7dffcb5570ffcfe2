// The 大屏's trend chart writes 目标 and 全国最优 beside their rules; where the two rules coincide (a 100 % target on a
// share whose national best is 100 %) the labels were drawn over each other (issue 11's notes).
import {describe, expect, it} from "vitest";
import {ruleLabelOffsets} from "../../../dashboards/components/ruleLabels.ts";

describe("the labels of the target and national-best rules", () => {
  it("stay on their rules when they are a line or more apart", () => {
    // 2.5 and 1 on a 0.5–4 chart 360 px high: 154 px apart.
    expect(ruleLabelOffsets(2.5, 1, [0.5, 4], 360, 24)).toEqual({a: 0, b: 0});
    expect(ruleLabelOffsets(null, 100, [40, 100], 360, 24)).toEqual({a: 0, b: 0});
  });

  it("move apart, half a line each, when both rules are at 100", () => {
    expect(ruleLabelOffsets(100, 100, [40, 90, 100], 360, 24)).toEqual({a: -12, b: 12});
  });

  it("move apart only as much as is missing, the higher one up", () => {
    // 95 and 100 on a 40–100 chart 360 px high: 30 px apart, more than a 24 px line: no move.
    expect(ruleLabelOffsets(95, 100, [40, 100], 360, 24)).toEqual({a: 0, b: 0});
    // 98 and 100: 12 px apart, 12 px missing: 6 px each, 100 (b) up.
    expect(ruleLabelOffsets(98, 100, [40, 100], 360, 24)).toEqual({a: 6, b: -6});
  });

  it("separate the labels of a flat chart, all values equal", () => {
    expect(ruleLabelOffsets(1, 1, [1, 1], 360, 24)).toEqual({a: -12, b: 12});
  });
});
