import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {DEFAULT_CATALOG_DIR, loadCatalog, type Catalog} from "../../pipeline/catalog/index.ts";

let catalog: Catalog;
beforeAll(() => {
  catalog = loadCatalog();
});

describe("the Xining 2022 catalog", () => {
  it("holds the plan's 4 actions, 18 indicators, 47 tasks and 6 safeguards", () => {
    expect(catalog.actions).toHaveLength(4);
    expect(catalog.indicators).toHaveLength(18);
    expect(catalog.tasks).toHaveLength(47);
    expect(catalog.safeguards.map((s) => s.name_zh)).toEqual([
      "建立领导机制",
      "建立责任机制",
      "建立督查机制",
      "建立考评机制",
      "建立监督机制",
      "建立宣传机制",
    ]);
  });

  it("uses the national evaluation's 18 indicator ids, in the plan's section order", () => {
    expect(catalog.indicators.map((i) => i.id)).toEqual([
      "government_services",
      "registering_property",
      "paying_taxes",
      "bidding_and_tendering",
      "government_procurement",
      "starting_a_business",
      "getting_electricity",
      "getting_water_and_gas",
      "dealing_with_construction_permits",
      "getting_credit",
      "trading_across_borders",
      "market_regulation",
      "enforcing_contracts",
      "intellectual_property",
      "labor_market_regulation",
      "protecting_minority_investors",
      "resolving_insolvency",
      "inclusive_innovation",
    ]);
  });

  it("sets the tier goals of 总体要求: 4 first class by end-2022, 11 advanced and 3 improved by end-2023", () => {
    const goal = (tier: string) =>
      catalog.indicators
        .filter((i) => i.tier_goal.tier === tier)
        .map((i) => `${i.id}@${i.tier_goal.deadline}`)
        .sort();
    expect(goal("national_first_class")).toEqual(
      ["paying_taxes", "getting_electricity", "registering_property", "starting_a_business"]
        .map((id) => `${id}@2022-12-31`)
        .sort(),
    );
    expect(goal("national_advanced")).toHaveLength(11);
    expect(goal("national_advanced").every((g) => g.endsWith("@2023-12-31"))).toBe(true);
    expect(goal("comprehensive_improvement")).toEqual(
      ["labor_market_regulation", "protecting_minority_investors", "resolving_insolvency"]
        .map((id) => `${id}@2023-12-31`)
        .sort(),
    );
  });

  it("reads every deadline as the last day of the month named, or ongoing", () => {
    const byDeadline = (deadline: string) => catalog.tasks.filter((t) => t.deadline === deadline).map((t) => t.number);
    // Counted by hand from the plan's 完成时限 of each task.
    expect(byDeadline("2022-06-30")).toEqual([38]);
    expect(byDeadline("2023-06-30")).toEqual([8, 10, 16, 21, 22, 23, 24, 26, 27, 28, 29, 33, 40, 41]);
    expect(byDeadline("2023-12-31")).toEqual([14, 31, 32, 36, 37, 43, 44, 46, 47]);
    expect(byDeadline("ongoing")).toEqual([2, 30]);
    expect(byDeadline("2022-12-31")).toEqual([
      1, 3, 4, 5, 6, 7, 9, 11, 12, 13, 15, 17, 18, 19, 20, 25, 34, 35, 39, 42, 45,
    ]);
    // 2022年12月底完成并持续推进: a date, and marked as continuing.
    expect(catalog.tasks[3]).toMatchObject({number: 4, deadline: "2022-12-31", continuing: true});
    expect(catalog.tasks.filter((t) => t.continuing).map((t) => t.number)).toEqual([2, 4, 30]);
  });

  it("expands 各县区政府 and 各园区管委会 into the 7 county governments and the 3 park committees", () => {
    const counties = [
      "gov_chengdong",
      "gov_chengzhong",
      "gov_chengxi",
      "gov_chengbei",
      "gov_huangzhong",
      "gov_datong",
      "gov_huangyuan",
    ];
    const parks = ["park_dongchuan", "park_nanchuan", "park_biotech"];
    expect(catalog.tasks[0]!.units).toEqual([
      "business_env_bureau",
      "admin_approval_bureau",
      "big_data_bureau",
      ...counties,
      ...parks,
    ]);
    expect(catalog.tasks[8]!.units).toEqual(["tax_bureau"]);
    // Task 6 names three counties and three parks by name, and three utilities.
    expect(catalog.tasks[5]!.units).toEqual([
      "natural_resources_bureau",
      "tax_bureau",
      "gov_datong",
      "gov_huangyuan",
      "gov_huangzhong",
      "park_dongchuan",
      "park_nanchuan",
      "park_biotech",
      "water_supply_group",
      "state_grid_xining",
      "petrochina_gas_xining",
    ]);
    // Task 22: counties only, no parks.
    expect(catalog.tasks[21]!.units).toEqual(["construction_bureau", "admin_approval_bureau", ...counties]);
  });

  it("registers Xining's 7 county-level divisions with their codes and the 3 parks with project codes", () => {
    const byKind = (kind: string) => catalog.areas.filter((a) => a.kind === kind).map((a) => `${a.code} ${a.name_zh}`);
    expect(byKind("city")).toEqual(["630100 西宁市"]);
    expect([...byKind("district"), ...byKind("county")]).toEqual([
      "630102 城东区",
      "630103 城中区",
      "630104 城西区",
      "630105 城北区",
      "630106 湟中区",
      "630121 大通回族土族自治县",
      "630123 湟源县",
    ]);
    expect(byKind("park")).toEqual([
      "XN-ETDZ-DC 东川工业园区",
      "XN-ETDZ-NC 南川工业园区",
      "XN-ETDZ-SW 生物科技产业园区",
    ]);
  });

  it("keeps every task's Chinese text verbatim from the plan", () => {
    const text = readFileSync(join(DEFAULT_CATALOG_DIR, "plan.zh.txt"), "utf8");
    for (const task of catalog.tasks)
      expect(text).toContain(`(${task.number})${task.text_zh}(责任单位:${task.units_text_zh}`);
  });
});

