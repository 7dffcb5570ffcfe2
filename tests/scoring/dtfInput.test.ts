import {describe, expect, it} from "vitest";
import {DtfInputError, parseDtfCsv} from "../../pipeline/scoring/dtfInput.ts";

function issues(text: string): string[] {
  try {
    parseDtfCsv(text);
  } catch (error) {
    if (error instanceof DtfInputError) return error.issues.map((i) => `${i.line}: ${i.message}`);
    throw error;
  }
  return [];
}

describe("parseDtfCsv", () => {
  it("reads rows with their line numbers, ignoring extra columns, blank lines, BOM and spaces", () => {
    const text =
      '\uFEFFvalue, economy ,topic,component,source\n\n 3 ,Beijing,starting_a_business,procedures,"report, p. 4"\n';
    expect(parseDtfCsv(text)).toEqual([
      {economy: "Beijing", topic: "starting_a_business", component: "procedures", value: 3, line: 3},
    ]);
  });

  it("reads the two words", () => {
    const rows = parseDtfCsv(
      "economy,topic,component,value\nX,resolving_insolvency,*,no_practice\nX,paying_taxes,vat_refund_wait_weeks,not_applicable\n",
    );
    expect(rows.map((r) => r.value)).toEqual(["no_practice", "not_applicable"]);
  });

  it("names a missing column", () => {
    expect(issues("economy,topic,value\nX,t,1\n")).toEqual([
      '1: the header must name economy,topic,component,value; found "economy,topic,value"',
    ]);
  });

  it("lists every bad line: empty field, unreadable value, duplicate", () => {
    const text = [
      "economy,topic,component,value",
      "X,getting_credit,legal_rights_index,",
      "X,getting_credit,credit_information_index,8%",
      "X,getting_credit,credit_information_index,8",
      "X,getting_credit,credit_information_index,7",
    ].join("\n");
    expect(issues(text)).toEqual([
      "2: empty value",
      '3: value must be a number, no_practice or not_applicable; found "8%"',
      "5: X getting_credit credit_information_index is already given on line 4",
    ]);
  });
});
