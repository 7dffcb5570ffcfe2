import {areaLag, type AreaProfile} from "../../areaProfile.ts";
import {shareBetween} from "../../planTrend.ts";
import {compactMonth, type CaseDraft, type CaseModel} from "../caseFeed.ts";
import {unitsConcerned} from "../feedGenerator.ts";

/** How often each kind of unit is rated: area governments and the approval bureau run the busy service halls. */
const KIND_WEIGHT: Record<string, number> = {area_government: 5, park_committee: 1.5, municipal_department: 1};
const BUSY_UNITS: Record<string, number> = {admin_approval_bureau: 8};

const SURVEYS = [
  ["haochaping", 0.86],
  ["xining_pingyi", 0.09],
  ["qianqi", 0.05],
] as const;

interface UnitTable {
  weights: Array<readonly [string, number]>;
  /** The area profile of each unit that belongs to an area (district and county governments, parks). */
  profiles: Map<string, AreaProfile | undefined>;
}

const tables = new WeakMap<object, UnitTable>();

/**
 * 满意度评价: ~15,000 ratings a month, 86 % from service ratings (好差评), the rest from 西宁评议 and the enterprise
 * survey 千企评价. The share of "very satisfied" rises from 74 % to 88 %; units of the lagging counties stay a
 * few points lower.
 */
export const satisfactionRatings: CaseModel = {
  noun: "ratings",
  monthlyVolume: 15_000,
  closedDayWeight: 0.35,
  afterHoursShare: 0.1,
  fill(d) {
    const {rng, row, progress} = d;
    const survey = rng.weighted(SURVEYS);
    row.survey = survey;
    const citizenShare = survey === "qianqi" ? 0 : survey === "xining_pingyi" ? 0.85 : 0.78;
    row.respondent_type = rng.chance(citizenShare) ? "citizen" : "enterprise";
    const units = unitTable(d);
    const unit = rng.weighted(units.weights);
    row.unit = unit;
    const profile = units.profiles.get(unit);
    const penalty = profile ? 0.04 * (areaLag(profile, progress) - 1) : 0;
    const top = Math.max(0.4, shareBetween(0.74, 0.88, progress) - penalty);
    const rest = 1 - top;
    row.score = rng.weighted([
      [5, top],
      [4, rest * 0.55],
      [3, rest * 0.25],
      [2, rest * 0.12],
      [1, rest * 0.08],
    ] as const);
  },
  caseId: (d, seq) => `PJ${compactMonth(d)}${String(seq).padStart(7, "0")}`,
};

function unitTable(d: CaseDraft): UnitTable {
  let table = tables.get(d.ctx);
  if (!table) {
    const ids = unitsConcerned(d.ctx);
    if (ids.length === 0) throw new Error("satisfaction_ratings: the catalog names no unit for its metrics");
    const units = ids.map((id) => d.ctx.catalog.units.find((u) => u.id === id)!);
    table = {
      weights: units.map((u) => [u.id, BUSY_UNITS[u.id] ?? KIND_WEIGHT[u.kind] ?? 1] as const),
      profiles: new Map(units.map((u) => [u.id, d.ctx.areas.find((a) => a.id === u.area)])),
    };
    tables.set(d.ctx, table);
  }
  return table;
}
