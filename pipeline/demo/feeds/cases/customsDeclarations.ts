import {between, shareBetween} from "../../planTrend.ts";
import {compactMonth, duration, round, type CaseModel} from "../caseFeed.ts";

/**
 * 跨境贸易: ~900 declarations a month at 西海海关 (60 % imports), lodged any hour through the single window. Early
 * declaration rises from 20 % to 60 % and two-step import declaration from 5 % to 30 % (clause 27). Hours fall
 * with them: export border 24 → 16, documentary 10 → 6; import border 40 → 26, documentary 14 → 9 (DB2020 China:
 * 20.7, 8.6, 35.7, 12.8). Fees in yuan fall as port charges are cut (清理规范口岸收费): export border 1 800 → 1 500,
 * documents 520 → 420; import border 1 700 → 1 400, documents 540 → 440 (DB2020 China in US dollars: 256.2,
 * 73.57, about 241, 77.25, i.e. about 1 770, 510, 1 660, 530 yuan at 2019's 6.8985). One declaration in twenty is
 * sent without its fees (a broker's own charges the single window does not bill): it counts in time only.
 */
export const customsDeclarations: CaseModel = {
  noun: "customs declarations",
  monthlyVolume: 900,
  closedDayWeight: 0.3,
  afterHoursShare: 0.2,
  areaShares: {
    chengdong: 0.15,
    chengzhong: 0.08,
    chengxi: 0.12,
    chengbei: 0.1,
    huangzhong: 0.08,
    datong: 0.05,
    dongchuan: 0.22,
    nanchuan: 0.1,
    biotech: 0.1,
  },
  fill(d) {
    const {rng, row, progress} = d;
    const imports = rng.chance(0.6);
    row.direction = imports ? "import" : "export";
    const early = rng.chance(shareBetween(0.2, 0.6, progress));
    row.is_early_declaration = early;
    row.is_two_step = imports && rng.chance(shareBetween(0.05, 0.3, progress));
    const border = imports ? {baseline: 40, end: 26} : {baseline: 24, end: 16};
    const docs = imports ? {baseline: 14, end: 9} : {baseline: 10, end: 6};
    // An early declaration is cleared on arrival: its border time is shorter.
    row.border_hours = round(duration(d, {...border, sigma: 0.5, lagWeight: 0.2, min: 0.5}) * (early ? 0.8 : 1), 1);
    row.documentary_hours = round(duration(d, {...docs, sigma: 0.5, lagWeight: 0.2, min: 0.5}), 1);
    const fees = rng.chance(0.95);
    const borderFee = imports ? between(1700, 1400, progress) : between(1800, 1500, progress);
    const documentFee = imports ? between(540, 440, progress) : between(520, 420, progress);
    row.border_cost_yuan = fees ? round(borderFee * rng.uniform(0.7, 1.3), 0) : null;
    row.documentary_cost_yuan = fees ? round(documentFee * rng.uniform(0.7, 1.3), 0) : null;
  },
  caseId: (d, seq) => `6001${compactMonth(d)}${String(seq).padStart(6, "0")}`,
};
