// The loaders' pure page models over the SYNTHETIC export fixture: what the overview, indicator, tasks, satisfaction,
// areas and data-health pages receive.
import {tierVerdictLabel} from "../../dashboards/components/labels.ts";
import {describe, expect, it} from "vitest";
import {loadCatalog, planJson} from "../../pipeline/catalog/index.ts";
import {readExportCsv, readIndicators, readManifest} from "../../pipeline/export/readExports.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {areasData} from "../../dashboards/data/areasData.ts";
import {healthData} from "../../dashboards/data/healthData.ts";
import {
  BREACHES_SHOWN,
  indicatorAreaSeries,
  indicatorData,
  segmentMatches,
} from "../../dashboards/data/indicatorData.ts";
import {feedInfo, indicatorCards, isStale, overviewData} from "../../dashboards/data/overviewData.ts";
import {unmeasuredText} from "../../dashboards/components/unmeasuredText.ts";
import {referenceLines} from "../../dashboards/data/referenceLines.ts";
import {satisfactionData} from "../../dashboards/data/satisfactionData.ts";
import {tasksData, urgency} from "../../dashboards/data/tasksData.ts";
import {FIXTURE_EXPORTS as DIR} from "../helpers/startSite.ts";

const plan = planJson(loadCatalog());
const manifest = readManifest(DIR);
const meta = {as_of: manifest.as_of, synthetic: manifest.synthetic};
const tiers = readExportCsv(DIR, "tiers.csv");
const forecasts = readExportCsv(DIR, "forecasts.csv");
const national = readExportCsv(DIR, "national.csv");
const contracts = loadContracts(loadCatalog());
const feedHealth = readExportCsv(DIR, "feed_health.csv");
const feeds = feedInfo(contracts, feedHealth);
const overview = overviewData(plan, manifest, readIndicators(DIR), tiers, forecasts, national, feeds);

describe("overview", () => {
  it("has the 18 indicators in plan order and the tier goals 4 / 11 / 3", () => {
    expect(overview.cards.map((c) => c.number)).toEqual([...Array(18).keys()].map((i) => i + 1));
    expect(overview.tiers.map((t) => [t.id, t.indicators.length])).toEqual([
      ["national_first_class", 4],
      ["national_advanced", 11],
      ["comprehensive_improvement", 3],
    ]);
    for (const t of overview.tiers) expect(t.on_course).toBeLessThanOrEqual(t.assessed);
  });

  it("says where each tier verdict came from: official (官方评价) or simulated (模拟评价), and provisional (暂定)", () => {
    // The fixture's latest year (2023) has no official result yet; every simulated verdict of it is provisional.
    const first = overview.tiers.find((t) => t.id === "national_first_class")!;
    expect(first).toMatchObject({official: 0, provisional: first.assessed});
    const start = overview.cards.find((c) => c.indicator_id === "starting_a_business")!;
    expect(start).toMatchObject({tier_verdict_source: "simulated", tier_provisional: true});
    expect(tierVerdictLabel(start.tier_verdict, start.tier_verdict_source, start.tier_provisional, "zh")).toBe(
      "全国一流（模拟评价·暂定）",
    );
    expect(tierVerdictLabel("national_advanced", "official", false, "en")).toBe(
      "National advanced (Official evaluation)",
    );
    const official = tiers.find((t) => t.indicator_id === "starting_a_business" && t.year === 2022)!;
    expect(official).toMatchObject({verdict_source: "official", official_is_benchmark: true, is_provisional: false});
  });

  it("calls every feed that is not fresh stale, so no card built on it can show green", () => {
    expect(["ok", "warn", "error", "no_data", null].map((f) => isStale(f as never))).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    for (const c of overview.cards) expect(c.stale).toBe(c.freshness !== "ok");
  });

  it("names the target clause, the latest forecast and the advanced reference of each measured card", () => {
    const startup = overview.cards.find((c) => c.indicator_id === "starting_a_business")!;
    expect(startup.target_clause).toBe("15");
    expect(startup.forecast?.deadline).toBe("2022-12-31");
    expect(startup.national_advanced).toBe(1);
    expect(startup.trend.length).toBeLessThanOrEqual(18);
  });
});

