import {UsageError} from "../errors.ts";
import type {AssessPeriod} from "./types.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** The last day of a month, ISO (`2023-02` → `2023-02-28`). */
function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function yearPeriod(year: number): AssessPeriod {
  return {
    kind: "year",
    id: String(year),
    year,
    quarter: null,
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    exportPeriod: String(year),
    months: Array.from({length: 12}, (_, i) => `${year}-${pad(i + 1)}`),
  };
}

function quarterPeriod(year: number, quarter: number): AssessPeriod {
  const first = (quarter - 1) * 3 + 1;
  return {
    kind: "quarter",
    id: `${year}Q${quarter}`,
    year,
    quarter,
    start: `${year}-${pad(first)}-01`,
    end: monthEnd(year, first + 2),
    exportPeriod: `${year}-Q${quarter}`,
    months: [0, 1, 2].map((i) => `${year}-${pad(first + i)}`),
  };
}

/**
 * The period `bizenv assess` covers: `--year 2022`, or `--quarter 2023Q2` (also `2023-Q2`), whose year must agree
 * with `--year` when both are given. Years outside 2000–2100 are refused as typos.
 *
 * @example assessPeriod({year: "2022"}).end // "2022-12-31"
 * @example assessPeriod({quarter: "2023Q2"}).months // ["2023-04", "2023-05", "2023-06"]
 */
export function assessPeriod(options: {year?: string; quarter?: string}): AssessPeriod {
  const year = options.year === undefined ? undefined : Number(options.year);
  if (options.year !== undefined && (!/^\d{4}$/.test(options.year) || year! < 2000 || year! > 2100)) {
    throw new UsageError(`--year expects a year such as 2022, found ${JSON.stringify(options.year)}`);
  }
  if (options.quarter !== undefined) {
    const match = /^(\d{4})-?Q([1-4])$/i.exec(options.quarter.trim());
    if (!match)
      throw new UsageError(`--quarter expects a quarter such as 2023Q2, found ${JSON.stringify(options.quarter)}`);
    const qYear = Number(match[1]);
    if (year !== undefined && year !== qYear) {
      throw new UsageError(`--quarter ${options.quarter} is not in --year ${options.year}`);
    }
    return quarterPeriod(qYear, Number(match[2]));
  }
  if (year === undefined) throw new UsageError("say which period to assess: --year YYYY or --quarter YYYYQn");
  return yearPeriod(year);
}

/** The period before: the previous year, or the previous quarter (2023Q1 → 2022Q4). */
export function previousPeriod(period: AssessPeriod): AssessPeriod {
  if (period.kind === "year") return yearPeriod(period.year - 1);
  return period.quarter === 1 ? quarterPeriod(period.year - 1, 4) : quarterPeriod(period.year, period.quarter! - 1);
}

/** The quarter containing a month (`2022-12` → `2022-Q4`), as the exports spell it. */
export function exportQuarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}
