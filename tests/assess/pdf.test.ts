// The PDF printed by headless Chromium: an A4 PDF whose pages carry the report, its Chinese set in Noto Sans CJK SC
// (Debian's fonts-noto-cjk). Chromium embeds that OpenType/CFF font as Type 3 glyphs, so `pdffonts` lists the
// fonts without names; the font descriptors still name it (/FontName /…+NotoSansCJKsc-Regular), which is what is
// checked. Without Chromium the suite says it was skipped (and fails in CI, which installs it).
import {execFileSync} from "node:child_process";
import {describe, expect, it} from "vitest";
import {printPdf} from "../../pipeline/assess/printPdf.ts";
import {renderHtml} from "../../pipeline/assess/renderHtml.ts";
import {chromiumMissing, chromiumPath} from "../helpers/chromium.ts";
import {catalog, fixtureAssessment, PINNED_META} from "./fixture.ts";

const missing = chromiumMissing();

/** Pages of a PDF: page objects in its bytes (`/Type /Page`, not `/Pages`). */
const pageObjects = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

function pdfinfoPages(pdf: Buffer): number | null {
  try {
    const out = execFileSync("pdfinfo", ["-"], {input: pdf, encoding: "utf8", stdio: ["pipe", "pipe", "ignore"]});
    return Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  } catch {
    return null; // poppler-utils not installed: the page objects are counted instead
  }
}

if (missing) {
  describe("the PDF report", () => {
    it(`is SKIPPED: ${missing}`, (ctx) => {
      if (process.env.CI) throw new Error(`the PDF test cannot run in CI: ${missing}`);
      console.warn(`[tests/assess/pdf] SKIPPED: ${missing}`);
      ctx.skip(missing);
    });
  });
} else {
  describe("the PDF report", () => {
    it("is an A4 PDF of several pages with Noto Sans CJK SC embedded", {timeout: 120_000}, async () => {
      const a = fixtureAssessment({year: "2022"});
      const html = renderHtml(a, catalog, "zh", PINNED_META);
      const pdf = await printPdf(html, {
        executablePath: chromiumPath,
        title: "西宁市 2022 考评",
        headerText: "模拟数据",
      });
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pages = pageObjects(pdf);
      expect(pages).toBeGreaterThanOrEqual(5);
      expect(pages).toBeLessThanOrEqual(20);
      const info = pdfinfoPages(pdf);
      if (info !== null) expect(info).toBe(pages);
      const text = pdf.toString("latin1");
      expect(text).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSansCJKsc-Regular/);
      // A4 portrait: 595 × 842 points
      expect(text).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+595\.\d*\s+842\.\d*\s*\]/);
    });
  });
}
