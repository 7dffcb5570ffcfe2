// The indicator table's score and trend: the indicator score (前沿距离) of the period's year from indicators.json,
// or of its latest earlier year when a yearly feed has not sent the year yet, and its change on the year before.
import {describe, expect, it} from "vitest";
import {assessIndicators} from "../../pipeline/assess/assessIndicators.ts";
import {assessPeriod} from "../../pipeline/assess/assessPeriod.ts";
import {readIndicators} from "../../pipeline/export/readExports.ts";
import {catalog, FIXTURE_EXPORTS} from "./fixture.ts";

const score = (year: string, value: number | null) => ({year, score: value, scored: 1, total: 1, components: []});
const indicators = readIndicators(FIXTURE_EXPORTS).map((i) =>
  i.indicator_id === "market_regulation"
    ? {...i, indicator_scores: [score("2021", 60), score("2022", 64.8), score("2023", 83)]}
    : i.indicator_id === "inclusive_innovation"
      ? {...i, indicator_scores: [score("2021", 70), score("2022", 74.4)]}
      : {...i, indicator_scores: []},
);
const inputs = {indicators, "tiers.csv": [], "national.csv": []};

describe("assessIndicators: the indicator's score and trend", () => {
  it("takes the year's score and its change on the previous year", () => {
    const rows = assessIndicators(catalog, inputs, assessPeriod({year: "2023"}));
    const market = rows.find((r) => r.indicator_id === "market_regulation")!;
    expect(market).toMatchObject({indicator_score: 83, indicator_score_year: "2023"});
    expect(market.score_change).toBeCloseTo(18.2, 9);
    // No 2023 score yet (yearly city statistics): the 2022 score, named as such, and its change on 2021.
    const innovation = rows.find((r) => r.indicator_id === "inclusive_innovation")!;
    expect(innovation).toMatchObject({indicator_score: 74.4, indicator_score_year: "2022"});
    expect(innovation.score_change).toBeCloseTo(4.4, 9);
    // Never a later year's score for an earlier period; no score, no trend.
    const y2021 = assessIndicators(catalog, inputs, assessPeriod({year: "2021"}));
    expect(y2021.find((r) => r.indicator_id === "market_regulation")).toMatchObject({
      indicator_score: 60,
      score_change: null,
    });
    expect(rows.find((r) => r.indicator_id === "starting_a_business")).toMatchObject({
      indicator_score: null,
      indicator_score_year: null,
      score_change: null,
    });
  });
});
