import {describe, expect, it} from "vitest";
import {correctionName} from "../../pipeline/ingest/correctionName.ts";

describe("correctionName: the name a file and its corrected versions share", () => {
  it.each([
    ["开办企业办件_2023年5月.xlsx", "开办企业办件_2023年5月"],
    ["开办企业办件_2023年5月（修订版）.xlsx", "开办企业办件_2023年5月"],
    ["开办企业办件_2023年5月_更正.xlsx", "开办企业办件_2023年5月"],
    ["【更正】开办企业办件_2023年5月.xlsx", "开办企业办件_2023年5月"],
    ["开办企业办件_2023年5月最终版.xlsx", "开办企业办件_2023年5月"],
    ["开办企业办件_2023年5月 - 副本.xlsx", "开办企业办件_2023年5月"],
    ["开办企业办件_2023年5月 (1).xlsx", "开办企业办件_2023年5月"],
    ["开办企业办件_2023年5月（2）.xlsx", "开办企业办件_2023年5月"],
    ["Startup_Cases_2023-05_v2 (1).csv", "startup_cases_2023_05"],
    ["startup_cases_2023-05_new.csv", "startup_cases_2023_05"],
    ["startup_cases_2023-05-final.csv", "startup_cases_2023_05"],
    ["Copy of startup_cases_2023-05.csv", "startup_cases_2023_05"],
    ["startup cases 2023.05 rev2.csv", "startup_cases_2023_05"],
  ])("%s → %s", (name, expected) => expect(correctionName(name)).toBe(expected));

  it("keeps what tells one period's or feed's file from another's", () => {
    expect(correctionName("开办企业_2023-05.csv")).not.toBe(correctionName("开办企业_2023-06.csv"));
    expect(correctionName("startup_2023-05_v2.csv")).not.toBe(correctionName("startup_2023-06_v2.csv"));
    // A leading "new" is part of the name, and a word only contains a marker, it is not one.
    expect(correctionName("new_taxpayer_cases.csv")).toBe("new_taxpayer_cases");
    expect(correctionName("renewal_2023.csv")).toBe("renewal_2023");
    expect(correctionName("data_newest.csv")).toBe("data_newest");
  });

  it("a name that is nothing but markers keeps its stem", () => {
    expect(correctionName("v2.csv")).toBe("v2");
    expect(correctionName("final.csv")).not.toBe(correctionName("v2.csv"));
  });
});
