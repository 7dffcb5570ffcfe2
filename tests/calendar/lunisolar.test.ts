import {afterEach, describe, expect, it} from "vitest";
import {LUNISOLAR_YEARS, solarDateOfLunar, solarTermDate} from "../../pipeline/calendar/lunisolar.ts";

describe("lunisolar dates", () => {
  it("finds 正月初一 of the years the State Council has published, and of 2027", () => {
    // The notices for 2025 and 2026 put 春节 on 01-28 … 02-04 and 02-15 … 02-23; 初一 is 01-29 and 02-17.
    expect(solarDateOfLunar(2025, 1, 1)).toBe("2025-01-29");
    expect(solarDateOfLunar(2026, 1, 1)).toBe("2026-02-17");
    expect(solarDateOfLunar(2027, 1, 1)).toBe("2027-02-06");
  });

  it("finds 端午 and 中秋, skipping a leap month of the same number", () => {
    expect(solarDateOfLunar(2027, 5, 5)).toBe("2027-06-09");
    expect(solarDateOfLunar(2027, 8, 15)).toBe("2027-09-15");
    // 2025 has a leap sixth month (闰六月): 中秋 is in the eighth month proper, on 10-06 as the notice says.
    expect(solarDateOfLunar(2025, 8, 15)).toBe("2025-10-06");
  });

  it("finds the 清明 solar term", () => {
    expect(solarTermDate(2025, "pure_brightness")).toBe("2025-04-04");
    expect(solarTermDate(2026, "pure_brightness")).toBe("2026-04-05");
    expect(solarTermDate(2027, "pure_brightness")).toBe("2027-04-05");
  });

  it("refuses years the package's tables do not cover, and lunar days that do not exist", () => {
    expect(() => solarDateOfLunar(LUNISOLAR_YEARS.last + 1, 1, 1)).toThrow(/computed for 1901–2099/);
    expect(() => solarTermDate(1900, "pure_brightness")).toThrow(RangeError);
    // 2027's third lunar month has 29 days (its 正月 has 30: 02-06 … 03-07).
    expect(solarDateOfLunar(2027, 1, 30)).toBe("2027-03-07");
    expect(() => solarDateOfLunar(2027, 3, 30)).toThrow(/no month 3 day 30/);
  });

  describe("west of Greenwich", () => {
    const zone = process.env.TZ;
    afterEach(() => {
      process.env.TZ = zone;
    });

    it("gives the same dates whatever the host's time zone", () => {
      process.env.TZ = "America/Los_Angeles";
      // Proof the zone took effect: a UTC midnight reads as the evening before.
      expect(new Date(Date.UTC(2027, 3, 5)).getDate()).toBe(4);
      expect(solarTermDate(2027, "pure_brightness")).toBe("2027-04-05");
      expect(solarDateOfLunar(2027, 1, 1)).toBe("2027-02-06");
      expect(solarDateOfLunar(2027, 8, 15)).toBe("2027-09-15");
    });
  });
});
