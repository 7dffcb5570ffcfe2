import {describe, expect, it} from "vitest";
import {CatalogError} from "../../pipeline/errors.ts";
import {defaultStatutoryRule, validateStatutoryRule} from "../../pipeline/calendar/statutoryRule.ts";

describe("statutory holiday rule", () => {
  it("loads the bundled rule: decree No. 795's seven holidays, 13 days, in force from 2025", () => {
    const rule = defaultStatutoryRule();
    expect(rule.source).toContain("国务院令第795号");
    expect(rule.in_force_from).toBe("2025-01-01");
    expect(rule.holidays.map((h) => [h.name, h.days])).toEqual([
      ["元旦", 1],
      ["春节", 4],
      ["清明", 1],
      ["劳动节", 2],
      ["端午", 1],
      ["中秋", 1],
      ["国庆节", 3],
    ]);
    expect(rule.holidays.find((h) => h.name === "春节")).toMatchObject({
      date: {calendar: "lunar", month: 1, day: 1},
      days_before: 1, // 除夕
    });
    expect(rule.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports every problem with its path", () => {
    const bad = {
      source: "test",
      in_force_from: "2025-13-01",
      holidays: [
        {name: "x", name_en: "x", date: {calendar: "gregorian", month: 2, day: 29}, days: 1},
        {name: "y", name_en: "y", date: {calendar: "solar_term", term: "qingming"}, days: 1},
        {name: "z", name_en: "z", date: {calendar: "lunar", month: 1, day: 1}, days: 0},
      ],
    };
    let error: unknown;
    try {
      validateStatutoryRule(bad, "t.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CatalogError);
    const paths = (error as CatalogError).issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(["in_force_from", "holidays[0].date", "holidays[1].date.term", "holidays[2].days"]),
    );
  });
});
