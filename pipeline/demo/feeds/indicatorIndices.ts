import {epochDay} from "../../calendar/localTime.ts";
import {dateCell} from "../cells.ts";
import {createRng} from "../prng.ts";
import type {DemoContext, DemoPeriod, FeedGenerator} from "./feedGenerator.ts";

/**
 * The demo's index levels, 2021 and end of plan, on each index's own scale. The 2021 levels are about DB2020's
 * China values where the text knows them (judicial quality 16.5 of 18, insolvency framework 13.5 of 16); the
 * minority-investor split is synthetic. Indices set by national law hardly move, so the steps are small.
 */
const LEVELS: Record<string, {indicator: string; baseline: number; end: number}> = {
  judicial_quality_index: {indicator: "enforcing_contracts", baseline: 16.5, end: 17},
  insolvency_framework_index: {indicator: "resolving_insolvency", baseline: 13.5, end: 14},
  disclosure_index: {indicator: "protecting_minority_investors", baseline: 10, end: 10},
  director_liability_index: {indicator: "protecting_minority_investors", baseline: 4, end: 5},
  shareholder_suits_index: {indicator: "protecting_minority_investors", baseline: 9, end: 9},
  shareholder_rights_index: {indicator: "protecting_minority_investors", baseline: 5, end: 5},
  ownership_control_index: {indicator: "protecting_minority_investors", baseline: 4, end: 5},
  corporate_transparency_index: {indicator: "protecting_minority_investors", baseline: 4, end: 5},
  // dbcomp: the other DB quality indices near the China values cited in tests/scoring/componentsDb.test.ts (land
  // administration 23.7 in DB2019, credit information 8); the rest synthetic.
  building_quality_index: {indicator: "dealing_with_construction_permits", baseline: 14, end: 15},
  reliability_index: {indicator: "getting_electricity", baseline: 7, end: 8},
  land_admin_quality_index: {indicator: "registering_property", baseline: 23.5, end: 25},
  legal_rights_index: {indicator: "getting_credit", baseline: 4, end: 5},
  credit_information_index: {indicator: "getting_credit", baseline: 8, end: 8},
  postfiling_index: {indicator: "paying_taxes", baseline: 50, end: 60},
};

/**
 * 指标指数年度测评: the yearly scoring of questionnaire indices, completed each 20 December; one file per year
 * completed by the as-of date, one row per index the catalog measures from this feed. Values are whole or half
 * points, as questionnaire scores are.
 */
export function indicatorIndicesFeed(ctx: DemoContext): FeedGenerator {
  const years = [...new Set(ctx.months.map((m) => Number(m.slice(0, 4))))].filter(
    (y) => epochDay(`${y}-12-20`) <= ctx.asOfDay,
  );
  const measured = new Set(ctx.catalog.metrics.filter((m) => m.feed === ctx.contract.feed).map((m) => m.id));
  return {
    description: "one row per year and index, scored each 20 December",
    periods: () => years.map((y) => ({label: String(y), stem: `${ctx.contract.feed}_${y}`})),
    *rows(period: DemoPeriod) {
      const year = Number(period.label);
      const rng = createRng(ctx.seed, ctx.contract.feed, period.label);
      const progress = Math.min(1, ctx.trend.progress(`${year}-12`));
      for (const [index, level] of Object.entries(LEVELS)) {
        if (!measured.has(index)) continue;
        const value = level.baseline + (level.end - level.baseline) * progress;
        yield {
          year,
          indicator_id: level.indicator,
          index_id: index,
          value: Math.round(value * 2) / 2,
          measured_on: dateCell(epochDay(`${year}-12-20`)),
          assessor: rng.chance(0.5) ? "市营商环境局自评" : "第三方评估机构",
        };
      }
    },
  };
}
