import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {generateDemo} from "../../pipeline/demo/generateDemo.ts";
import {MAIN_DISTRICTS} from "../../pipeline/demo/areaProfile.ts";
import {durationBetween} from "../../pipeline/scoring/durations.ts";
import {chinaCalendar} from "../../pipeline/calendar/chinaCalendar.ts";
import {RowChecker, isoOf} from "./checkRows.ts";
import {readDemoFile} from "./readDemoFile.ts";

// The story the README tells, measured from the files with the marts' own duration function. Medians over the
// fourth quarter of 2022 (the quarter of the main target deadline) against calendar 2021 (the baseline).
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
/** Feeds and the scale each is generated at: enough cases in 2022-Q4 for stable medians, no more (property
 * registrations are ten times as many as start-ups). */
const SCALES: Record<string, number> = {
  startup_cases: 0.5,
  power_connection_cases: 0.5,
  new_taxpayer_cases: 0.2,
  credit_cases: 0.5,
  water_gas_cases: 0.5,
  procurement_intentions: 0.5,
  property_registration_cases: 0.05,
  // a catalogue of the city's items, the same size at any scale
  service_items: 1,
  construction_projects: 1,
};
const target = (clause: string) => catalog.targets.find((t) => t.clause === clause)!.value;
/** A share target's per-case number (30 days, 160 kW), as the plan words it. */
const caseLimit = (clause: string) => catalog.targets.find((t) => t.clause === clause)!.case_limit!.value;

let dir: string;
/** Good rows of a feed, canonical: timestamps `YYYY-MM-DD HH:MM:SS`, dates `YYYY-MM-DD`, areas and units as ids. */
const rows = new Map<string, Array<Record<string, unknown>>>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bizenv-demo-story-"));
  for (const [feed, scale] of Object.entries(SCALES)) {
    const out = join(dir, feed);
    const manifest = await generateDemo({out, seed: 11, scale, asOf: "2023-03-31", catalog, contracts, feeds: [feed]});
    const contract = contracts.find((c) => c.feed === feed)!;
    const checker = new RowChecker(contract, catalog);
    const good: Array<Record<string, unknown>> = [];
    for (const f of manifest.files.filter((x) => x.feed === feed)) {
      checker.startFile();
      for (const row of (await readDemoFile(join(out, f.file), contract)).rows) {
        if (checker.check(row).length > 0) continue;
        const typed: Record<string, unknown> = {};
        for (const c of contract.columns) {
          const v = checker.canonical(c, row[c.name] ?? "");
          typed[c.name] =
            typeof v === "number" && (c.type === "timestamp" || c.type === "date")
              ? c.type === "date"
                ? isoOf(v).slice(0, 10)
                : isoOf(v)
              : v;
        }
        good.push(typed);
      }
    }
    rows.set(feed, good);
  }
}, 120_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Workdays from start to end of the rows that started in [from, to] and have ended, optionally filtered. */
function workdays(
  feed: string,
  start: string,
  end: string,
  period: [string, string],
  keep: (r: Record<string, unknown>) => boolean = () => true,
): number[] {
  return rows
    .get(feed)!
    .filter((r) => r[end] !== null && keep(r))
    .filter((r) => String(r[start]) >= period[0] && String(r[start]) <= `${period[1]}~`)
    .map((r) => durationBetween(String(r[start]), String(r[end])).workdays);
}

const Y2021: [string, string] = ["2021-01-01", "2021-12-31"];
const Q4: [string, string] = ["2022-10-01", "2022-12-31"];

