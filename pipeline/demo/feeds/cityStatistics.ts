import {epochDay} from "../../calendar/localTime.ts";
import {dateCell} from "../cells.ts";
import {between} from "../planTrend.ts";
import {createRng} from "../prng.ts";
import type {DemoContext, DemoPeriod, FeedGenerator} from "./feedGenerator.ts";

/** Each statistic's level before the plan (2021) and at its end, in the metric's unit, and where it is published. */
const LEVELS: Record<string, {baseline: number; end: number; digits: number; document: string}> = {
  new_market_entities_per_1k_pop_count: {
    baseline: 11,
    end: 15,
    digits: 1,
    document: "西宁市国民经济和社会发展统计公报",
  },
  personnel_file_transfer_online_pct: {baseline: 35, end: 80, digits: 1, document: "市人力资源社会保障局年度工作报告"},
  public_service_satisfaction_index: {
    baseline: 78,
    end: 84,
    digits: 1,
    document: "西宁市基本公共服务群众满意度调查报告",
  },
  good_air_days_share_pct: {baseline: 86, end: 90, digits: 1, document: "西宁市生态环境状况公报"},
  invention_patents_per_10k_pop_count: {
    baseline: 5.2,
    end: 6.8,
    digits: 2,
    document: "西宁市国民经济和社会发展统计公报",
  },
  ip_pledge_financing_yuan: {baseline: 1.2e8, end: 3.5e8, digits: -4, document: "市市场监管局(知识产权局)年度工作总结"},
  // dbcomp: income per capita DB's costs are a percentage of (人均地区生产总值, yuan)
  gdp_per_capita_yuan: {baseline: 62_000, end: 66_000, digits: -2, document: "西宁市国民经济和社会发展统计公报"},
};

/**
 * 城市年度统计: each year's statistics published on 20 March of the next year (统计公报 and the departments' yearly
 * reports), one file a year published by the as-of date, the first for 2020. Values move from the 2021 level
 * towards the end level with plan progress, with ±3 % noise.
 */
export function cityStatisticsFeed(ctx: DemoContext): FeedGenerator {
  const published = (year: number) => epochDay(`${year + 1}-03-20`);
  const firstYear = Number(ctx.months[0]!.slice(0, 4)) - 1;
  const lastYear = Number(ctx.months[ctx.months.length - 1]!.slice(0, 4));
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) if (published(y) <= ctx.asOfDay) years.push(y);
  return {
    description: "one row per year and statistic, published each 20 March for the year before",
    periods: () => years.map((y) => ({label: String(y), stem: `${ctx.contract.feed}_${y}`})),
    *rows(period: DemoPeriod) {
      const year = Number(period.label);
      const rng = createRng(ctx.seed, ctx.contract.feed, period.label);
      // before the plan's months begin, the baseline level
      const progress = year < Number(ctx.months[0]!.slice(0, 4)) ? 0 : ctx.trend.progress(`${year}-12`);
      for (const [statistic, level] of Object.entries(LEVELS)) {
        const value = between(level.baseline, level.end, progress) * rng.uniform(0.97, 1.03);
        const f = 10 ** level.digits;
        yield {
          year,
          statistic,
          value: Math.min(statistic.endsWith("_pct") ? 100 : Infinity, Math.round(value * f) / f),
          published_on: dateCell(published(year)),
          source_document: `${year}年${level.document}`,
        };
      }
    },
  };
}
