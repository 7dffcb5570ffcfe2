import {describe, expect, it} from "vitest";
import {judgeTask, supervisionDue} from "../../pipeline/scoring/taskStatus.ts";

const rule = {
  rule_id: "xining_710",
  text: "710",
  ordinary_close_days: 7,
  complex_result_days: 30,
  clear_by_year_end: true,
  complex_min_units: 5,
};
const task = (over: Partial<Parameters<typeof judgeTask>[0]> = {}) => ({
  deadline: "2022-09-30",
  task_units: 2,
  reported_status: null,
  first_done_on: null,
  ...over,
});

describe("judgeTask", () => {
  it("done by the deadline is done; done after it is done_late with its days", () => {
    expect(judgeTask(task({reported_status: "done", first_done_on: "2022-09-30"}), "2023-06-30", rule).status).toBe(
      "done",
    );
    expect(judgeTask(task({reported_status: "done", first_done_on: "2022-10-10"}), "2023-06-30", rule)).toEqual({
      status: "done_late",
      days_overdue: 10,
      supervision_due: null,
      is_supervision_breach: false,
    });
  });

  it("not done past the deadline is overdue, a 710 supervision item: ordinary items get 7 days", () => {
    const j = judgeTask(task({reported_status: "in_progress"}), "2022-10-05", rule);
    expect(j).toEqual({
      status: "overdue",
      days_overdue: 5,
      supervision_due: "2022-10-07",
      is_supervision_breach: false,
    });
    expect(judgeTask(task({reported_status: "in_progress"}), "2022-10-08", rule).is_supervision_breach).toBe(true);
  });

  it("complex items (5 units or more) get 30 days, never past 31 December", () => {
    expect(judgeTask(task({task_units: 5}), "2022-10-20", rule)).toMatchObject({
      supervision_due: "2022-10-30",
      is_supervision_breach: false,
    });
    expect(judgeTask(task({deadline: "2022-12-15", task_units: 9}), "2023-01-02", rule)).toMatchObject({
      status: "overdue",
      supervision_due: "2022-12-31",
      is_supervision_breach: true,
    });
  });

  it("before the deadline: as reported, and no report is not_started", () => {
    expect(judgeTask(task({reported_status: "in_progress"}), "2022-08-01", rule).status).toBe("in_progress");
    expect(judgeTask(task(), "2022-08-01", rule).status).toBe("not_started");
    expect(judgeTask(task({reported_status: "not_started"}), "2022-08-01", rule).status).toBe("not_started");
  });

  it("a task without an end date (持续推进) is ongoing whatever was reported", () => {
    expect(
      judgeTask(task({deadline: null, reported_status: "done", first_done_on: "2022-07-01"}), "2023-06-30", rule),
    ).toEqual({
      status: "ongoing",
      days_overdue: null,
      supervision_due: null,
      is_supervision_breach: false,
    });
  });
});

describe("supervisionDue", () => {
  it("gives 7 days to an ordinary item, 30 to a complex one, never past 31 December of the deadline's year", () => {
    expect(supervisionDue("2022-06-30", 1, rule)).toBe("2022-07-07");
    expect(supervisionDue("2022-06-30", 5, rule)).toBe("2022-07-30");
    expect(supervisionDue("2022-12-20", 5, rule)).toBe("2022-12-31");
    expect(supervisionDue("2022-12-31", 1, rule)).toBe("2022-12-31");
  });
});
