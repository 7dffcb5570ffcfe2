import {cpSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {DEFAULT_CATALOG_DIR} from "../../pipeline/catalog/index.ts";
import {main} from "../../pipeline/cli/main.ts";
import {captureIo} from "../helpers/captureIo.ts";

describe("bizenv plan", () => {
  it("--json prints indicators, tasks and targets with the documented fields", async () => {
    const io = captureIo();
    expect(await main(["plan", "--json"], io)).toBe(0);
    const plan = JSON.parse(io.out);
    expect(plan.indicators).toHaveLength(18);
    expect(plan.tasks).toHaveLength(47);
    expect(plan.targets).toHaveLength(29);
    expect(Object.keys(plan.indicators[0])).toEqual(
      expect.arrayContaining(["id", "name_zh", "name_en", "action", "tier_goal"]),
    );
    expect(plan.indicators[0].tier_goal).toEqual({tier: "national_advanced", deadline: "2023-12-31"});
    expect(Object.keys(plan.tasks[0])).toEqual(
      expect.arrayContaining(["number", "indicator", "deadline", "units", "text_zh", "summary_en"]),
    );
    expect(plan.targets.find((t: {clause: string}) => t.clause === "25.1")).toMatchObject({
      indicator: "getting_credit",
      metric: "guarantee_fee_rate_pct",
      comparator: "<=",
      value: 1.5,
      unit: "percent",
      segment: null,
      deadline: "2022-12-31",
      value_from_words: null,
    });
    // A value the plan states in words names the word it is read from.
    expect(plan.targets.find((t: {clause: string}) => t.clause === "33")).toMatchObject({
      metric: "online_filing_share_pct",
      value: 50,
      value_from_words: "为主",
    });
  });

  it("--json lists every indicator's components with unit, polarity, bounds and source; none may have none", async () => {
    const io = captureIo();
    expect(await main(["plan", "--json"], io)).toBe(0);
    const plan = JSON.parse(io.out);
    type Component = Record<string, unknown>;
    expect(plan.indicators.length).toBe(18);
    for (const indicator of plan.indicators) {
      expect(indicator.components_source, indicator.id).toMatch(/\S/);
      expect(indicator.components_source, indicator.id).not.toMatch(/recalled/i);
      expect(indicator.components.length, `${indicator.id} has no component`).toBeGreaterThan(0);
      for (const c of indicator.components as Component[]) {
        expect(Object.keys(c).sort(), indicator.id).toEqual(
          ["db2020", "feed", "frontier", "metric", "name_zh", "polarity", "source", "unit", "worst"].sort(),
        );
        expect(typeof c.frontier).toBe("number");
        expect(c.frontier).not.toBe(c.worst);
        // The frontier lies on the better side of the worst bound.
        expect((c.polarity === "lower_is_better") === (c.frontier as number) < (c.worst as number), `${c.metric}`).toBe(
          true,
        );
        expect(c.source).toMatch(/\S/);
        expect(c.feed, `${c.metric} names its feed`).toMatch(/^[a-z_0-9]+$/);
      }
    }
    const start = plan.indicators.find((i: {id: string}) => i.id === "starting_a_business");
    expect(start.components).toContainEqual(
      expect.objectContaining({
        metric: "business_startup_time_days",
        unit: "day",
        polarity: "lower_is_better",
        frontier: 0.5,
        worst: 100,
        db2020: "starting_a_business.time_days",
      }),
    );
  });

  it("prints a readable summary for people", async () => {
    const io = captureIo();
    expect(await main(["plan"], io)).toBe(0);
    expect(io.out).toContain("西宁市创建“双满意”品牌打造一流营商环境行动方案");
    expect(io.out).toContain("18 indicators · 47 tasks · 29 targets");
  });

  it("exits 3 with the offending entry when the catalog is broken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bizenv-plan-"));
    try {
      cpSync(DEFAULT_CATALOG_DIR, dir, {recursive: true});
      writeFileSync(join(dir, "areas.yaml"), "areas: []\n");
      const io = captureIo();
      expect(await main(["plan", "--catalog", dir], io)).toBe(3);
      expect(io.err).toMatch(/the catalog is invalid/);
      expect(io.err).toMatch(/unknown area "xining"/);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it("exits 2 on a usage error, with a JSON error object under --json", async () => {
    const io = captureIo();
    expect(await main(["plan", "--json", "--no-such-option"], io)).toBe(2);
    expect(JSON.parse(io.out)).toEqual({error: {code: "usage", message: "unknown option '--no-such-option'"}});
    const help = captureIo();
    expect(await main(["plan", "--help"], help)).toBe(0);
    expect(help.out).toContain("Usage: bizenv plan");
  });
});
