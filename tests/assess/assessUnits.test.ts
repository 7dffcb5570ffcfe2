// The assessment's unit records: what it pools from the exports over the period, which overdue tasks break the 710
// rule on the evaluation date, and that the places come from the dashboards' own scoring function.
import {describe, expect, it} from "vitest";
import {assessPeriod} from "../../pipeline/assess/assessPeriod.ts";
import {assessUnits} from "../../pipeline/assess/assessUnits.ts";
import type {TaskAssessment} from "../../pipeline/assess/types.ts";
import {scoreUnits} from "../../pipeline/scoring/unitScore.ts";
import type {ExportRow} from "../../pipeline/export/exportsContract.ts";
import {benchmarks} from "./fixture.ts";

const task = (unit_id: string, status: TaskAssessment["status"], deadline = "2022-06-30", task_number = 1) =>
  ({task_number, unit_id, status, deadline}) as TaskAssessment;
const rating = (unit_id: string, month: string, n: number, index: number, survey = "xining_pingyi") =>
  ({unit_id, month, n, index, survey, respondent_type: "citizen"}) as ExportRow<"satisfaction.csv">;
const tickets = (unit_id: string, month: string, tickets_due: number, on_time_rate: number) =>
  ({
    unit_id,
    month,
    tickets: tickets_due,
    tickets_due,
    on_time_rate,
    callers_rated: null,
    satisfaction_rate: null,
  }) as ExportRow<"hotline.csv">;

const units = assessUnits({
  catalog: {units: [{id: "a"}, {id: "b"}, {id: "c"}, {id: "d"}]} as never,
  tasks: [
    task("a", "done_on_time"),
    task("a", "done_on_time", "2022-09-30", 2),
    task("b", "done_on_time"),
    task("b", "overdue", "2022-06-30", 3),
    task("c", "overdue", "2022-12-28", 4),
    task("c", "open", "2023-06-30", 5),
  ],
  satisfaction: [
    rating("a", "2022-03", 10, 90),
    rating("a", "2022-09", 30, 70),
    rating("a", "2022-10", 500, 0, "hotline_12345"), // the 12345 callers count under hotline
    rating("a", "2023-01", 500, 0), // after the period
  ],
  hotline: [tickets("b", "2022-01", 100, 90), tickets("b", "2022-02", 300, 50)],
  period: assessPeriod({year: "2022"}),
  evaluatedAt: "2022-12-31",
  unitScore: benchmarks.unitScore,
  supervision: benchmarks.supervision,
});
const by = Object.fromEntries(units.map((u) => [u.unit_id, u]));

describe("assessUnits", () => {
  it("pools satisfaction over respondents and 12345 over tickets due, within the period only", () => {
    expect(by.a!.satisfaction_index).toBe(75);
    expect(by.a!.satisfaction_n).toBe(40);
    expect(by.b!.hotline_on_time_rate).toBe(60);
  });

  it("counts an overdue task past its 710 limit on the evaluation date as a breach, not one still within it", () => {
    expect(by.b!.supervision_breaches).toBe(1); // due 2022-06-30, limit 2022-07-07
    expect(by.c!.supervision_breaches).toBe(0); // due 2022-12-28, limit 2022-12-31: not yet past it
    expect([by.c!.tasks_judged, by.c!.open]).toEqual([1, 1]);
  });

  it("places units with the dashboards' scoring function, and lists every unit of the catalog", () => {
    expect(units.map((u) => u.unit_id)).toEqual(["a", "b", "c", "d"]);
    expect(by.d).toMatchObject({score: null, rank: null, list: null});
    const site = scoreUnits(
      units.map((u) => ({
        unit_id: u.unit_id,
        tasks: u.tasks_judged + u.open + u.ongoing,
        tasks_due: u.tasks_judged,
        done_on_time: u.done_on_time,
        done_late: u.done_late,
        overdue: u.overdue,
        supervision_breaches: u.supervision_breaches,
        satisfaction_index: u.satisfaction_index,
        hotline_on_time_rate: u.hotline_on_time_rate,
      })),
      benchmarks.unitScore,
    );
    expect(units.map((u) => [u.rank, u.list])).toEqual(site.map((s) => [s.rank, s.list]));
  });
});
