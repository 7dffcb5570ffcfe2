import {createRng, type Rng} from "../../prng.ts";
import type {CaseDraft} from "../caseFeed.ts";

const streams = new WeakMap<Rng, Rng>();

/**
 * A second random stream of one month's file, for the columns a case model fills after its first version (DB's
 * procedures and costs): drawing them from the case stream itself would shift every later case of the month and
 * change the demo's existing numbers. Keyed by the month's case stream, so a month generated again restarts it and
 * the files stay the same bytes for the same seed.
 */
export function sideRng(d: CaseDraft): Rng {
  let side = streams.get(d.rng);
  if (!side) {
    side = createRng(d.ctx.seed, d.ctx.contract.feed, d.month, "db-components");
    streams.set(d.rng, side);
  }
  return side;
}
