// The assessment's figures are the exports' figures: each judged value is the attainment row of the deadline's month
// (what the dashboards show as reached at the deadline), task statuses on the as-of date are the exports' own, and
// every unit's score can be recomputed from the components the report shows.
import {describe, expect, it} from "vitest";
import {meets} from "../../pipeline/assess/assessTargets.ts";
import {methodParagraphs, reportTables} from "../../pipeline/assess/reportTables.ts";
import {scoreUnits} from "../../pipeline/scoring/unitScore.ts";
import {benchmarks, catalog, csvRows, fixtureAssessment, PINNED_META} from "./fixture.ts";

const year = fixtureAssessment({year: "2022"});
const attainment = csvRows("attainment.csv");
const forecasts = csvRows("forecasts.csv");

describe("targets of 2022", () => {
  it("judges every target due by the year's end on the city's value for its deadline month", () => {
    expect(year.targets).toHaveLength(29);
    for (const t of year.targets.filter((x) => x.verdict === "met" || x.verdict === "missed")) {
      const row = attainment.find(
        (r) =>
          r.clause === t.clause &&
          r.area_id === "xining" &&
          r.period_type === t.judged!.period_type &&
          r.period === t.judged!.period,
      )!;
      expect(t.judged!.actual, t.clause).toBe(Number(row.actual));
      expect(t.judged!.n, t.clause).toBe(Number(row.n));
      expect(t.verdict, t.clause).toBe(meets(t.judged!.actual!, t.comparator, t.target) ? "met" : "missed");
      // the dashboards' "actual at deadline" is the same number
      const atDeadline = forecasts.find((r) => r.clause === t.clause)!.actual_at_deadline;
      expect(t.judged!.actual, t.clause).toBe(Number(atDeadline));
    }
  });

  it("counts an amber 'alert' value within the target as met and a value beyond it as missed", () => {
    const c1 = year.targets.find((t) => t.clause === "1")!;
    expect([c1.judged!.period, c1.judged!.actual, c1.verdict]).toEqual(["2022-12", 95.86, "met"]);
    const c62 = year.targets.find((t) => t.clause === "6.2")!;
    expect([c62.judged!.actual, c62.target, c62.verdict]).toEqual([4.41, 4, "missed"]);
    // Clause 13 is judged on the share of projects published 30 days ahead (never 100 % in the fixture), no
    // longer on the median lead time: one more missed than under the median reading.
    // Clauses 15.2 (the free first seal set), 6.3 (utilities transferred with the property) and 12 (every tender
    // fully electronic) came after the fixture exports were written: no data, not missed. Clause 33 is due in 2023.
    // So did clause 3's two (3.1 high-frequency items city-wide, 3.2 published 跨省通办 items implemented) and
    // clause 42 (fewer long-pending bankruptcy cases), due 2022-12; clause 37 is due at the end of 2023.
    expect(year.summary).toMatchObject({targets_due: 25, targets_met: 11, targets_missed: 8, targets_no_data: 6});
    expect(year.targets.find((t) => t.clause === "37")!.verdict).toBe("ahead");
    for (const clause of ["15.2", "6.3", "12", "3.1", "3.2", "42"])
      expect(year.targets.find((t) => t.clause === clause)!.verdict, clause).toBe("no_data");
    const c13 = year.targets.find((t) => t.clause === "13")!;
    expect([c13.metric_id, c13.target, c13.verdict]).toEqual(["procurement_intention_on_time_pct", 100, "missed"]);
  });

  it("lists the source files of each figure with their sha256 from the load log", () => {
    const loads = csvRows("load_log.csv");
    const c61 = year.targets.find((t) => t.clause === "6.1")!;
    expect(c61.feeds).toEqual(["property_registration_cases"]);
    expect(c61.evidence.map((e) => e.sha256)).toEqual(
      loads.filter((l) => l.feed === "property_registration_cases" && l.status === "loaded").map((l) => l.sha256),
    );
  });
});

