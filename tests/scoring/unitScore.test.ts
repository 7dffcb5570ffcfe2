import {describe, expect, it} from "vitest";
import {scoreUnits, type UnitRecord} from "../../pipeline/scoring/unitScore.ts";

const rule = {
  weights: {task_on_time_rate: 0.5, satisfaction_index: 0.3, hotline_on_time_rate: 0.2},
  window_months: 12,
  breach_penalty: 2,
  list_size: 2,
};
const unit = (unit_id: string, over: Partial<UnitRecord> = {}): UnitRecord => ({
  unit_id,
  tasks: 4,
  tasks_due: 4,
  done_on_time: 4,
  done_late: 0,
  overdue: 0,
  supervision_breaches: 0,
  satisfaction_index: 90,
  hotline_on_time_rate: 95,
  ...over,
});

describe("scoreUnits", () => {
  it("weights the components: 0.5 × on-time + 0.3 × satisfaction + 0.2 × hotline", () => {
    const [s] = scoreUnits([unit("a", {done_on_time: 3, done_late: 1})], rule);
    expect(s!.on_time_rate).toBe(75);
    expect(s!.score).toBeCloseTo(0.5 * 75 + 0.3 * 90 + 0.2 * 95, 12);
  });

  it("re-normalises over the components a unit has, and leaves a unit without any unranked", () => {
    const [a, b] = scoreUnits(
      [
        unit("a", {satisfaction_index: null, hotline_on_time_rate: null}),
        unit("b", {tasks_due: 0, done_on_time: 0, satisfaction_index: null, hotline_on_time_rate: null}),
      ],
      rule,
    );
    expect(a!.score).toBe(100);
    expect(b).toEqual({unit_id: "b", on_time_rate: null, score: null, rank: null, list: null});
  });

  it("subtracts the breach penalty per 710 breach, floored at 0", () => {
    const [s] = scoreUnits([unit("a", {supervision_breaches: 3})], rule);
    expect(s!.score).toBeCloseTo(0.5 * 100 + 0.3 * 90 + 0.2 * 95 - 6, 12);
  });

  it("ranks best first, ties share a rank, and names the top and bottom lists without overlap", () => {
    const scores = scoreUnits(
      [unit("a"), unit("b"), unit("c", {done_on_time: 2}), unit("d", {done_on_time: 1}), unit("e", {done_on_time: 0})],
      rule,
    );
    const by = Object.fromEntries(scores.map((s) => [s.unit_id, s]));
    expect([by.a!.rank, by.b!.rank, by.c!.rank, by.d!.rank, by.e!.rank]).toEqual([1, 1, 3, 4, 5]);
    expect(scores.filter((s) => s.list === "top10").map((s) => s.unit_id)).toEqual(["a", "b"]);
    expect(
      scores
        .filter((s) => s.list === "bottom10")
        .map((s) => s.unit_id)
        .sort(),
    ).toEqual(["d", "e"]);
    const three = scoreUnits([unit("a"), unit("b", {done_on_time: 1}), unit("c", {done_on_time: 0})], rule);
    expect(three.map((s) => s.list)).toEqual(["top10", "top10", "bottom10"]);
  });
});

describe("lists when scores tie", () => {
  it("lists no one when every unit scores the same, and keeps ties together at the bottom", () => {
    const same = scoreUnits([unit("a"), unit("b"), unit("c")], rule);
    expect(same.map((s) => [s.rank, s.list])).toEqual([
      [1, null],
      [1, null],
      [1, null],
    ]);
    const tied = scoreUnits(
      [
        unit("a"),
        unit("b", {done_on_time: 3}),
        unit("c", {done_on_time: 3}),
        unit("d", {done_on_time: 0}),
        unit("e", {done_on_time: 0}),
      ],
      {...rule, list_size: 1},
    );
    expect(tied.map((s) => s.list)).toEqual(["top10", null, null, "bottom10", "bottom10"]);
  });
});
