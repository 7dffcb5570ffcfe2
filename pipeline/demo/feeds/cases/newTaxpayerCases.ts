import {afterOfficeTime, compactMonth, duration, type CaseModel} from "../caseFeed.ts";

/**
 * 新办纳税人: ~900 new taxpayers a month through the electronic tax bureau (some after hours). All formalities took
 * a median 1.1 workdays (8 office hours) in 2021 and take 0.05 workdays (about 22 minutes) by the end of 2022:
 * a cut of more than 90 % against the 2021 median (clause 9.1), in office hours or in elapsed hours.
 */
export const newTaxpayerCases: CaseModel = {
  noun: "new taxpayers",
  monthlyVolume: 900,
  closedDayWeight: 0.08,
  afterHoursShare: 0.1,
  growthPerYear: 0.05,
  fill(d) {
    const workdays = duration(d, {baseline: 1.1, end: 0.05, sigma: 0.6, lagWeight: 0.3, min: 0.005});
    d.row.completed_at = afterOfficeTime(d, d.start, workdays);
  },
  caseId: (d, seq) => `XBNS${compactMonth(d)}${String(seq).padStart(6, "0")}`,
};