describe("indicators, tasks and units of 2022", () => {
  it("judges the four tier goals due in 2022 against the 2022 verdict", () => {
    const due = year.indicators.filter((i) => i.goal_due);
    expect(due.map((i) => i.indicator_id).sort()).toEqual(
      ["getting_electricity", "paying_taxes", "registering_property", "starting_a_business"].sort(),
    );
    const startup = year.indicators.find((i) => i.indicator_id === "starting_a_business")!;
    expect([startup.verdict, startup.goal, startup.goal_status]).toEqual([
      "national_first_class",
      "national_first_class",
      "reached",
    ]);
    // The fixture publishes an official 2022 result for start-up: it counts, and says so.
    expect(startup).toMatchObject({verdict_source: "official", simulated_verdict: "national_first_class"});
    expect(startup.official_source).toMatch(/2022年营商环境评价结果通报/);
    expect(startup.rule_id).toBeNull();
    const taxes = year.indicators.find((i) => i.indicator_id === "paying_taxes")!;
    expect(taxes).toMatchObject({verdict_source: "simulated", rule_id: "tier_percentile_v1", is_provisional: false});
  });

  it("lists provisional verdicts separately, and the method states every tier rule and fixed bound with its source", () => {
    const q2 = fixtureAssessment({quarter: "2023Q2"});
    const provisional = q2.indicators.filter((i) => i.is_provisional);
    expect(provisional.length).toBeGreaterThan(0);
    expect(q2.summary.verdicts_provisional).toBe(provisional.length);
    const tables = reportTables(q2, catalog, "zh", PINNED_META);
    expect(tables.provisional!.rows.map((r) => r[0])).toEqual(provisional.map((i) => i.number));
    expect(tables.indicators!.rows.find((r) => r[0] === provisional[0]!.number)![5]).toBe("模拟评价 · 暂定");
    for (const rule of benchmarks.tierRules) {
      const stated = q2.tier_rules.find((r) => r.rule_id === rule.id);
      expect(stated?.sources, rule.id).toMatch(/min_|max_/);
    }
    expect(q2.tier_rules.find((r) => r.rule_id === "bound business_startup_time_days")?.sources).toMatch(
      /Doing Business 2020/,
    );
    const method = methodParagraphs(q2, "en").join("\n");
    expect(method).toMatch(/official evaluation/);
    expect(method).toMatch(/fixed World Bank Doing Business 2020/);
    expect(method).toMatch(/no component down by more than the stated tolerance/);
    expect(method).toMatch(/provisional/);
  });

  it("counts tasks done after the year's end as overdue at the year's end", () => {
    const lateInExport = csvRows("tasks.csv").filter(
      (r) => r.status === "done_late" && r.reported_on! > "2022-12-31",
    ).length;
    expect(lateInExport).toBeGreaterThan(0);
    expect(year.summary.tasks_done_late).toBe(0);
    expect(year.summary.tasks_judged).toBe(
      year.summary.tasks_done_on_time + year.summary.tasks_done_late + year.summary.tasks_overdue,
    );
  });

  it("scores each unit by unit-score.yaml from the components it shows (one decimal each)", () => {
    const rule = benchmarks.unitScore;
    for (const u of year.units.filter((x) => x.score !== null)) {
      const parts = [
        [rule.weights.task_on_time_rate, u.on_time_rate],
        [rule.weights.satisfaction_index, u.satisfaction_index],
        [rule.weights.hotline_on_time_rate, u.hotline_on_time_rate],
      ].filter((p): p is [number, number] => p[1] !== null);
      const w = parts.reduce((a, [x]) => a + x, 0);
      const expected = Math.max(
        0,
        parts.reduce((a, [x, v]) => a + x * v, 0) / w - rule.breach_penalty * u.supervision_breaches,
      );
      // The components are shown rounded, the score is computed from the exact ones: within a rounding step.
      expect(Math.abs(u.score! - expected), u.unit_id).toBeLessThanOrEqual(0.1);
    }
  });

  it("names the ten best and ten worst places, ties sharing a place, never the same unit twice", () => {
    const ranked = year.units.filter((u) => u.rank !== null);
    const top = year.units.filter((u) => u.list === "top10");
    const bottom = year.units.filter((u) => u.list === "bottom10");
    expect(top.length).toBeGreaterThanOrEqual(10);
    expect(top.every((u) => u.rank! <= 10)).toBe(true);
    expect(bottom.length).toBeGreaterThanOrEqual(10);
    const worst = ranked.at(-1)!.score!;
    for (const u of bottom) expect(1 + ranked.filter((r) => r.score! < u.score!).length).toBeLessThanOrEqual(10);
    expect(bottom.some((u) => u.score === worst)).toBe(true);
    expect(year.summary.units_ranked).toBe(ranked.length);
    expect(top.filter((u) => bottom.includes(u))).toEqual([]);
  });

  it("ranks as the dashboards do: the same function on the same record gives the same places", () => {
    const records = year.units.map((u) => ({
      unit_id: u.unit_id,
      tasks: u.tasks_judged + u.open + u.ongoing,
      tasks_due: u.tasks_judged,
      done_on_time: u.done_on_time,
      done_late: u.done_late,
      overdue: u.overdue,
      supervision_breaches: u.supervision_breaches,
      satisfaction_index: u.satisfaction_index,
      hotline_on_time_rate: u.hotline_on_time_rate,
    }));
    const site = new Map(scoreUnits(records, benchmarks.unitScore).map((s) => [s.unit_id, s]));
    for (const u of year.units) expect(site.get(u.unit_id)!.list, u.unit_id).toBe(u.list);
  });

  it("puts the synthetic-data caveat first", () => {
    expect(year.caveats[0]).toMatchObject({severity: "critical", code: "synthetic"});
  });
});

describe("the quarterly inspection of 2023Q2", () => {
  const quarter = fixtureAssessment({quarter: "2023Q2"});

  it("on the as-of date, shows the exports' own task statuses", () => {
    const exported = csvRows("tasks.csv");
    const as = {
      done: "done_on_time",
      done_late: "done_late",
      overdue: "overdue",
      ongoing: "ongoing",
      in_progress: "open",
      not_started: "open",
    };
    for (const t of quarter.tasks) {
      const row = exported.find((r) => Number(r.task_number) === t.task_number && r.unit_id === t.unit_id)!;
      expect(t.status, `${t.task_number} ${t.unit_id}`).toBe(as[row.status as keyof typeof as]);
    }
  });

  it("says what changed since 2023Q1: each target's quarter, tasks that fell due or were done, unit ranks", () => {
    const changes = quarter.changes!;
    expect([changes.from, changes.to]).toEqual(["2023Q1", "2023Q2"]);
    const c1 = changes.targets.find((t) => t.clause === "1")!;
    const q = (p: string) =>
      Number(attainment.find((r) => r.clause === "1" && r.area_id === "xining" && r.period === p)!.actual);
    expect([c1.from_period, c1.from_period_value, c1.to_period, c1.to_period_value]).toEqual([
      "2023-Q1",
      q("2023-Q1"),
      "2023-Q2",
      q("2023-Q2"),
    ]);
    expect(changes.tasks.length).toBeGreaterThan(0);
    expect(changes.tasks.every((t) => t.from_status !== t.to_status)).toBe(true);
  });
});
