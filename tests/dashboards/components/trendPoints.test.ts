// An indicator page's trend: by month where the metric has months, by year for a metric measured yearly (issue 11: the
// demo's 保护中小投资者, 办理破产 and 包容普惠创新 pages drew an empty chart, their feeds being yearly).
import {describe, expect, it} from "vitest";
import type {SeriesPoint} from "../../../dashboards/data/indicatorData.ts";
import {trendPoints, type IndicatorView} from "../../../dashboards/components/indicatorView.ts";

const point = (period_type: string, period: string, median: number, area = "xining"): SeriesPoint => ({
  metric: "m",
  area,
  period_type,
  period,
  segment: "all",
  n: 10,
  median,
  mean: median,
  p90: null,
  share: null,
});

function view(series: SeriesPoint[]): IndicatorView {
  return {
    data: {targets: [{clause: "40", metric: "m", segment: "all"}]} as unknown as IndicatorView["data"],
    series,
    attainment: [
      {clause: "40", period_type: "year", period: "2022", status: "met"},
      {clause: "40", period_type: "month", period: "2022-02", status: "missed"},
    ] as IndicatorView["attainment"],
    forecasts: [],
    distributions: [],
    areas: [],
  };
}

describe("trendPoints", () => {
  it("draws a yearly metric by year, oldest first, each year with its status", () => {
    const v = view([point("year", "2022", 14), point("year", "2021", 12), point("year", "2022", 99, "chengdong")]);
    expect(trendPoints(v, "m", "all", "xining")).toEqual([
      {period: "2021", value: 12, status: null},
      {period: "2022", value: 14, status: "met"},
    ]);
  });

  it("draws months where the metric has them, its years left to the yearly table", () => {
    const v = view([point("year", "2022", 5), point("month", "2022-02", 4), point("month", "2022-01", 6)]);
    expect(trendPoints(v, "m", "all", "xining")).toEqual([
      {period: "2022-01", value: 6, status: null},
      {period: "2022-02", value: 4, status: "missed"},
    ]);
  });
});
