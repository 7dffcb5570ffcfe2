import {describe, expect, it} from "vitest";
import {statutoryHolidays} from "../../pipeline/calendar/statutoryHolidays.ts";
import {defaultStatutoryRule} from "../../pipeline/calendar/statutoryRule.ts";

const rule = defaultStatutoryRule();

describe("statutoryHolidays", () => {
  it("lists the 13 statutory days of 2027, lunar dates and 清明 computed", () => {
    expect(statutoryHolidays(2027, rule).map((d) => `${d.date} ${d.name}`)).toEqual([
      "2027-01-01 元旦",
      "2027-02-05 春节", // 除夕 (the day before 正月初一)
      "2027-02-06 春节", // 正月初一
      "2027-02-07 春节",
      "2027-02-08 春节", // 正月初三
      "2027-04-05 清明",
      "2027-05-01 劳动节",
      "2027-05-02 劳动节",
      "2027-06-09 端午",
      "2027-09-15 中秋",
      "2027-10-01 国庆节",
      "2027-10-02 国庆节",
      "2027-10-03 国庆节",
    ]);
  });

  it("lists a day two holidays share once (中秋 falls on 10-03 in 2028)", () => {
    const days = statutoryHolidays(2028, rule);
    expect(days).toHaveLength(12);
    expect(days.filter((d) => d.date === "2028-10-03")).toEqual([
      {date: "2028-10-03", name: "中秋", name_en: "Mid-autumn Festival"},
    ]);
  });

  it("gives nothing before the rule is in force (the law had other holidays until 2024)", () => {
    expect(statutoryHolidays(2024, rule)).toEqual([]);
  });

  it("refuses a year whose lunar dates cannot be computed", () => {
    expect(() => statutoryHolidays(2100, rule)).toThrow(RangeError);
  });
});
