import {epochDay} from "../../calendar/localTime.ts";
import {dateCell, type Row} from "../cells.ts";
import type {DemoContext, FeedGenerator} from "./feedGenerator.ts";

/**
 * The official evaluation's results planted in this SYNTHETIC demo, per evaluated year: a few indicators only, so
 * the demo shows both sources of a verdict side by side (官方评价 where a result is "published", 模拟评价 elsewhere).
 * No real result is known for Xining: every row is invented, and its source_document says so.
 */
const PLANTED: Record<number, ReadonlyArray<Omit<Row, "year" | "source_document" | "published_on">>> = {
  2021: [
    {indicator_id: "starting_a_business", standing: "national_advanced", is_benchmark: false, rank: 15, percentile: 82},
    {
      indicator_id: "paying_taxes",
      standing: "comprehensive_improvement",
      is_benchmark: false,
      rank: null,
      percentile: null,
    },
  ],
  2022: [
    {
      indicator_id: "starting_a_business",
      standing: "national_first_class",
      is_benchmark: true,
      rank: 6,
      percentile: 93,
    },
    {indicator_id: "paying_taxes", standing: "national_advanced", is_benchmark: false, rank: 24, percentile: 71},
    {
      indicator_id: "registering_property",
      standing: "national_advanced",
      is_benchmark: false,
      rank: 31,
      percentile: 64,
    },
    {
      indicator_id: "getting_electricity",
      standing: "comprehensive_improvement",
      is_benchmark: false,
      rank: null,
      percentile: null,
    },
  ],
};

/**
 * 营商环境评价结果: each planted year's results, "published" on 20 May of the next year (after the as-of date, a
 * year's results are not in the file). Deterministic: no randomness at all.
 */
export function officialEvaluationResultsFeed(ctx: DemoContext): FeedGenerator {
  const published = (year: number) => epochDay(`${year + 1}-05-20`);
  const years = Object.keys(PLANTED)
    .map(Number)
    .filter((y) => published(y) <= ctx.asOfDay);
  return {
    description: "a few indicators' official results per evaluated year, invented so both sources of a verdict show",
    periods: () => [{label: "all", stem: ctx.contract.feed}],
    *rows() {
      for (const year of years) {
        for (const r of PLANTED[year]!) {
          yield {
            year,
            ...r,
            source_document: `SYNTHETIC bizenv demo: ${year}年度营商环境评价结果 (not a published result)`,
            published_on: dateCell(published(year)),
          };
        }
      }
    },
  };
}
