import {createRequire} from "node:module";
import {readFileSync} from "node:fs";
import type {Page} from "playwright-core";

/** axe-core's browser bundle, read from node_modules (never a CDN) and injected into the page under test. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** One serious or critical axe finding: the rule, how bad, and the CSS targets of the elements that break it. */
export interface AxeViolation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * The serious and critical axe-core violations of the page as it stands, WCAG 2.1 A and AA rules (the test that
 * GB/T 37668-2019 and the 适老化 rules are usually checked with), plus best practices. Minor and moderate findings
 * are left to review: the suite fails on what blocks a reader.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // axe is the global the injected bundle defines.
    const axe = (globalThis as unknown as {axe: {run: (ctx: Document, o: object) => Promise<AxeResults>}}).axe;
    interface AxeResults {
      violations: {id: string; impact: string | null; help: string; nodes: {target: unknown[]}[]}[];
    }
    const results = await axe.run(document, {
      runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
      resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** One line per violation, for a failing test's message: `rule (impact, n×): first targets`. */
export function describeViolations(path: string, violations: AxeViolation[]): string[] {
  return violations.map(
    (v) =>
      `${path} ${v.rule} (${v.impact}, ${v.targets.length}×: ${v.help}): ${v.targets.slice(0, 5).join(" | ")}${v.targets.length > 5 ? " …" : ""}`,
  );
}
