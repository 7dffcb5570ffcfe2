import {dateCell} from "../../cells.ts";
import {compactMonth, duration, round, type CaseModel} from "../caseFeed.ts";

/** What a district's or park's purchasers are called after the area's name. */
const LOCAL_PURCHASERS = ["教育局", "卫生健康局", "住房和城乡建设局", "财政局", "人民医院", "农业农村和水利局"];

/**
 * 政府采购意向公开: ~250 procurement projects a month, dated by the start of the procurement (the as-of column);
 * 40 % bought by municipal departments (area: the city itself). Intentions were published a median 25 days ahead
 * in 2021, 50 days by the end of 2022, so the share at or above the 30-day target (clause 13) climbs from about a
 * quarter to nine in ten (less in the lagging counties).
 */
export const procurementIntentions: CaseModel = {
  noun: "procurement projects",
  monthlyVolume: 250,
  closedDayWeight: 0.01,
  afterHoursShare: 0,
  areaShares: {
    xining: 0.4,
    chengdong: 0.08,
    chengzhong: 0.08,
    chengxi: 0.08,
    chengbei: 0.07,
    huangzhong: 0.07,
    datong: 0.07,
    huangyuan: 0.05,
    dongchuan: 0.04,
    nanchuan: 0.03,
    biotech: 0.03,
  },
  fill(d) {
    const {rng, row, ctx} = d;
    // The lead time grows with progress: a higher-is-better level, so lag shortens it.
    const lead = duration(d, {baseline: 25, end: 50, sigma: 0.25, lagWeight: -0.3, min: 1});
    row.intention_published_on = dateCell(d.start.day - Math.max(1, Math.round(lead)));
    const area = ctx.catalog.areas.find((a) => a.id === d.area?.id);
    if (!area || area.kind === "city") {
      const departments = ctx.catalog.units.filter((u) => u.kind === "municipal_department");
      row.purchaser = `西宁${rng.pick(departments).name_zh}`;
    } else {
      row.purchaser =
        area.kind === "park" ? `${area.name_zh}管理委员会` : `${area.name_zh}${rng.pick(LOCAL_PURCHASERS)}`;
    }
    row.budget_10k_yuan = round(Math.min(50_000, Math.max(1, rng.logNormal(60, 1.1))), 2);
  },
  caseId: (d, seq) => `XNCG${compactMonth(d)}${String(seq).padStart(4, "0")}`,
};
