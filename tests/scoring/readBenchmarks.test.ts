import {readFileSync} from "node:fs";
import {join} from "node:path";
import YAML from "yaml";
import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {CatalogError} from "../../pipeline/errors.ts";
import {
  BENCHMARKS_DIR,
  judgedStatistic,
  minCases,
  readBenchmarks,
  validateBenchmarks,
} from "../../pipeline/scoring/readBenchmarks.ts";

const catalog = loadCatalog();
const read = (name: string) => YAML.parse(readFileSync(join(BENCHMARKS_DIR, name), "utf8"));
const files = () => ({
  judging: read("judging.yaml"),
  thresholds: read("thresholds.yaml"),
  references: read("national-references.yaml"),
  tierRules: read("tier-rules.yaml"),
  supervision: read("supervision-710.yaml"),
  unitScore: read("unit-score.yaml"),
});

describe("scoring rules as data (sources/benchmarks/)", () => {
  it("the bundled files validate against the catalog: every target has thresholds on the right side", () => {
    const b = readBenchmarks(catalog);
    expect(b.thresholds).toHaveLength(catalog.targets.length);
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const t of catalog.targets) {
      const alert = b.thresholds.find((x) => x.clause === t.clause)!.alert;
      expect(t.comparator === "<=" ? alert <= t.value : alert >= t.value, t.clause).toBe(true);
    }
  });

  it("judges durations by the median, rates by the mean, capacities by the max", () => {
    const {judging} = readBenchmarks(catalog);
    const metric = (id: string) => catalog.metrics.find((m) => m.id === id)!;
    expect(judgedStatistic(judging, metric("business_startup_time_workdays"))).toBe("median");
    expect(judgedStatistic(judging, metric("guarantee_fee_rate_pct"))).toBe("mean");
    expect(judgedStatistic(judging, metric("low_voltage_access_capacity_kw"))).toBe("max");
    expect(judgedStatistic(judging, metric("power_connection_time_reduction_pct"))).toBe("median");
    expect(minCases(judging, "annual_tax_compliance_time_hours")).toBe(1);
    expect(minCases(judging, "loan_time_workdays")).toBe(5);
  });

  it("leaves unknown reference values empty rather than invented, each with its source", () => {
    const {references} = readBenchmarks(catalog);
    expect(references.every((r) => r.source.length > 0)).toBe(true);
    expect(references.some((r) => r.value === null)).toBe(true);
    expect(
      references.find((r) => r.metric === "business_startup_time_workdays" && r.reference === "national_best_practice")
        ?.value,
    ).toBe(0.5);
  });

  it("reports every problem at once: a missing threshold, an alert past the target, an unknown metric", () => {
    const data = files();
    data.thresholds.thresholds = data.thresholds.thresholds.filter((t: {clause: string}) => t.clause !== "15");
    data.thresholds.thresholds.find((t: {clause: string}) => t.clause === "6.1").alert = 3;
    data.judging.statistic_by_metric = {no_such_metric: "p90"};
    data.tierRules.rules[0].min_percentile = 120;
    try {
      validateBenchmarks(data, catalog);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      const messages = (error as CatalogError).issues.map((i) => `${i.file} ${i.path} ${i.message}`).join("\n");
      expect(messages).toMatch(/target 15 has no thresholds/);
      expect(messages).toMatch(/clause 6\.1 the alert value 3 must meet the target/);
      expect(messages).toMatch(/unknown metric no_such_metric/);
      expect(messages).toMatch(/tier-rules\.yaml rules\.0\.min_percentile/);
    }
  });

  it("tier rules: every threshold names its source, and a higher rung never asks less than a lower one", () => {
    const {tierRules} = readBenchmarks(catalog);
    for (const rule of tierRules) {
      for (const key of ["min_percentile", "min_dtf", "min_dtf_gain", "max_component_fall"] as const) {
        if (rule[key] !== undefined) expect(rule.sources[key], `${rule.id} ${key}`).toMatch(/\S/);
      }
    }
    const data = files();
    data.tierRules.rules[1].min_dtf = 95; // 全国先进 asking more than 全国一流's 90
    delete data.tierRules.rules[2].sources.max_component_fall;
    try {
      validateBenchmarks(data, catalog);
      expect.unreachable();
    } catch (error) {
      const messages = (error as CatalogError).issues.map((i) => `${i.path} ${i.message}`).join("\n");
      expect(messages).toMatch(
        /first_class_p80_dtf90 \(national_first_class\) asks for less min_dtf than advanced_p60_dtf75/,
      );
      expect(messages).toMatch(/improvement_dtf_up: max_component_fall needs its reason or source/);
    }
  });

  it("fixed DTF bounds are the catalog's components, in the metric's own unit, never converted by a factor", () => {
    const {tierBounds} = readBenchmarks(catalog);
    expect(tierBounds.find((b) => b.metric === "business_startup_time_days")).toMatchObject({
      component: "DB2020 starting_a_business.time_days",
      best: 0.5,
      worst: 100,
    });
    expect(tierBounds.find((b) => b.metric === "annual_tax_compliance_time_hours")).toMatchObject({
      best: 49,
      worst: 696,
    });
    expect(tierBounds.find((b) => b.metric === "online_service_capability_pct")).toMatchObject({
      component: "政务服务网办能力",
      best: 100,
      worst: 0,
    });
    // A workday metric is not DB's calendar-day component: it has no bound of its own.
    expect(tierBounds.some((b) => b.metric === "business_startup_time_workdays")).toBe(false);
  });
});
