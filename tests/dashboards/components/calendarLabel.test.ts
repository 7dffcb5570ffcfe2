import {describe, expect, it} from "vitest";
import {calendarLabel} from "../../../dashboards/components/calendarLabel.ts";

describe("calendarLabel", () => {
  const calendar =
    "chinese-days 1.5.7 (official years 2015–2025); office hours 09:00–12:00, 13:00–17:30 (1 workday = 450 min)" +
    "; some durations reach years after 2025, counted with their statutory holidays and days in lieu but no make-up days (provisional)";

  it("words every part the export writes in Chinese on a Chinese page: no English phrase is left", () => {
    const zh = calendarLabel(calendar, "zh");
    expect(zh).toBe(
      "chinese-days 1.5.7(国务院通知年份 2015–2025);办公时间 09:00–12:00、13:00–17:30(1 个工作日 = 450 分钟)" +
        ";部分时长延伸到 2025 年以后,按法定节假日及补假计算、不含调休(临时)",
    );
    // Only the package's name and version remain in Latin letters (a name, not a phrase).
    expect(zh.replace("chinese-days", "").match(/[A-Za-z]{2,}/g)).toBeNull();
  });

  it("says the fixture's calendar is synthetic, and leaves the English page as the export wrote it", () => {
    expect(calendarLabel("chinese-days 1.5.7 (synthetic fixture)", "zh")).toBe("chinese-days 1.5.7(模拟测试数据)");
    expect(calendarLabel(calendar, "en")).toBe(calendar);
  });
});
