import {describe, expect, it} from "vitest";
import {createRng} from "../../pipeline/demo/prng.ts";

describe("createRng", () => {
  it("gives the same stream for the same name and a different one for another", () => {
    const draw = (...name: Array<string | number>) => {
      const rng = createRng(...name);
      return Array.from({length: 5}, () => rng.next());
    };
    expect(draw(2022, "startup_cases", "2021-03")).toEqual(draw(2022, "startup_cases", "2021-03"));
    expect(draw(2022, "startup_cases", "2021-03")).not.toEqual(draw(2022, "startup_cases", "2021-04"));
    expect(draw(2022, "startup_cases", "2021-03")).not.toEqual(draw(2023, "startup_cases", "2021-03"));
  });

  it("draws the distributions it names", () => {
    const rng = createRng(7, "distributions");
    const n = 20_000;
    const uniform = Array.from({length: n}, () => rng.next());
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniform)).toBeLessThan(1);
    expect(uniform.reduce((a, b) => a + b, 0) / n).toBeCloseTo(0.5, 2);
    const logNormal = Array.from({length: n}, () => rng.logNormal(3, 0.5)).sort((a, b) => a - b);
    expect(logNormal[n / 2]!).toBeCloseTo(3, 1);
    const poisson = Array.from({length: n}, () => rng.poisson(4));
    expect(poisson.reduce((a, b) => a + b, 0) / n).toBeCloseTo(4, 1);
    const picks = Array.from({length: n}, () =>
      rng.weighted([
        ["a", 3],
        ["b", 1],
      ] as const),
    );
    expect(picks.filter((p) => p === "a").length / n).toBeCloseTo(0.75, 1);
  });
});