describe("the quantitative targets", () => {
  // Read by hand from the plan: clause, metric, comparator, value, unit, segment.
  const expected: Array<[string, string, string, number, string, Record<string, unknown> | null]> = [
    ["1", "online_service_capability_pct", ">=", 95, "percent", null],
    ["6.1", "property_registration_time_workdays", "<=", 2.5, "workday", {applicant_type: "individual"}],
    ["6.2", "property_registration_time_workdays", "<=", 4, "workday", {applicant_type: "enterprise"}],
    ["9.1", "new_taxpayer_handling_time_reduction_pct", ">=", 90, "percent_reduction", null],
    ["9.2", "annual_tax_compliance_time_hours", "<=", 98, "hour", null],
    // Clauses 13 and 19 are rules for every case: judged as the share of the population that keeps the rule.
    ["13", "procurement_intention_on_time_pct", ">=", 100, "percent", null],
    ["15", "business_startup_time_workdays", "<=", 1, "workday", null],
    ["18.1", "power_connection_time_reduction_pct", ">=", 40, "percent_reduction", null],
    ["18.2", "power_connection_time_workdays", "<=", 20, "workday", {supply_class: "high_voltage_single"}],
    ["18.3", "power_connection_time_workdays", "<=", 30, "workday", {supply_class: "high_voltage_dual"}],
    ["18.4", "power_connection_time_workdays", "<=", 3, "workday", {supply_class: "low_voltage"}],
    ["18.5", "grid_works_time_workdays", "<=", 15, "workday", {needs_grid_works: true}],
    ["19.1", "low_voltage_connection_share_pct", ">=", 100, "percent", {area_type: "urban"}],
    ["19.2", "low_voltage_connection_share_pct", ">=", 100, "percent", {area_type: "rural"}],
    ["20.1", "water_connection_time_workdays", "<=", 8, "workday", {customer_class: "industrial_public"}],
    ["20.2", "water_connection_time_workdays", "<=", 11, "workday", {customer_class: "non_industrial_general"}],
    // 用气单位: organisations, households out.
    ["20.3", "gas_connection_time_workdays", "<=", 10, "workday", {applicant_kind: "organisation"}],
    ["25.1", "guarantee_fee_rate_pct", "<=", 1.5, "percent", null],
    ["25.2", "loan_time_workdays", "<=", 13, "workday", null],
    // Clause 15's free first seal set, a rule for every new firm: 免费 is 0 yuan per firm.
    ["15.2", "free_first_seal_set_share_pct", ">=", 100, "percent", null],
    // Values stated in words: 联动办理 (every transfer, handled together), 全流程 (every tender), 为主 (online
    // filing the main channel: at least half the cases).
    ["6.3", "utilities_joint_transfer_share_pct", ">=", 100, "percent", null],
    ["12", "e_bidding_share_pct", ">=", 100, "percent", null],
    ["33", "online_filing_share_pct", ">=", 50, "percent", null],
    // Clause 3 from the service item catalogue: 高频事项实现“全城通办” (every high-frequency item of the six named
    // fields city-wide) and 承接落实 the published 跨省通办 items (every one of them implemented).
    ["3.1", "citywide_high_frequency_items_pct", ">=", 100, "percent", null],
    ["3.2", "cross_province_items_implemented_pct", ">=", 100, "percent", null],
    // Clause 22 from the coded construction projects: 所有工程建设项目全覆盖 (every coded project in the approval
    // system) and 中介服务事项全部纳入 (every intermediary service handled in it).
    ["22.1", "construction_projects_in_system_pct", ">=", 100, "percent", null],
    ["22.2", "intermediary_services_in_system_pct", ">=", 100, "percent", null],
    // Improvements promised without a size, strictly better than a 2021 baseline: 缩短处理期限 (a labour dispute
    // resolved faster than the 2021 median), 加快长期未结案件审理进程 (fewer cases open over three years than at the
    // end of 2021). "> 0", not ">= 0": no change is not a cut.
    ["37", "labour_dispute_resolution_time_reduction_pct", ">", 0, "percent_reduction", null],
    ["42", "long_pending_insolvency_cases_reduction_pct", ">", 0, "percent_reduction", null],
  ];

  it("lists every target the plan states, as read by hand", () => {
    expect(catalog.targets.map((t) => [t.clause, t.metric, t.comparator, t.value, t.unit, t.segment])).toEqual(
      expected,
    );
  });

  it("quotes each target's words from its task, and those words state its value", () => {
    for (const target of catalog.targets) {
      const task = catalog.tasks.find((t) => t.number === target.task)!;
      expect(task.text_zh).toContain(target.text_zh);
      // A share target states its per-case limit (30 days, 160 kW); its value is the share required. 免费 (free
      // of charge) states 0 yuan in words.
      const stated = (target.text_zh.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      if (target.text_zh.includes("免费") && (target.case_limit?.unit ?? target.unit) === "yuan") stated.push(0);
      // A value stated in words, read by hand: the word stands in the quote and means the value.
      const byHand: Record<string, number> = {
        联动办理: 100,
        全流程: 100,
        为主: 50,
        全城通办: 100,
        承接落实: 100,
        所有: 100,
        全部: 100,
        缩短: 0,
        加快: 0,
      };
      if (target.value_from_words) {
        expect(target.text_zh).toContain(target.value_from_words);
        stated.push(byHand[target.value_from_words]!);
      }
      expect(stated).toContain(target.case_limit?.value ?? target.value);
      expect(target.deadline).toBe(task.deadline);
    }
  });

  it("gives relative targets a declared baseline with its source", () => {
    const relative = catalog.targets.filter((t) => t.unit === "percent_reduction");
    expect(relative.map((t) => [t.clause, t.baseline?.metric, t.baseline?.period])).toEqual([
      ["9.1", "new_taxpayer_handling_time_hours", "2021"],
      ["18.1", "power_connection_time_workdays", "2021"],
      ["37", "labour_dispute_resolution_time_days", "2021"],
      ["42", "long_pending_insolvency_cases_count", "2021-12"],
    ]);
    expect(relative[1]!.baseline!.reference_zh).toBe("现行规定");
    // The strict targets' baselines are measured (no limits in force), and their readings say so.
    for (const t of relative.filter((r) => r.comparator === ">")) {
      expect(t.baseline!.limits_in_force).toBeUndefined();
      expect(t.reading_zh).toMatch(/大于 0%/);
      expect(t.reading_en).toMatch(/more than 0 %/);
    }
  });

  it("cuts clause 18.1 against the published limits in force of each supply class, each with its source", () => {
    const limits = catalog.targets.find((t) => t.clause === "18.1")!.baseline!.limits_in_force!;
    expect(limits.map((l) => [l.segment.supply_class, l.value])).toEqual([
      ["low_voltage", 12],
      ["high_voltage_single", 40],
      ["high_voltage_dual", 55],
    ]);
    for (const l of limits) expect(l.source).toMatch(/工作日/);
  });

  it("share targets: case limits in the plan's words, population and rule named on the metric", () => {
    const shares = catalog.targets.filter((t) => t.case_limit);
    expect(shares.map((t) => [t.clause, t.case_limit, t.value])).toEqual([
      ["13", {value: 30, unit: "day"}, 100],
      ["19.1", {value: 160, unit: "kW"}, 100],
      ["19.2", {value: 100, unit: "kW"}, 100],
      ["15.2", {value: 0, unit: "yuan"}, 100],
    ]);
    for (const t of shares) {
      const metric = catalog.metrics.find((m) => m.id === t.metric)!;
      expect(metric.kind).toBe("share_within_limit");
      expect(metric.population_zh && metric.population_en && metric.rule_zh && metric.rule_en).toBeTruthy();
    }
  });
});
