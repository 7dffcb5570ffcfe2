import {describe, expect, it} from "vitest";
import {CatalogError} from "../../pipeline/errors.ts";
import {defaultOfficeHours, validateOfficeHours} from "../../pipeline/calendar/officeHours.ts";

describe("office hours", () => {
  it("loads the bundled default: 09:00–12:00 and 13:00–17:30, 450 minutes a workday", () => {
    expect(defaultOfficeHours()).toEqual({
      time_zone: "Asia/Shanghai",
      sessions: [
        {start_minute: 540, end_minute: 720},
        {start_minute: 780, end_minute: 1050},
      ],
      minutes_per_workday: 450, // 3 h + 4.5 h
    });
  });

  it("reports every problem with its path", () => {
    const bad = {
      time_zone: "Asia/Shanghai",
      sessions: [
        {start: "13:00", end: "12:00"},
        {start: "11:00", end: "17:30"},
      ],
    };
    try {
      validateOfficeHours(bad, "office-hours.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      const issues = (error as CatalogError).issues.map((i) => `${i.path}: ${i.message}`);
      expect(issues).toEqual([
        "sessions[0]: a session must end after it starts",
        "sessions[1]: sessions must be in order and must not overlap",
      ]);
    }
  });

  it("refuses another time zone and malformed clock times", () => {
    expect(() => validateOfficeHours({time_zone: "UTC", sessions: [{start: "09:00", end: "12:00"}]}, "f")).toThrow(
      /Asia\/Shanghai/,
    );
    expect(() =>
      validateOfficeHours({time_zone: "Asia/Shanghai", sessions: [{start: "9:00", end: "12:00"}]}, "f"),
    ).toThrow(/HH:MM/);
  });
});
