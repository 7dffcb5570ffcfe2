import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {buildAreas} from "../../pipeline/export/buildAreas.ts";
import {buildAttainment, type MetricPeriodRow} from "../../pipeline/export/buildAttainment.ts";
import {buildForecasts, forecastCameTrue} from "../../pipeline/export/buildForecasts.ts";
import {buildIndicators} from "../../pipeline/export/buildIndicators.ts";
import {buildNational, buildTiers, metricStandings} from "../../pipeline/export/buildNational.ts";
import {buildTasks, buildUnits} from "../../pipeline/export/buildUnits.ts";
import {readBenchmarks} from "../../pipeline/scoring/readBenchmarks.ts";

const catalog = loadCatalog();
const benchmarks = readBenchmarks(catalog);
const startup = catalog.targets.filter((t) => t.clause === "15");
const metrics = catalog.metrics;

/** A mart row of start-up time: the median is `value`, every statistic around it. */
function row(
  area_id: string,
  period_type: "month" | "quarter" | "year",
  period: string,
  value: number,
  n = 20,
): MetricPeriodRow {
  const start =
    period_type === "month"
      ? `${period}-01`
      : period_type === "year"
        ? `${period}-01-01`
        : `${period.slice(0, 4)}-${String(3 * Number(period.slice(-1)) - 2).padStart(2, "0")}-01`;
  return {
    metric_id: "business_startup_time_workdays",
    area_id,
    period_type,
    period,
    period_start: start,
    segment: "all",
    n,
    median: value,
    mean: value * 1.1,
    p90: value * 2,
    p10: value / 2,
    max_value: value * 3,
    min_value: value / 3,
    share_within_target: 0.5,
    target_clause: "15",
    baseline: null,
    is_synthetic: true,
  };
}

const months = ["2022-07", "2022-08", "2022-09", "2022-10", "2022-11", "2022-12", "2023-01"];
const rows: MetricPeriodRow[] = [
  ...months.map((m, i) => row("xining", "month", m, 2 - 0.2 * i)),
  row("xining", "month", "2023-02", 0.5, 3), // too few cases to judge
  row("chengxi", "month", "2022-09", 0.8),
  row("xining", "quarter", "2022-Q3", 1.8),
  row("xining", "quarter", "2022-Q4", 1.2),
  row("xining", "year", "2022", 1.5),
  row("chengxi", "year", "2022", 0.9),
  row("chengdong", "year", "2022", 2.5),
];
const ctx = {targets: startup, metrics, benchmarks, asOf: "2023-03-15"};

describe("buildAttainment", () => {
  const rowsOut = buildAttainment(rows, ctx);
  const city = rowsOut.filter((r) => r.area_id === "xining");

  it("fills every period from the first with data to the as-of period, for the city and every area with data", () => {
    expect(city.filter((r) => r.period_type === "month").map((r) => r.period)).toEqual([
      ...months,
      "2023-02",
      "2023-03",
    ]);
    expect(city.filter((r) => r.period_type === "quarter").map((r) => r.period)).toEqual([
      "2022-Q3",
      "2022-Q4",
      "2023-Q1",
    ]);
    expect(city.filter((r) => r.period_type === "year").map((r) => r.period)).toEqual(["2022", "2023"]);
    expect(new Set(rowsOut.map((r) => r.area_id))).toEqual(new Set(["xining", "chengxi", "chengdong"]));
    // chengxi: its first month with data starts the month grid shared by all areas of the target.
    expect(rowsOut.filter((r) => r.area_id === "chengxi" && r.period_type === "month")).toHaveLength(9);
  });

  it("judges the median against the target with the alert band, and says no_data where there is none", () => {
    const status = (p: string) => city.find((r) => r.period === p)!;
    expect(status("2022-07")).toMatchObject({
      statistic: "median",
      actual: 2,
      target: 1,
      comparator: "<=",
      gap: 1,
      status: "missed",
      n: 20,
    });
    // 2 − 0.2 × 5 = 1.0: meets the 1-workday target but is past the 0.9 alert value (预警值).
    expect(status("2022-12")).toMatchObject({status: "at_risk"});
    expect(status("2023-01")).toMatchObject({status: "met"});
    expect(status("2023-01").actual).toBeCloseTo(0.8, 12);
    expect(status("2023-02")).toMatchObject({actual: 0.5, n: 3, status: "no_data"});
    expect(status("2023-03")).toMatchObject({actual: null, n: 0, status: "no_data", is_synthetic: false});
  });

  it("a target without any data still gets no_data rows for the current periods", () => {
    const none = buildAttainment([], ctx);
    expect(none.map((r) => `${r.period_type} ${r.period} ${r.status}`)).toEqual([
      "month 2023-03 no_data",
      "quarter 2023-Q1 no_data",
      "year 2023 no_data",
    ]);
  });
});

