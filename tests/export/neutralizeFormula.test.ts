import {describe, expect, it} from "vitest";
import {neutralizeFormula} from "../../pipeline/export/neutralizeFormula.ts";

describe("neutralizeFormula", () => {
  it("prefixes text that a spreadsheet would evaluate as a formula", () => {
    expect(neutralizeFormula('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
    expect(neutralizeFormula("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(neutralizeFormula("-2+3")).toBe("'-2+3");
    expect(neutralizeFormula("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(neutralizeFormula("\t=1+1")).toBe("'\t=1+1");
    expect(neutralizeFormula("\r=1+1")).toBe("'\r=1+1");
  });

  it("keeps numbers numeric, numeric text as it is, and ordinary text untouched", () => {
    expect(neutralizeFormula(-3.5)).toBe(-3.5);
    expect(neutralizeFormula(0)).toBe(0);
    expect(neutralizeFormula("-3.5")).toBe("-3.5");
    expect(neutralizeFormula("+2")).toBe("+2");
    expect(neutralizeFormula("-1e-7")).toBe("-1e-7");
    expect(neutralizeFormula("城东区")).toBe("城东区");
    expect(neutralizeFormula("a=b")).toBe("a=b");
    expect(neutralizeFormula(null)).toBeNull();
    expect(neutralizeFormula(true)).toBe(true);
  });
});