describe("a card without data says why, naming the missing feed (issue 11)", () => {
  // 获得信贷 from 中小微企业贷款办件 (credit_cases): drop its latest value and mark the feed loaded or not.
  const credit = plan.metrics.find((m) => m.indicator === "getting_credit" && m.feed !== null)!;
  const withoutValue = readIndicators(DIR).map((i) =>
    i.indicator_id === "getting_credit" ? {...i, latest_value: null, latest_period: null} : i,
  );
  const cardsWith = (loaded: (feed: string) => boolean) =>
    indicatorCards(
      plan,
      withoutValue,
      tiers,
      forecasts,
      national,
      feeds.map((f) => ({...f, loaded: loaded(f.feed)})),
    );

  it("names the feed from the catalog (metric.feed) when no row of it is loaded", () => {
    const card = cardsWith((f) => f !== credit.feed).find((c) => c.indicator_id === "getting_credit")!;
    const contract = contracts.find((c) => c.feed === credit.feed)!;
    expect(card.unmeasured).toBe("missing_feed");
    expect(card.missing_feeds.map((f) => f.feed)).toEqual([credit.feed]);
    expect(unmeasuredText(card, "zh")).toBe(`无数据：数据源${contract.name_zh}尚未载入。`);
    expect(unmeasuredText(card, "en", {short: true})).toBe(`no ${contract.name_en}`);
  });

  it("says the feeds are loaded but too thin when they are, and is silent on a card with a value", () => {
    const cards = cardsWith(() => true);
    const card = cards.find((c) => c.indicator_id === "getting_credit")!;
    expect(card).toMatchObject({unmeasured: "too_few_cases", missing_feeds: []});
    expect(unmeasuredText(card, "zh")).not.toMatch(/^无数据/);
    const start = cards.find((c) => c.indicator_id === "starting_a_business")!;
    expect(start.unmeasured).toBeNull();
    expect(unmeasuredText(start, "zh")).toBe("");
  });

  it("an indicator without any metric in the catalog says so; every card of the fixture without a value has a reason", () => {
    for (const c of overview.cards) {
      const hasMetric = plan.metrics.some((m) => m.indicator === c.indicator_id);
      if (c.latest_value !== null) expect(c.unmeasured, c.indicator_id).toBeNull();
      else {
        expect(c.unmeasured, c.indicator_id).toBe(
          hasMetric ? (c.missing_feeds.length ? "missing_feed" : "too_few_cases") : "no_metric",
        );
        expect(unmeasuredText(c, "zh"), c.indicator_id).not.toBe("");
      }
      // A feed counted missing is one feed_health.csv has no row for.
      for (const f of c.missing_feeds) expect(feedHealth.find((h) => h.feed === f.feed)?.rows ?? 0).toBe(0);
    }
  });
});

describe("an indicator's page data", () => {
  const x = {
    metricPeriods: readExportCsv(DIR, "metric_periods.csv"),
    attainment: readExportCsv(DIR, "attainment.csv"),
    forecasts,
    distributions: readExportCsv(DIR, "distributions.csv"),
    areas: readExportCsv(DIR, "areas.csv"),
    national,
    tiers,
    tasks: readExportCsv(DIR, "tasks.csv"),
    breaches: readExportCsv(DIR, "rule_breaches.csv"),
  };
  const card = overview.cards.find((c) => c.indicator_id === "getting_water_and_gas")!;
  const data = indicatorData(plan, card, meta, x);

  it("matches targets to the exported segments, utility prefix and all", () => {
    expect(segmentMatches("utility=water;customer_class=industrial_public", "customer_class=industrial_public")).toBe(
      true,
    );
    expect(segmentMatches("all", "customer_class=industrial_public")).toBe(false);
    expect(data.targets.find((t) => t.clause === "20.1")!.segment).toBe(
      "utility=water;customer_class=industrial_public",
    );
  });

  it("keeps only the city's months; the areas' months go to their own file", () => {
    const rows = data.series.rows.map((r) => Object.fromEntries(data.series.columns.map((c, i) => [c, r[i]])));
    expect(rows.every((r) => r.area === "xining" || r.period_type === "year")).toBe(true);
    const areas = indicatorAreaSeries(plan, card.indicator_id, x.metricPeriods);
    expect(areas.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(data).length).toBeLessThan(200_000);
  });

  it("draws the national best and advanced lines by the first reference that has a value", () => {
    expect(referenceLines(national, "water_connection_time_workdays").map((l) => [l.kind, l.reference])).toEqual([
      ["best", "national_best_practice"],
      ["advanced", "excellent_threshold"],
    ]);
    expect(data.dtf.water_connection_time_workdays!.map((d) => d.year)).toEqual([2021, 2022, 2023]);
  });

  it("lists the indicator's tasks with each unit's status, most urgent first", () => {
    expect(data.tasks.map((t) => t.number)).toEqual(
      plan.tasks.filter((t) => t.indicator === card.indicator_id).map((t) => t.number),
    );
    for (const t of data.tasks) {
      const order = t.units.map((u) => urgency(u.status));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(t.status).toBe(t.units[0]?.status ?? null);
    }
  });
});