describe("buildForecasts", () => {
  const forecasts = buildForecasts(rows, {...ctx, asOf: "2023-03-15"});

  it("one forecast per month of data up to the deadline month, each from the data up to it", () => {
    expect(forecasts.map((f) => f.as_of_month)).toEqual([
      "2022-07",
      "2022-08",
      "2022-09",
      "2022-10",
      "2022-11",
      "2022-12",
    ]);
    expect(forecasts.slice(0, 3).every((f) => f.verdict === "no_data")).toBe(true);
    expect(forecasts[3]).toMatchObject({points: 4, verdict: "on_track", deadline: "2022-12-31"});
    expect(forecasts[3]!.method).toMatch(/judged by the median/);
  });

  it("keeps the actual value at the deadline for the backtest once the as-of date has passed it", () => {
    expect(forecasts.every((f) => f.actual_at_deadline !== null && Math.abs(f.actual_at_deadline - 1) < 1e-9)).toBe(
      true,
    );
    expect(forecastCameTrue(forecasts[3]!, startup[0]!)).toBe(true);
    expect(buildForecasts(rows, {...ctx, asOf: "2022-11-30"}).every((f) => f.actual_at_deadline === null)).toBe(true);
  });
});

describe("national standing and tiers", () => {
  const peers = [
    {city: "杭州", metric_id: "business_startup_time_workdays", year: 2022, value: 0.8, source: "s"},
    {city: "兰州", metric_id: "business_startup_time_workdays", year: 2022, value: 3, source: "s"},
    {city: "银川", metric_id: "business_startup_time_workdays", year: 2022, value: 2, source: "s"},
  ];
  const nctx = {catalog, benchmarks, asOf: "2023-03-15"};
  // The start-up time component as DB counts it, in calendar days (2.1 days for the 1.5 workdays of the year).
  const calendarDays = {...row("xining", "year", "2022", 2.1), metric_id: "business_startup_time_days"};
  const standings = metricStandings([...rows, calendarDays], peers, nctx);

  it("ranks the city among peers and scores the calendar-day component against DB2020's fixed bounds", () => {
    const s = standings.find((x) => x.metric_id === "business_startup_time_workdays" && x.year === 2022)!;
    // City 1.5 among 0.8, 2, 3: rank 2 of 4, better than 2 of 3 peers. The workday metric is not DB's component.
    expect(s).toMatchObject({city_value: 1.5, rank: 2, peer_count: 3, dtf: null, frontier_source: null});
    expect(s.percentile).toBeCloseTo(200 / 3, 9);
    // DTF of the calendar-day component, 0.5 to 100 calendar days: 100 × (100 − 2.1) / 99.5, no factor.
    const d = standings.find((x) => x.metric_id === "business_startup_time_days" && x.year === 2022)!;
    expect(d).toMatchObject({frontier: 0.5, worst: 100, frontier_source: "DB2020 starting_a_business.time_days"});
    expect(d.dtf).toBeCloseTo((100 * (100 - 2.1)) / 99.5, 9);
  });

  it("the DTF score does not move with the peers' best and worst of the year (fixed bounds)", () => {
    const wider = [
      ...peers,
      {city: "某市", metric_id: "business_startup_time_workdays", year: 2022, value: 40, source: "s"},
    ];
    const again = metricStandings([...rows, calendarDays], wider, nctx).find(
      (x) => x.metric_id === "business_startup_time_days" && x.year === 2022,
    )!;
    expect(again.dtf).toBe(standings.find((x) => x.metric_id === "business_startup_time_days" && x.year === 2022)!.dtf);
    // An indicator with metrics but no component yet says so in its evidence.
    const bare = {...catalog, metrics: catalog.metrics.map((m) => ({...m, component: undefined}))};
    const noBounds = {...benchmarks, tierBounds: []};
    const tiers = buildTiers(metricStandings(rows, peers, {...nctx, benchmarks: noBounds}), {
      ...nctx,
      catalog: bare,
      benchmarks: noBounds,
    });
    expect(tiers.find((t) => t.indicator_id === "starting_a_business")!.evidence).toMatch(
      /no component \(二级指标\) with fixed bounds in the catalog yet/,
    );
  });

  it("national.csv has a row per reference (empty values kept) and the best peer", () => {
    const rowsN = buildNational(standings, peers, nctx).filter(
      (r) => r.metric_id === "business_startup_time_workdays" && r.year === 2022,
    );
    expect(rowsN.map((r) => r.reference)).toEqual([
      "national_best_practice",
      "national_policy_target",
      "db2020_china",
      "db2020_beijing",
      "db2020_shanghai",
      "best_peer",
      "excellent_threshold",
    ]);
    expect(rowsN.find((r) => r.reference === "db2020_shanghai")!.reference_value).toBeNull();
    expect(rowsN.find((r) => r.reference === "best_peer")).toMatchObject({
      reference_value: 0.8,
      peer_rank: 2,
      peer_count: 4,
    });
  });

  it("tiers name the rule and the evidence, say it is bizenv's simulated verdict", () => {
    const tiers = buildTiers(standings, nctx);
    const start = tiers.find((t) => t.indicator_id === "starting_a_business" && t.year === 2022)!;
    // Percentile 66.7 and DTF 98.4: 全国先进, short of 全国一流 (percentile ≥ 80).
    expect(start).toMatchObject({
      verdict: "national_advanced",
      verdict_source: "simulated",
      simulated_verdict: "national_advanced",
      is_provisional: false,
      rule_id: "advanced_p60_dtf75",
      goal: "national_first_class",
      on_course: false,
    });
    expect(start.evidence).toMatch(
      /business_startup_time_workdays: 1\.5 rank 2\/4 \(peers 2022\), DTF —; business_startup_time_days: 2\.1, DTF 98\.4 vs DB2020 starting_a_business\.time_days best 0\.5/,
    );
  });

  it("a verdict on peers' previous-year values is provisional until the same year's are loaded", () => {
    const late = peers.map((p) => ({...p, year: 2021}));
    const tiers = buildTiers(metricStandings([...rows, calendarDays], late, nctx), nctx);
    const start = tiers.find((t) => t.indicator_id === "starting_a_business" && t.year === 2022)!;
    expect(start).toMatchObject({verdict: "national_advanced", is_provisional: true});
    expect(start.evidence).toMatch(/provisional: peers' 2022 values not loaded yet for business_startup_time_workdays/);
  });

  it("a metric whose value of the year is not loaded yet is judged on its latest value, provisionally (stand_in)", () => {
    expect(benchmarks.tierStandIn.max_years_back).toBe(1);
    // 包容普惠创新 from yearly city statistics: good-air days of 2021 and 2022 loaded, none of 2023 by mid-2023;
    // personnel files of 2021 only. Start-up time has a 2023 value, so 2023 is a year of the tiers.
    const yearly = (metric_id: string, period: string, value: number) => ({
      ...row("xining", "year", period, value),
      metric_id,
      target_clause: null,
    });
    const mid = {...nctx, asOf: "2023-06-30"};
    const withYearly = metricStandings(
      [
        ...rows,
        row("xining", "year", "2023", 0.9),
        yearly("good_air_days_share_pct", "2021", 50),
        yearly("good_air_days_share_pct", "2022", 60),
        yearly("personnel_file_transfer_online_pct", "2021", 60),
      ],
      peers,
      mid,
    );
    const tiers = buildTiers(withYearly, mid);
    const at = (year: number) => tiers.find((t) => t.indicator_id === "inclusive_innovation" && t.year === year)!;
    // Judged by the mean (1.1 × the row's value). 2023: good-air days' 2022 value (66) stands in, its change counted
    // as none (0 < the 5 points 全面提升 asks); 一流 and 先进 fail on the DTF without peers: below, provisional.
    // Personnel files (2021) are too old to stand in for 2023.
    expect(at(2023)).toMatchObject({verdict: "below", is_provisional: true, on_course: false});
    expect(at(2023).evidence).toMatch(
      /^percentile —, DTF 66 \(previous year 66\); good_air_days_share_pct \(2022 value\): 66, DTF 66 \(\+0\)/,
    );
    expect(at(2023).evidence).toMatch(
      /provisional: the city's 2023 value not loaded yet for good_air_days_share_pct \(its 2022 value stands in\)$/,
    );
    expect(at(2023).evidence).not.toMatch(/personnel_file/);
    // 2022: good-air days up 11 on 2021, the personnel files' 2021 value standing in (+0), mean 60.5 → 66:
    // 全面提升, provisional.
    expect(at(2022)).toMatchObject({verdict: "comprehensive_improvement", is_provisional: true});
    expect(at(2022).evidence).toMatch(/personnel_file_transfer_online_pct \(2021 value\): 66, DTF 66 \(\+0\)/);
    // A year whose values are all loaded is not provisional: 2021 has no previous year to improve on (no_data).
    expect(at(2021)).toMatchObject({verdict: "no_data", is_provisional: false});
  });

  it("the official evaluation's published result takes precedence, and the row says so", () => {
    const official = [
      {
        indicator_id: "starting_a_business",
        year: 2022,
        standing: "national_first_class" as const,
        is_benchmark: true,
        rank: 3,
        percentile: 95,
        source_document: "2022年中国营商环境评价报告",
      },
    ];
    const tiers = buildTiers(standings, nctx, official);
    const start = tiers.find((t) => t.indicator_id === "starting_a_business" && t.year === 2022)!;
    expect(start).toMatchObject({
      verdict: "national_first_class",
      verdict_source: "official",
      simulated_verdict: "national_advanced",
      is_provisional: false,
      official_is_benchmark: true,
      official_rank: 3,
      official_source: "2022年中国营商环境评价报告",
      on_course: true,
    });
    const other = tiers.find((t) => t.indicator_id === "paying_taxes" && t.year === 2022)!;
    expect(other.verdict_source).toBe("simulated");
  });

  it("indicators carry the indicator score per year: each component's value, bounds, score and contribution", () => {
    const indicators = buildIndicators({
      catalog,
      benchmarks,
      asOf: "2023-03-15",
      rows: [...rows, calendarDays, {...calendarDays, metric_id: "startup_procedures_count", median: 4}],
      attainment: [],
      forecasts: [],
      national: [],
      tiers: [],
      feedOf: new Map(),
    });
    const s = indicators.find((i) => i.indicator_id === "starting_a_business")!;
    // Time 2.1 days: 100 × (100 − 2.1) / 99.5 = 98.392; procedures 4: 100 × (18 − 4) / 17 = 82.353; mean 90.372.
    // The third component, the cost (% of income per capita), has no row here: left out of the mean, not 0.
    expect(s.indicator_scores).toHaveLength(1);
    const y = s.indicator_scores[0]!;
    expect(y).toMatchObject({year: "2022", scored: 2, total: 3});
    expect(y.components.find((c) => c.metric_id === "startup_cost_pct_income")).toMatchObject({score: null});
    expect(y.score).toBeCloseTo(90.372, 3);
    const time = y.components.find((c) => c.metric_id === "business_startup_time_days")!;
    expect(time).toMatchObject({value: 2.1, frontier: 0.5, worst: 100, db2020: "starting_a_business.time_days"});
    expect(time.contribution).toBeCloseTo(98.392 / 2, 3);
    expect(indicators.find((i) => i.indicator_id === "bidding_and_tendering")!.indicator_scores).toEqual([]);
  });

  it("areas are ranked by polarity, indicators carry the headline figures", () => {
    const attainment = buildAttainment(rows, ctx);
    const areas = buildAreas(rows, attainment, {metrics, benchmarks}).filter(
      (a) => a.metric_id === "business_startup_time_workdays",
    );
    expect(areas.map((a) => [a.area_id, a.rank, a.areas_ranked, a.status])).toEqual([
      ["chengdong", 2, 2, "missed"],
      ["chengxi", 1, 2, "met"],
    ]);
    const indicators = buildIndicators({
      catalog,
      benchmarks,
      asOf: "2023-03-15",
      rows,
      attainment,
      forecasts: buildForecasts(rows, ctx),
      national: buildNational(standings, peers, nctx),
      tiers: buildTiers(standings, nctx),
      feedOf: new Map([["business_startup_time_workdays", {data_as_of: "2023-02-28", freshness: "ok" as const}]]),
    });
    const s = indicators.find((i) => i.indicator_id === "starting_a_business")!;
    expect(s).toMatchObject({
      headline_metric: "business_startup_time_workdays",
      latest_period: "2023-01",
      target_value: 1,
      status: "met",
      national_best: 0.5,
      freshness: "ok",
    });
    expect(s.latest_value).toBeCloseTo(0.8, 12);
    expect(s.trend).toHaveLength(18);
    expect(s.trend.at(-1)).toEqual({period: "2023-03", value: null});
    expect(indicators).toHaveLength(18);
  });
});

describe("tasks and units", () => {
  it("judges every task × unit and builds each unit's record", () => {
    const reports = [
      {
        task_number: 1,
        indicator_id: "x",
        unit_id: "a",
        deadline: "2022-12-31",
        is_ongoing: false,
        task_units: 2,
        reported_on: "2022-12-20",
        reported_status: "done" as const,
        percent_done: 100,
        first_done_on: "2022-12-20",
      },
      {
        task_number: 2,
        indicator_id: "x",
        unit_id: "a",
        deadline: "2022-12-31",
        is_ongoing: false,
        task_units: 2,
        reported_on: "2023-01-20",
        reported_status: "in_progress" as const,
        percent_done: 60,
        first_done_on: null,
      },
      {
        task_number: 3,
        indicator_id: "x",
        unit_id: "b",
        deadline: null,
        is_ongoing: true,
        task_units: 1,
        reported_on: null,
        reported_status: null,
        percent_done: null,
        first_done_on: null,
      },
    ];
    const tasks = buildTasks(reports, benchmarks, "2023-06-30");
    expect(tasks.map((t) => [t.status, t.days_overdue])).toEqual([
      ["done", null],
      ["overdue", 181],
      ["ongoing", null],
    ]);
    const units = buildUnits(
      ["a", "b"],
      tasks,
      new Map([["a", {satisfaction_index: 90, hotline_on_time_rate: null}]]),
      benchmarks,
    );
    expect(units[0]).toMatchObject({
      unit_id: "a",
      tasks: 2,
      done_on_time: 1,
      overdue: 1,
      on_time_rate: 50,
      rank: 1,
      list: null, // the only unit ranked is both the best and the worst: on no list
    });
    // (0.5 × 50 + 0.3 × 90) / 0.8 − 2 points for the task open past its 710 limit.
    expect(units[0]!.score).toBeCloseTo((0.5 * 50 + 0.3 * 90) / 0.8 - 2, 9);
    expect(units[1]).toMatchObject({unit_id: "b", tasks: 1, score: null, rank: null, list: null});
  });
});

describe("targets judged as worded", () => {
  const stats = (metric_id: string, segment: string, s: Partial<MetricPeriodRow>): MetricPeriodRow => ({
    ...row("xining", "month", "2022-06", 0),
    metric_id,
    segment,
    target_clause: null,
    ...s,
  });

  it("clause 13: a month whose median lead time is over 30 days but a third of projects under it is not met", () => {
    const rows = [
      // The median project was published 35 days ahead, but 10 of the 30 projects fewer than 30 days ahead.
      stats("procurement_intention_lead_days", "all", {n: 30, median: 35, mean: 34, p10: 20, p90: 50}),
      stats("procurement_intention_on_time_pct", "all", {n: 30, median: 100, mean: (100 * 20) / 30, p10: 0}),
    ];
    const out = buildAttainment(rows, {
      targets: catalog.targets.filter((t) => t.clause === "13"),
      metrics,
      benchmarks,
      asOf: "2022-06-30",
    }).find((r) => r.area_id === "xining" && r.period === "2022-06")!;
    expect(out).toMatchObject({metric_id: "procurement_intention_on_time_pct", statistic: "mean", n: 30});
    expect(out.actual).toBeCloseTo(66.67, 2);
    expect(out.status).toBe("missed");
  });

  it("clause 19: one eligible user at high voltage misses the rule, whatever the largest low-voltage capacity", () => {
    const rows = [
      stats("low_voltage_access_capacity_kw", "all", {n: 40, max_value: 160}),
      stats("low_voltage_connection_share_pct", "area_type=urban", {n: 40, median: 100, mean: (100 * 39) / 40}),
    ];
    const out = buildAttainment(rows, {
      targets: catalog.targets.filter((t) => t.clause === "19.1"),
      metrics,
      benchmarks,
      asOf: "2022-06-30",
    }).find((r) => r.area_id === "xining" && r.period === "2022-06")!;
    expect(out).toMatchObject({status: "missed", n: 40, actual: 97.5});
  });
});
