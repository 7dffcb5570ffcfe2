import type {Warehouse} from "./db.ts";
import {UsageError} from "./errors.ts";
import {chinaWallClock} from "./calendar/chinaWallClock.ts";

/**
 * The date the pipeline evaluates against, in order: an explicit `--as-of`, `$BIZENV_AS_OF`, the warehouse's
 * `as_of` setting (the demo city sets 2023-06-30), else today in China.
 */
export async function resolveAsOf(
  warehouse: Warehouse,
  explicit: string | undefined,
  env: Record<string, string | undefined>,
  now: Date = new Date(),
): Promise<string> {
  const given = explicit ?? env.BIZENV_AS_OF;
  if (given !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given) || Number.isNaN(Date.parse(`${given}T00:00:00Z`))) {
      throw new UsageError(`--as-of expects a date as YYYY-MM-DD, found ${JSON.stringify(given)}`);
    }
    return given;
  }
  const [setting] = await warehouse.all<{value: string}>("select value from settings where key = 'as_of'");
  return setting?.value ?? chinaWallClock(now).slice(0, 10);
}
