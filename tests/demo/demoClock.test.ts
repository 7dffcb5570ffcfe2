import {describe, expect, it} from "vitest";
import {DemoClock, daysOfMonth, monthsBetween} from "../../pipeline/demo/demoClock.ts";
import {createRng} from "../../pipeline/demo/prng.ts";
import {durationBetween} from "../../pipeline/scoring/durations.ts";
import {epochDay} from "../../pipeline/calendar/localTime.ts";

const clock = new DemoClock();
const stamp = (day: number, second: number) =>
  `${clock.date(day)}T${String(Math.floor(second / 3600)).padStart(2, "0")}:${String(Math.floor((second % 3600) / 60)).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}`;

describe("DemoClock", () => {
  it("adds office time that durationBetween measures back exactly, across weekends and holidays", () => {
    const rng = createRng(1, "clock-test");
    for (let i = 0; i < 500; i++) {
      const from = {day: epochDay("2021-01-01") + rng.int(0, 900), second: rng.int(0, 86_399)};
      const workdays = rng.chance(0.5) ? rng.uniform(0, 2) : rng.logNormal(10, 1);
      const to = clock.addOfficeSeconds(from, Math.round(workdays * clock.secondsPerWorkday));
      const measured = durationBetween(stamp(from.day, from.second), stamp(to.day, to.second)).workdays;
      expect(measured).toBeCloseTo(Math.round(workdays * clock.secondsPerWorkday) / clock.secondsPerWorkday, 6);
    }
  });

  it("ends office time inside office hours, and a 20:00 start begins at the next opening", () => {
    // Friday 2023-09-29 is a holiday (Mid-Autumn / National Day): 20:00 on Thursday 28th → Saturday 10-07 (make-up day).
    const to = clock.addOfficeSeconds({day: epochDay("2023-09-28"), second: 20 * 3600}, 1800);
    expect(stamp(to.day, to.second)).toBe("2023-10-07T09:30:00");
  });

  it("counts whole workdays for dates the way durationBetween does", () => {
    const rng = createRng(2, "clock-test");
    for (let i = 0; i < 300; i++) {
      const day = epochDay("2021-01-01") + rng.int(0, 900);
      const n = rng.int(0, 60);
      expect(durationBetween(clock.date(day), clock.date(clock.addWorkdays(day, n))).workdays).toBe(n);
    }
  });

  it("finds the Spring Festival holiday in the official calendar", () => {
    const festival = clock.springFestival(2021)!;
    expect([clock.date(festival.first), clock.date(festival.last)]).toEqual(["2021-02-11", "2021-02-17"]);
  });

  it("lists months and the days of a month up to the as-of date", () => {
    expect(monthsBetween("2021-11", "2022-02")).toEqual(["2021-11", "2021-12", "2022-01", "2022-02"]);
    expect(daysOfMonth("2022-02", epochDay("2023-01-01"))).toHaveLength(28);
    expect(daysOfMonth("2022-02", epochDay("2022-02-10"))).toHaveLength(10);
  });
});
