import type {Row} from "../cells.ts";
import {createRng} from "../prng.ts";
import {fillFromContract} from "./contractFill.ts";
import {monthlyPeriods, type DemoContext, type DemoPeriod, type FeedGenerator} from "./feedGenerator.ts";

/** Rows a month at scale 1 for a feed the demo has no model for. */
const ROWS_PER_MONTH = 20;

/**
 * A feed the demo knows nothing about beyond its contract (a contract added after this generator was written):
 * monthly files of rows filled column by column from the contract, with unique keys. The manifest marks such feeds
 * so nobody mistakes their values for a story.
 */
export function genericFeed(ctx: DemoContext): FeedGenerator {
  return {
    description: "GENERIC: no demo model for this feed; values drawn from the contract's types, lists and ranges",
    periods: () => monthlyPeriods(ctx),
    *rows(period: DemoPeriod) {
      const rng = createRng(ctx.seed, ctx.contract.feed, period.label);
      const keys = new Set<string>();
      const count = Math.max(1, Math.round(ROWS_PER_MONTH * ctx.scale));
      for (let i = 0; i < count * 3 && keys.size < count; i++) {
        const row: Row = fillFromContract({}, ctx, rng, period.label, true);
        const key = JSON.stringify(ctx.contract.key.map((k) => row[k]));
        if (keys.has(key)) continue;
        keys.add(key);
        yield row;
      }
    },
  };
}