describe("the synthetic city's story", () => {
  it("start-up: within 1 workday in the four urban districts by 2022-Q4, not city-wide; 2021 far slower", () => {
    const main = (r: Record<string, unknown>) => MAIN_DISTRICTS.includes(String(r.area));
    const q4Main = median(workdays("startup_cases", "applied_at", "completed_at", Q4, main));
    const q4City = median(workdays("startup_cases", "applied_at", "completed_at", Q4));
    const base = median(workdays("startup_cases", "applied_at", "completed_at", Y2021));
    expect(q4Main).toBeLessThanOrEqual(target("15"));
    expect(q4City).toBeGreaterThan(target("15"));
    expect(base).toBeGreaterThan(2 * q4City);
  });

  it("property registration: individuals within 2.5 workdays, enterprises above 4", () => {
    const of = (type: string) => (r: Record<string, unknown>) => r.applicant_type === type;
    const feed = "property_registration_cases";
    expect(median(workdays(feed, "applied_at", "completed_at", Q4, of("individual")))).toBeLessThanOrEqual(
      target("6.1"),
    );
    expect(median(workdays(feed, "applied_at", "completed_at", Q4, of("enterprise")))).toBeGreaterThan(target("6.2"));
  });

  it("power: 40 % faster than 2021; low voltage and single supply met, dual supply missed; grid works met", () => {
    const feed = "power_connection_cases";
    const of = (s: string) => (r: Record<string, unknown>) => r.supply_class === s;
    const cut =
      1 -
      median(workdays(feed, "applied_at", "connected_at", Q4)) /
        median(workdays(feed, "applied_at", "connected_at", Y2021));
    expect(cut * 100).toBeGreaterThanOrEqual(target("18.1"));
    expect(median(workdays(feed, "applied_at", "connected_at", Q4, of("high_voltage_single")))).toBeLessThanOrEqual(
      target("18.2"),
    );
    expect(median(workdays(feed, "applied_at", "connected_at", Q4, of("high_voltage_dual")))).toBeGreaterThan(
      target("18.3"),
    );
    expect(median(workdays(feed, "applied_at", "connected_at", Q4, of("low_voltage")))).toBeLessThanOrEqual(
      target("18.4"),
    );
    expect(median(workdays(feed, "grid_works_started_at", "grid_works_completed_at", Q4))).toBeLessThanOrEqual(
      target("18.5"),
    );
    // Low-voltage ceilings after the plan: urban 160 kW, rural 100 kW, and both are reached.
    const lv = rows.get(feed)!.filter((r) => r.supply_class === "low_voltage" && String(r.applied_at) >= "2022-07");
    const max = (t: string) => Math.max(...lv.filter((r) => r.area_type === t).map((r) => Number(r.capacity_kw)));
    expect(max("urban")).toBe(caseLimit("19.1"));
    expect(max("rural")).toBe(caseLimit("19.2"));
    // Clause 19 judges every eligible user: in 2021 some users under the limit went high voltage (the largest
    // low-voltage connection alone would hide them); in 2023 all of them in the main districts are low voltage.
    const eligibleAtLow = (period: [string, string], keep: (r: Record<string, unknown>) => boolean) => {
      const eligible = rows
        .get(feed)!
        .filter((r) => String(r.applied_at) >= period[0] && String(r.applied_at) <= `${period[1]}~` && keep(r))
        .filter((r) => Number(r.capacity_kw) <= caseLimit(r.area_type === "urban" ? "19.1" : "19.2"));
      return eligible.filter((r) => r.supply_class === "low_voltage").length / eligible.length;
    };
    expect(eligibleAtLow(Y2021, () => true)).toBeLessThan(1);
    const main = (r: Record<string, unknown>) => MAIN_DISTRICTS.includes(String(r.area)) && r.area_type === "urban";
    expect(eligibleAtLow(["2023-01-01", "2023-03-31"], main)).toBe(1);
  });

  it("new taxpayers: handling time cut by more than 90 % against the 2021 median", () => {
    const base = median(workdays("new_taxpayer_cases", "started_at", "completed_at", Y2021));
    const q4 = median(workdays("new_taxpayer_cases", "started_at", "completed_at", Q4));
    expect((1 - q4 / base) * 100).toBeGreaterThanOrEqual(target("9.1"));
  });

  it("loans, water and gas on track; procurement intentions mostly 30 days ahead after the plan", () => {
    expect(median(workdays("credit_cases", "applied_on", "disbursed_on", Q4))).toBeLessThanOrEqual(target("25.2"));
    const fees = rows
      .get("credit_cases")!
      .filter((r) => String(r.applied_on) >= Q4[0] && r.guarantee_fee_rate_pct !== null);
    expect(median(fees.map((r) => Number(r.guarantee_fee_rate_pct)))).toBeLessThanOrEqual(target("25.1"));
    const water = (c: string) => (r: Record<string, unknown>) => r.utility === "water" && r.customer_class === c;
    expect(
      median(workdays("water_gas_cases", "applied_at", "connected_at", Q4, water("industrial_public"))),
    ).toBeLessThanOrEqual(target("20.1"));
    expect(
      median(workdays("water_gas_cases", "applied_at", "connected_at", Q4, water("non_industrial_general"))),
    ).toBeLessThanOrEqual(target("20.2"));
    // Gas is judged on organisations (用气单位); households connect faster and would flatter the median.
    const gas = (kind: string) => (r: Record<string, unknown>) => r.utility === "gas" && r.applicant_kind === kind;
    const organisations = median(workdays("water_gas_cases", "applied_at", "connected_at", Q4, gas("organisation")));
    expect(organisations).toBeLessThanOrEqual(target("20.3"));
    expect(median(workdays("water_gas_cases", "applied_at", "connected_at", Q4, gas("household")))).toBeLessThan(
      organisations - 2,
    );
    const share = (period: [string, string]) => {
      const inPeriod = rows
        .get("procurement_intentions")!
        .filter((r) => String(r.procurement_started_on) >= period[0] && String(r.procurement_started_on) <= period[1]);
      const lead = inPeriod.map(
        (r) => durationBetween(String(r.intention_published_on), String(r.procurement_started_on)).calendar_days,
      );
      return lead.filter((d) => d >= caseLimit("13")).length / lead.length;
    };
    expect(share(Y2021)).toBeLessThan(0.5);
    expect(share(Q4)).toBeGreaterThan(0.85);
    // Clause 13 is a rule for every project: the city never reaches 100 %, so it is never met, even in the months
    // whose median lead time is over 30 days while a quarter or more of projects are under it (mid-2022).
    expect(share(Q4)).toBeLessThan(target("13") / 100);
    const months = ["2022-06", "2022-07", "2022-08", "2022-09"].map((month) =>
      rows
        .get("procurement_intentions")!
        .filter((r) => String(r.procurement_started_on).startsWith(month))
        .map((r) => durationBetween(String(r.intention_published_on), String(r.procurement_started_on)).calendar_days),
    );
    const misleading = months.filter(
      (lead) => median(lead) > caseLimit("13") && lead.filter((d) => d < caseLimit("13")).length / lead.length > 0.25,
    );
    expect(misleading.length).toBeGreaterThan(0);
  });

  it("service items: clause 3.1 met by December 2022, 3.2 missed then (the province's second batch), more 一件事一次办 items", () => {
    const inMonth = (month: string) =>
      rows.get("service_items")!.filter((r) => String(r.snapshot_month).startsWith(month));
    const pct = (xs: Array<Record<string, unknown>>, ok: (r: Record<string, unknown>) => boolean) =>
      (100 * xs.filter(ok).length) / xs.length;
    // Clause 3.1: the high-frequency items of the six fields it names, city-wide.
    const highFrequency = (month: string) =>
      inMonth(month).filter((r) => r.is_high_frequency === true && r.field !== "other");
    const citywide = (r: Record<string, unknown>) => r.is_citywide === true;
    expect(highFrequency("2022-12").length).toBeGreaterThan(50);
    expect(pct(highFrequency("2021-12"), citywide)).toBeLessThan(90);
    expect(pct(highFrequency("2022-12"), citywide)).toBe(target("3.1"));
    // Clause 3.2: the listed 跨省通办 items implemented; what still lags in December 2022 is the province's second
    // batch, published in September, and it is landing by March 2023.
    const listed = (month: string) => inMonth(month).filter((r) => r.cross_province_list !== null);
    const implemented = (r: Record<string, unknown>) => r.cross_province_implemented_on !== null;
    expect(pct(listed("2022-12"), implemented)).toBeGreaterThan(80);
    expect(pct(listed("2022-12"), implemented)).toBeLessThan(target("3.2"));
    const lagging = listed("2022-12").filter((r) => !implemented(r));
    expect(
      lagging.every((r) => r.cross_province_list === "provincial" && String(r.cross_province_batch).includes("第二批")),
    ).toBe(true);
    expect(pct(listed("2023-03"), implemented)).toBeGreaterThan(pct(listed("2022-12"), implemented));
    // Clause 2: the count of items in a 一件事一次办 package climbs after the plan.
    const packaged = (month: string) => inMonth(month).filter((r) => r.one_thing_package !== null).length;
    expect(packaged("2022-12")).toBeGreaterThan(packaged("2021-12"));
    expect(packaged("2023-03")).toBeGreaterThan(packaged("2022-12"));
  });

  it("coded construction projects: every intermediary service in the system from 2023, the lagging counties' projects not all in it", () => {
    const coded = (from: string, to: string, keep: (r: Record<string, unknown>) => boolean = () => true) =>
      rows
        .get("construction_projects")!
        .filter((r) => String(r.coded_on) >= from && String(r.coded_on) <= to && keep(r));
    const main = (r: Record<string, unknown>) => MAIN_DISTRICTS.includes(String(r.area));
    const share = (xs: Array<Record<string, unknown>>) =>
      (100 * xs.filter((r) => r.is_in_approval_system === true).length) / xs.length;
    // Clause 22.1: from 2021's four in five to every project of the main districts; the lagging counties short.
    expect(share(coded(...Y2021))).toBeLessThan(90);
    // (projects coded in the as-of date's last days may not have entered yet: they enter within three workdays)
    const q1 = coded("2023-01-01", "2023-03-24");
    expect(share(q1.filter(main))).toBe(target("22.1"));
    expect(share(q1)).toBeLessThan(target("22.1"));
    // Clause 22.2: the services projects used, pooled: about half in the system in 2021, all of them in 2023.
    const services = (xs: Array<Record<string, unknown>>) => {
      const used = xs.reduce((a, r) => a + Number(r.intermediary_services), 0);
      return (100 * xs.reduce((a, r) => a + Number(r.intermediary_services_in_system), 0)) / used;
    };
    expect(services(coded(...Y2021))).toBeLessThan(70);
    expect(services(q1)).toBe(target("22.2"));
  });

  it("follows office hours and the Spring Festival", () => {
    const startups = rows.get("startup_cases")!;
    const window = startups.filter((r) => r.channel === "window");
    const inHours = window.filter((r) => {
      const [date, time] = String(r.applied_at).split(" ");
      const minute = Number(time!.slice(0, 2)) * 60 + Number(time!.slice(3, 5));
      return (
        chinaCalendar.day(date!).is_workday && ((minute >= 540 && minute < 720) || (minute >= 780 && minute < 1050))
      );
    });
    expect(inHours.length / window.length).toBeGreaterThan(0.95);
    const count = (month: string) => startups.filter((r) => String(r.applied_at).startsWith(month)).length;
    // 2021's festival fell on 12–17 February: February is the quietest month of the first half.
    for (const other of ["2021-01", "2021-03", "2021-04", "2021-05", "2021-06"])
      expect(count("2021-02")).toBeLessThan(count(other));
  });
});
