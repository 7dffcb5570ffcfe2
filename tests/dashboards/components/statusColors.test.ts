import {describe, expect, it} from "vitest";
import {TONE_COLOR} from "../../../dashboards/components/statusColors.ts";

/** WCAG 2.1 contrast ratio of two #rrggbb colours (relative luminance, sRGB). */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("status colours", () => {
  it.each(Object.entries(TONE_COLOR))(
    "%s keeps 4.5:1 as text on white and on the cards' #f6f6f6, and under white text",
    (_, color) => {
      expect(contrast(color, "#ffffff")).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color, "#f6f6f6")).toBeGreaterThanOrEqual(4.5);
    },
  );
});
