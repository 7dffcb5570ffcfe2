import {describe, expect, it} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {CALENDAR_PROVENANCE} from "../../pipeline/calendar/chinaCalendar.ts";
import {captureIo} from "../helpers/captureIo.ts";

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await main(["workdays", ...argv], io);
  return {code, out: io.out, err: io.err};
}

describe("bizenv workdays", () => {
  it("prints exactly {from, to, calendar_days, workdays} with --json", async () => {
    // Thu 2023-09-28 → Mon 2023-10-09: 09-29 … 10-06 off, 10-07 and 10-08 make-up, 10-09 → 3 workdays, 11 days.
    const {code, out, err} = await run("2023-09-28", "2023-10-09", "--json");
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(JSON.parse(out)).toEqual({from: "2023-09-28", to: "2023-10-09", calendar_days: 11, workdays: 3});
  });

  it("counts office hours for date-times", async () => {
    // Mon 16:30 → Tue 10:00: 60 + 60 = 120 office minutes / 450 = 0.2667; 17.5 h / 24 = 0.7292 days.
    const {out} = await run("2023-10-09T16:30", "2023-10-10T10:00", "--json");
    expect(JSON.parse(out)).toEqual({
      from: "2023-10-09T16:30",
      to: "2023-10-10T10:00",
      calendar_days: 0.7292,
      workdays: 0.2667,
    });
  });

  it("prints one concise line for people", async () => {
    const {code, out, err} = await run("2023-09-28", "2023-10-09");
    expect(code).toBe(0);
    expect(out).toBe("2023-09-28 → 2023-10-09: 11 calendar days, 3 workdays\n");
    expect(err).toBe("");
  });

  it("warns when the calendar lacks a year, and says so in JSON", async () => {
    const year = CALENDAR_PROVENANCE.last_official_year + 1;
    // March has no statutory holiday: 5 of any 7 consecutive days are Monday–Friday.
    const human = await run(`${year}-03-01`, `${year}-03-08`);
    expect(human.code).toBe(0);
    expect(human.out).toBe(`${year}-03-01 → ${year}-03-08: 7 calendar days, 5 workdays (provisional)\n`);
    expect(human.err).toContain(`has no official holiday arrangement for ${year}`);
    const json = await run(`${year}-03-01`, `${year}-03-08`, "--json");
    expect(JSON.parse(json.out)).toMatchObject({calendar_complete: false, years_without_official_calendar: [year]});
  });

  it("counts the statutory holidays of a year without a notice and says provisional on stdout (issue 12)", async () => {
    // When chinese-days publishes 2027, move these dates to its first year without a notice.
    expect(CALENDAR_PROVENANCE.last_official_year, "2027 must still lack a notice").toBeLessThan(2027);
    // Mon 2027-09-20 → Sun 10-10: 20 days; Fri 10-01 is 国庆节 and 10-02, 10-03 fall on the weekend, given back on
    // Mon 10-04 and Tue 10-05 (补假, art. 6); 中秋 is 09-15, before the range. Workdays 09-21 … 09-24, 09-27 … 09-30,
    // 10-06 … 10-08: 11 (14 if the holiday were worked, 13 without the 补假).
    const human = await run("2027-09-20", "2027-10-10");
    expect(human.code).toBe(0);
    expect(human.out).toBe("2027-09-20 → 2027-10-10: 20 calendar days, 11 workdays (provisional)\n");
    expect(human.err).toContain("statutory holidays counted by 《全国年节及纪念日放假办法》");
    expect(human.err).toContain("the days off 第六条 owes for those on a weekend (补假) on the workdays after them");
    expect(human.err).toContain("make-up workdays not known yet");
    const json = await run("2027-09-20", "2027-10-10", "--json");
    expect(JSON.parse(json.out)).toEqual({
      from: "2027-09-20",
      to: "2027-10-10",
      calendar_days: 20,
      workdays: 11,
      calendar_complete: false,
      years_without_official_calendar: [2027],
    });
    // Spring Festival 2027: Thu 02-04 → Fri 02-12 holds 除夕 … 初三 (Fri 02-05 … Mon 02-08) and the 补假 of
    // 初一 and 初二 (Sat, Sun) on Tue 02-09 and Wed 02-10: 02-11 and 02-12 are worked.
    expect(JSON.parse((await run("2027-02-04", "2027-02-12", "--json")).out).workdays).toBe(2);
  });

  it("refuses bad input with a usage error naming the argument, what was expected and what was found", async () => {
    const bad = await run("2023-09-28", "2023-10-32");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("TO: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM (China time)");
    expect(bad.err).toContain("2023-10 has 31 days");
    const garbled = await run("yesterday", "2023-10-09", "--json");
    expect(garbled.code).toBe(2);
    expect(JSON.parse(garbled.out).error).toMatchObject({
      code: "usage",
      message: expect.stringMatching(/^FROM: .*found "yesterday"/),
    });
    const reversed = await run("2023-10-09", "2023-09-28");
    expect(reversed.code).toBe(2);
    expect(reversed.err).toContain('TO must not be before FROM, found FROM "2023-10-09" and TO "2023-09-28"');
    const mixed = await run("2023-10-09", "2023-10-10T10:00");
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain("FROM and TO must have the same form");
  });
});
