import {describe, expect, it} from "vitest";
import {taskStatusAt} from "../../pipeline/assess/assessTasks.ts";

const row = (
  status: string,
  deadline: string | null,
  reported_on: string | null,
  days_overdue: number | null = null,
) => ({
  status,
  deadline,
  reported_on,
  days_overdue,
});

describe("taskStatusAt: a task's status on an earlier date, from the exports' status as of a later one", () => {
  const yearEnd = "2022-12-31";
  const asOf = "2023-06-30";

  it("keeps a task done by its deadline done on time, whenever it was last reported", () => {
    expect(taskStatusAt(row("done", "2022-12-31", "2023-06-20"), yearEnd, asOf)).toBe("done_on_time");
    expect(taskStatusAt(row("done", "2022-06-30", "2022-06-15"), yearEnd, asOf)).toBe("done_on_time");
  });

  it("counts a task done late after the year's end as overdue at the year's end", () => {
    // done on deadline + 69 days = 2023-03-10
    expect(taskStatusAt(row("done_late", "2022-12-31", "2023-06-20", 69), yearEnd, asOf)).toBe("overdue");
    expect(taskStatusAt(row("done_late", "2022-12-31", "2023-06-20", 69), "2023-03-31", asOf)).toBe("done_late");
    // without days_overdue the last report bounds the date
    expect(taskStatusAt(row("done_late", "2022-06-30", "2022-11-01"), yearEnd, asOf)).toBe("done_late");
  });

  it("calls an unfinished task overdue once its deadline passed, open before", () => {
    expect(taskStatusAt(row("in_progress", "2022-06-30", "2023-01-10"), yearEnd, asOf)).toBe("overdue");
    expect(taskStatusAt(row("overdue", "2023-06-30", null), yearEnd, asOf)).toBe("open");
    expect(taskStatusAt(row("not_started", "2023-12-31", null), yearEnd, asOf)).toBe("open");
  });

  it("lets a deadline on the evaluation date pass only when the data runs beyond it", () => {
    expect(taskStatusAt(row("in_progress", "2022-12-31", "2023-02-01"), "2022-12-31", asOf)).toBe("overdue");
    expect(taskStatusAt(row("in_progress", "2023-06-30", "2023-06-20"), "2023-06-30", "2023-06-30")).toBe("open");
  });

  it("leaves tasks without a deadline ongoing, and a task done ahead of a later deadline open when its date is unknown", () => {
    expect(taskStatusAt(row("ongoing", null, "2022-10-01"), yearEnd, asOf)).toBe("ongoing");
    expect(taskStatusAt(row("done", "2023-06-30", "2023-05-01"), yearEnd, asOf)).toBe("open");
    expect(taskStatusAt(row("done", "2023-06-30", "2022-11-01"), yearEnd, asOf)).toBe("done_on_time");
  });
});