describe("the cases that broke a per-case rule, on the indicator pages", () => {
  const x = {
    metricPeriods: [],
    attainment: readExportCsv(DIR, "attainment.csv"),
    forecasts,
    distributions: [],
    areas: [],
    national,
    tiers,
    tasks: readExportCsv(DIR, "tasks.csv"),
    breaches: readExportCsv(DIR, "rule_breaches.csv"),
  };
  const pageOf = (id: string) =>
    indicatorData(
      plan,
      overview.cards.find((c) => c.indicator_id === id)!,
      meta,
      x,
    );

  it("government procurement lists the latest clause-13 cases of rule_breaches.csv, with file and line, and counts all", () => {
    const data = pageOf("government_procurement");
    const expected = x.breaches.filter((b) => b.target_clause === "13");
    expect(expected.length).toBeGreaterThan(0);
    expect(data.breachesTotal).toBe(expected.length);
    expect(data.breaches).toHaveLength(Math.min(expected.length, BREACHES_SHOWN));
    expect(data.breaches.every((b) => b.clause === "13" && b.file_name && b.line !== null)).toBe(true);
    const dates = data.breaches.map((b) => b.observed_on);
    expect(dates).toEqual([...dates].sort().reverse());
    // The page keeps the latest: no case left out is later than the earliest shown.
    const earliestShown = dates.at(-1)!;
    const shownKeys = new Set(data.breaches.map((b) => b.case_key));
    expect(expected.filter((b) => !shownKeys.has(b.case_key!)).every((b) => b.observed_on! <= earliestShown)).toBe(
      true,
    );
  });

  it("getting electricity lists clause 19's cases only, and an indicator without a share target none", () => {
    expect(new Set(pageOf("getting_electricity").breaches.map((b) => b.clause))).toEqual(new Set(["19.1", "19.2"]));
    expect(pageOf("getting_credit").breaches).toEqual([]);
  });
});

describe("the other pages' data", () => {
  it("tasks: 47 tasks, units named and ranked", () => {
    const data = tasksData(plan, meta, readExportCsv(DIR, "tasks.csv"), readExportCsv(DIR, "units.csv"));
    expect(data.tasks).toHaveLength(47);
    // Ties share a place (unit-score.yaml): every unit tied at the top is on the list, so it may run past ten.
    const top = data.units.filter((u) => u.list === "top10");
    expect(top.length).toBeGreaterThanOrEqual(10);
    expect(top.every((u) => u.rank !== null && u.rank <= 10)).toBe(true);
    expect(data.units.every((u) => u.name_zh !== "")).toBe(true);
  });

  it("satisfaction: city indices are respondent-weighted means of the units'", () => {
    const rows = readExportCsv(DIR, "satisfaction.csv");
    const data = satisfactionData(plan, meta, rows, readExportCsv(DIR, "hotline.csv"));
    const month = rows[0]!.month!;
    const same = rows.filter((r) => r.month === month && r.respondent_type === "enterprise");
    const expected = same.reduce((s, r) => s + r.index! * r.n!, 0) / same.reduce((s, r) => s + r.n!, 0);
    const city = data.city.find((c) => c.month === month && c.respondent_type === "enterprise" && c.survey === "all")!;
    expect(city.index).toBeCloseTo(expected, 2);
    expect(data.hotline.filter((h) => h.unit === "all")).toHaveLength(new Set(data.hotline.map((h) => h.month)).size);
    expect(data.summary.to).toBe("2023-06");
  });

  it("areas: the ten counties, districts and parks, metrics with area values only", () => {
    const data = areasData(plan, meta, readExportCsv(DIR, "areas.csv"));
    expect(data.areas).toHaveLength(10);
    expect(data.metrics.length).toBeGreaterThan(0);
    expect(data.years).toEqual([2021, 2022, 2023]);
  });

  it("health: every load reconciled, the stale feed found, rejects most first", () => {
    const data = healthData(
      manifest,
      loadContracts(loadCatalog()),
      readExportCsv(DIR, "feed_health.csv"),
      readExportCsv(DIR, "load_log.csv"),
      readExportCsv(DIR, "rejects.csv"),
    );
    expect(data.loads.every((l) => l.balanced)).toBe(true);
    expect(data.feeds.find((f) => f.feed === "procurement_intentions")!.freshness).toBe("error");
    expect(data.rejects.map((r) => r.rows)).toEqual([...data.rejects.map((r) => r.rows)].sort((a, b) => b! - a!));
  });
});
